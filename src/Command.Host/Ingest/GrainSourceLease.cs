using Command.Grains.Links;
using Command.Ingest.Intake;

namespace Command.Host.Ingest;

/// <summary>
/// Holds sources for this host through their lease grains, this host named by its silo's endpoint: the same host
/// started again after it was killed is the holder it was, and takes its source back at once.
/// </summary>
public sealed class GrainSourceLease(IGrainFactory grains, ILocalSiloDetails silo) : ISourceLease
{
    private string Holder => silo.SiloAddress.Endpoint.ToString();

    public async ValueTask<HeldElsewhere?> HoldAsync(string source, TimeSpan term, string? down, CancellationToken cancellationToken) =>
        await grains.GetGrain<ISourceLeaseGrain>(source).Hold(Holder, term, down).WaitAsync(cancellationToken) is { } holder
            ? new HeldElsewhere(holder.Host, holder.Down)
            : null;

    public async ValueTask LetGoAsync(string source, CancellationToken cancellationToken) =>
        await grains.GetGrain<ISourceLeaseGrain>(source).LetGo(Holder).WaitAsync(cancellationToken);
}

namespace Command.Ingest.Intake;

/// <summary>
/// Which host of a cluster connects out to a source every host could reach (a KISS TNC), so that what it sends comes
/// in once: a host holds the source for a term and renews it while it is connected; one that stops renewing (killed,
/// cut off from the cluster) loses it when the term runs out, and another host takes it. The host implements it over a
/// grain; a host on its own holds every source.
/// </summary>
public interface ISourceLease
{
    /// <summary>
    /// Holds <paramref name="source"/> for this host for <paramref name="term"/> from now, or renews its hold, saying why
    /// this host hears nothing from it (<paramref name="down"/>; null where it does): null when it is this host's, or the
    /// host that holds it and why that host hears nothing from it.
    /// </summary>
    ValueTask<HeldElsewhere?> HoldAsync(string source, TimeSpan term, string? down, CancellationToken cancellationToken);

    /// <summary>Lets go of <paramref name="source"/> where this host holds it, so that another may take it at once.</summary>
    ValueTask LetGoAsync(string source, CancellationToken cancellationToken);
}

/// <summary>A host on its own: it holds every source.</summary>
public sealed class SoleHost : ISourceLease
{
    public ValueTask<HeldElsewhere?> HoldAsync(string source, TimeSpan term, string? down, CancellationToken cancellationToken) => ValueTask.FromResult<HeldElsewhere?>(null);

    public ValueTask LetGoAsync(string source, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>The host of the cluster that holds a source, and why it hears nothing from it where it does not (null where it does).</summary>
public sealed record HeldElsewhere(string Host, string? Down);

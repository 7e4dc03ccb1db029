using Command.Grains.Incidents;

namespace Command.Host.Tests.Support;

/// <summary>
/// Fails every call to an incident whose storage is away as Azure Storage fails when nothing answers at its address:
/// what a caller sees of an incident that cannot read or record its state.
/// </summary>
public sealed class StorageAway : IIncomingGrainCallFilter
{
    private volatile string? away;

    public void Away(string incidentId) => away = incidentId;

    public void Back() => away = null;

    public Task Invoke(IIncomingGrainCallContext context) =>
        away is { } incident && context.TargetContext.GrainId.Key.ToString() == incident && context.Grain is IIncidentGrain
            ? throw new Azure.RequestFailedException("Connection refused (127.0.0.1:10000)")
            : context.Invoke();
}

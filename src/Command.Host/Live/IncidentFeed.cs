using Command.Domain.Views;
using Command.Grains.Incidents;

namespace Command.Host.Live;

/// <summary>
/// This host's subscription to one feed (a live incident, or a replay): hears its frames as a grain observer and
/// hands them to the browsers on this host watching it. Any host can serve any feed; Orleans routes to the grain.
/// </summary>
public sealed partial class IncidentFeed(string incidentId, IFrameSource source, IGrainFactory grains, FrameFanout fanout, TimeProvider clock, ILogger logger)
    : IIncidentObserver
{
    private readonly FrameOrder order = new();
    private IIncidentObserver? reference;
    private long lastHeard = clock.GetTimestamp();

    public string IncidentId { get; } = incidentId;

    /// <summary>How long since the incident last sent anything (a frame or a heartbeat), or was subscribed to.</summary>
    public TimeSpan Silence => clock.GetElapsedTime(Volatile.Read(ref lastHeard));

    public Task OnFrame(IncidentFrame frame)
    {
        Volatile.Write(ref lastHeard, clock.GetTimestamp());
        if (order.Admit(frame) is { } admitted)
        {
            fanout.Publish(IncidentId, admitted);
        }

        return Task.CompletedTask;
    }

    /// <summary>Subscribes, or renews the subscription so the grain does not expire it; also reaches a new activation.</summary>
    public async Task RenewAsync()
    {
        reference ??= grains.CreateObjectReference<IIncidentObserver>(this);
        try
        {
            await source.Subscribe(reference);
            Volatile.Write(ref lastHeard, clock.GetTimestamp());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRenewFailed(logger, ex, IncidentId);
        }
    }

    public async Task CloseAsync()
    {
        if (reference is null)
        {
            return;
        }

        await source.Unsubscribe(reference);
        grains.DeleteObjectReference<IIncidentObserver>(reference);
        reference = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the subscription to feed {IncidentId}; will retry")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string incidentId);
}

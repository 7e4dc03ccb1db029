using Command.Domain.Views;
using Command.Grains.Incidents;

namespace Command.Host.Live;

/// <summary>
/// This host's subscription to one feed (a live incident, or a replay): hears its frames as a grain observer and
/// hands them to the browsers on this host watching it. Any host can serve any feed; Orleans routes to the grain.
/// A subscription that may have missed frames (the feed fell silent, or its grain was activated anew without it: its
/// host died, it moved) brings this host's browsers the whole picture once it is renewed, as joining does; the frames
/// heard while that is fetched wait for it, so none overtakes it. A renewal that keeps failing (a replay whose recording
/// cannot be read is retried every second) is logged once, then once every <see cref="WarnAgainAfter"/> while it fails,
/// and once more when it succeeds again.
/// </summary>
public sealed partial class IncidentFeed : IIncidentObserver
{
    private readonly IFrameSource source;
    private readonly IGrainFactory grains;
    private readonly FrameFanout fanout;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly FrameOrder order = new();
    private readonly Lock sync = new();
    private readonly RenewedSubscription subscription;
    private IIncidentObserver? reference;
    private long lastHeard;
    private volatile bool behind;
    private List<IncidentFrame>? held;
    private long? failingSince;
    private long lastWarned;
    private int failures;

    /// <summary>How often a renewal that keeps failing is logged again: once a minute.</summary>
    public static readonly TimeSpan WarnAgainAfter = TimeSpan.FromMinutes(1);

    public IncidentFeed(string incidentId, IFrameSource source, IGrainFactory grains, FrameFanout fanout, TimeProvider clock, ILogger logger)
    {
        (IncidentId, this.source, this.grains, this.fanout, this.clock, this.logger) = (incidentId, source, grains, fanout, clock, logger);
        lastHeard = clock.GetTimestamp();
        subscription = new RenewedSubscription(Subscribe, clock, IncidentFeeds.RenewInterval);
    }

    public string IncidentId { get; }

    /// <summary>How long since the incident last sent anything (a frame or a heartbeat), or was subscribed to.</summary>
    public TimeSpan Silence => clock.GetElapsedTime(Volatile.Read(ref lastHeard));

    /// <summary>True while this host's browsers may be missing frames and have not yet been given the whole picture.</summary>
    public bool Behind => behind;

    public Task OnFrame(IncidentFrame frame)
    {
        Volatile.Write(ref lastHeard, clock.GetTimestamp());
        lock (sync)
        {
            if (held is not null)
            {
                held.Add(frame);
            }
            else
            {
                Publish(frame);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Subscribes, or renews the subscription so the grain does not expire it; also reaches a new activation. After
    /// <paramref name="silent"/> (nothing heard for a while), or where the grain did not hold the subscription, frames
    /// may have been missed: the browsers get the whole picture, now or at a later renewal if it cannot be had now.
    /// </summary>
    public async Task RenewAsync(bool silent = false)
    {
        // Only a feed that was heard before can have missed anything: a first subscription's browsers join for a picture.
        behind |= silent && subscription.Subscribed;
        try
        {
            behind |= await subscription.RenewAsync();
            Volatile.Write(ref lastHeard, clock.GetTimestamp());
            if (behind)
            {
                await CatchUpAsync();
            }

            if (failingSince is { } since)
            {
                var seconds = Math.Round(clock.GetElapsedTime(since).TotalSeconds);
                LogRenewedAgain(logger, IncidentId, seconds, failures);
                (failingSince, failures) = (null, 0);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(ex);
        }
    }

    private Task<bool> Subscribe()
    {
        reference ??= grains.CreateObjectReference<IIncidentObserver>(this);
        return source.Subscribe(reference);
    }

    private void Failed(Exception ex)
    {
        failures++;
        var now = clock.GetTimestamp();
        if (failingSince is not { } since)
        {
            (failingSince, lastWarned) = (now, now);
            LogRenewFailed(logger, ex, IncidentId);
        }
        else if (clock.GetElapsedTime(lastWarned) >= WarnAgainAfter)
        {
            lastWarned = now;
            var seconds = Math.Round(clock.GetElapsedTime(since).TotalSeconds);
            LogStillFailing(logger, ex, IncidentId, seconds, failures);
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

    private async Task CatchUpAsync()
    {
        lock (sync)
        {
            if (held is not null)
            {
                // Another renewal is fetching the whole picture already; it brings it.
                return;
            }

            held = [];
        }

        IncidentFrame? whole = null;
        try
        {
            whole = await source.GetFullFrame();
        }
        finally
        {
            lock (sync)
            {
                // The whole picture first, then what came while it was fetched, trimmed by the order of what it already holds.
                if (whole is not null)
                {
                    Publish(whole);
                    behind = false;
                }

                foreach (var frame in held)
                {
                    Publish(frame);
                }

                held = null;
            }
        }
    }

    private void Publish(IncidentFrame frame)
    {
        if (order.Admit(frame) is { } admitted)
        {
            fanout.Publish(IncidentId, admitted);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the subscription to feed {IncidentId}; will retry")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string incidentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Still cannot renew the subscription to feed {IncidentId}, for {Seconds} s and {Tries} tries; will retry")]
    private static partial void LogStillFailing(ILogger logger, Exception exception, string incidentId, double seconds, int tries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewed the subscription to feed {IncidentId} after {Seconds} s and {Tries} failed tries")]
    private static partial void LogRenewedAgain(ILogger logger, string incidentId, double seconds, int tries);
}

using Command.Grains.Annotations;
using Command.Host.Live;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Paperwork;

/// <summary>
/// The sessions whose notes this host's browsers watch (<see cref="IncidentHub.WatchNotes"/>): one subscription to each
/// session's annotation grain while anyone here watches it, renewed on a timer (the grain drops observers that stop
/// renewing, and forgets them all when it deactivates). Each annotation kept (a note, an amendment, a withdrawal, a
/// rating) reaches the grain's observers on every host, and each host tells only its own connections, through its own
/// hub, to read the notes again (<see cref="Method"/>): no host sends to another host's browsers. A renewal the grain did
/// not hold (it was activated anew, on this silo or another) may have missed some, so it tells them too.
/// </summary>
public sealed partial class NoteWatchers(IGrainFactory grainFactory, IHubContext<IncidentHub> hubContext, TimeProvider timeProvider, ILogger<NoteWatchers> log) : BackgroundService
{
    private readonly IGrainFactory grains = grainFactory;
    private readonly IHubContext<IncidentHub> hub = hubContext;
    private readonly TimeProvider clock = timeProvider;
    private readonly ILogger<NoteWatchers> logger = log;

    /// <summary>The hub message a watching browser hears: <see cref="NotesChanged"/>.</summary>
    public const string Method = "notes";

    /// <summary>How often a subscription is renewed: 30 s, well inside the grain's 2-minute expiry.</summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(30);

    /// <summary>How often subscriptions are looked over (one that failed is tried again then): 5 s.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(5);

    private readonly Lock sync = new();
    private readonly Dictionary<string, Watch> watches = new(StringComparer.Ordinal);

    /// <summary>Tells <paramref name="connectionId"/> of each change to the notes of <paramref name="incidentId"/> from now on.</summary>
    public async Task WatchAsync(string connectionId, string incidentId)
    {
        Watch watch;
        bool created;
        lock (sync)
        {
            created = !watches.TryGetValue(incidentId, out watch!);
            if (created)
            {
                watches[incidentId] = watch = new Watch(incidentId, this);
            }

            watch.Connections.Add(connectionId);
        }

        if (created)
        {
            await watch.RenewAsync();
        }
    }

    public Task UnwatchAsync(string connectionId, string incidentId) =>
        CloseAsync(Unwatched(w => w.IncidentId == incidentId && w.Connections.Remove(connectionId)));

    public Task DisconnectedAsync(string connectionId) => CloseAsync(Unwatched(w => w.Connections.Remove(connectionId)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WatchInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            List<Watch> due;
            lock (sync)
            {
                due = [.. watches.Values.Where(w => w.Due)];
            }

            foreach (var watch in due)
            {
                await watch.RenewAsync(whenDue: true);
            }
        }
    }

    // The watches left with no connection once each that matches has let one go: taken out here, unsubscribed after.
    private List<Watch> Unwatched(Func<Watch, bool> letGo)
    {
        lock (sync)
        {
            var emptied = watches.Values.Where(w => letGo(w) && w.Connections.Count == 0).ToList();
            foreach (var watch in emptied)
            {
                watches.Remove(watch.IncidentId);
            }

            return emptied;
        }
    }

    private async Task CloseAsync(List<Watch> closing)
    {
        foreach (var watch in closing)
        {
            await watch.CloseAsync();
        }
    }

    private List<string> ConnectionsOf(Watch watch)
    {
        lock (sync)
        {
            return [.. watch.Connections];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the notes of session {IncidentId} failed; trying again")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string incidentId);

    /// <summary>One session's notes, watched from this host: the grain observer, and the connections here it tells.</summary>
    private sealed class Watch : IAnnotationObserver
    {
        private readonly NoteWatchers owner;
        private readonly RenewedSubscription subscription;
        private IAnnotationObserver? reference;
        private long warned = long.MinValue;

        public Watch(string incidentId, NoteWatchers owner)
        {
            (IncidentId, this.owner) = (incidentId, owner);
            subscription = new RenewedSubscription(Subscribe, owner.clock, RenewInterval);
        }

        public string IncidentId { get; }

        /// <summary>Guarded by the owner's lock.</summary>
        public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);

        public bool Due => subscription.Due;

        public Task OnAnnotated(string incidentId, long number) => TellAsync(number);

        /// <summary>Subscribes or renews (only if still due when its turn comes, where <paramref name="whenDue"/>).</summary>
        public async Task RenewAsync(bool whenDue = false)
        {
            try
            {
                if (await subscription.RenewAsync(whenDue))
                {
                    // The grain did not hold this subscription: what was kept meanwhile was not heard here.
                    await TellAsync(0);
                }
            }
            catch (Exception ex)
            {
                // Tried again at the next look, and said once a minute while it keeps failing.
                if (warned == long.MinValue || owner.clock.GetElapsedTime(warned) >= TimeSpan.FromMinutes(1))
                {
                    warned = owner.clock.GetTimestamp();
                    LogRenewFailed(owner.logger, ex, IncidentId);
                }
            }
        }

        public async Task CloseAsync()
        {
            if (reference is null)
            {
                return;
            }

            try
            {
                await owner.grains.GetGrain<IAnnotationGrain>(IncidentId).Unsubscribe(reference);
            }
            catch (Exception ex)
            {
                // Left to expire at the grain.
                LogRenewFailed(owner.logger, ex, IncidentId);
            }

            owner.grains.DeleteObjectReference<IAnnotationObserver>(reference);
        }

        private Task<bool> Subscribe()
        {
            reference ??= owner.grains.CreateObjectReference<IAnnotationObserver>(this);
            return owner.grains.GetGrain<IAnnotationGrain>(IncidentId).Subscribe(reference);
        }

        private Task TellAsync(long number)
        {
            var connections = owner.ConnectionsOf(this);
            return connections.Count == 0 ? Task.CompletedTask : owner.hub.Clients.Clients(connections).SendAsync(Method, new NotesChanged(IncidentId, number));
        }
    }
}

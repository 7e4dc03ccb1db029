namespace Command.Grains.Incidents;

/// <summary>How an incident grain ticks, records and persists (configuration section "Incidents"). Frames are paced by <see cref="Domain.Views.FramePacing"/>.</summary>
public sealed class IncidentGrainOptions
{
    /// <summary>How often a watched incident's clock moves on with no report, so silent units age. Default 1 s.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often an incident nobody watches wakes to move its clock on. Default 5 s: the ticks it folds are the same
    /// whenever they are folded (one per second of incident time), so nobody gains from folding them sooner, and a
    /// quiet incident costs the host a turn every few seconds rather than every second.
    /// </summary>
    public TimeSpan UnwatchedTickInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an incident with no input (report, command) and no one watching keeps ticking before it goes quiet:
    /// it deactivates, and the next input or viewer brings it back as its recording left it. Default 15 minutes.
    /// </summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a snapshot of the fold is stored in the recording, in event time. Default 30 s.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often changed state is written to grain storage between commands. Default 10 s.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a unit grain is told its latest fix (the first fix at once). Default 5 s of incident time.</summary>
    public TimeSpan UnitSyncInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an incident whose recording could not be read waits before it tries again. Default 5 s.</summary>
    public TimeSpan CatchUpRetry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Write state when the silo shuts down. Default true; pointless (and noisy) when grain storage is in memory
    /// and goes down with the silo, so the host turns it off then (<see cref="KeepGrainState"/>): not a setting.
    /// </summary>
    public bool PersistOnShutdown { get; private set; } = true;

    /// <summary>Most incidents open at once across the cluster; opening one more is refused. Default 100.</summary>
    public int MaxOpen { get; set; } = 100;

    /// <summary>An observer that has not renewed for this long is dropped. Default 2 minutes.</summary>
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether an incident that activates with no grain state, open in its recording, says it was not running from when it
    /// stopped (<see cref="Domain.Events.IncidentResumed"/>), however short the stop: a unit's silence across it reads
    /// as its own otherwise. The host sets it where grain state is kept in memory, which only a stopped process loses; a
    /// cluster says so of a host that left it instead (<see cref="KeepGrainState"/>): not a setting.
    /// </summary>
    public bool SaysResumes { get; private set; }

    /// <summary>
    /// Fits these options to where the host keeps grain state, which follows from <c>Cluster:GrainStorage</c> and is no
    /// setting of its own: the setters are not public, so configuration neither binds nor names them, where naming one
    /// was taken and did nothing.
    /// </summary>
    public void KeepGrainState(bool beyondTheProcess)
    {
        PersistOnShutdown = beyondTheProcess;
        SaysResumes = !beyondTheProcess;
    }

    /// <summary>What makes these settings unworkable, each named under section <c>Incidents</c>; empty when none does.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(TickInterval), TickInterval), (nameof(UnwatchedTickInterval), UnwatchedTickInterval), (nameof(IdleAfter), IdleAfter),
            (nameof(SnapshotInterval), SnapshotInterval), (nameof(PersistInterval), PersistInterval), (nameof(UnitSyncInterval), UnitSyncInterval),
            (nameof(CatchUpRetry), CatchUpRetry), (nameof(ObserverExpiry), ObserverExpiry),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return FormattableString.Invariant($"Incidents:{name} must be positive (was {value:c})");
            }
        }

        if (MaxOpen < 1)
        {
            yield return FormattableString.Invariant($"Incidents:MaxOpen must be at least 1 (was {MaxOpen})");
        }
    }
}

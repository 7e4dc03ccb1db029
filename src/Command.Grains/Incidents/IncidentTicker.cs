namespace Command.Grains.Incidents;

/// <summary>
/// Wakes an incident to move its clock on, on the incident's own clock (a fake one in tests): every
/// <see cref="IncidentGrainOptions.TickInterval"/> while it is watched, every
/// <see cref="IncidentGrainOptions.UnwatchedTickInterval"/> otherwise. It wakes at each whole multiple of that
/// period on the clock, so a tick folds the second that has just begun, and the quiet incidents of a host all wake
/// together, in one burst, rather than each at its own moment: a host wakes its threads once for all of them.
/// </summary>
internal sealed class IncidentTicker(TimeProvider clock, IncidentGrainOptions options, Action tick) : IDisposable
{
    private ITimer? timer;
    private bool watched;

    /// <summary>True from <see cref="Start"/> until <see cref="Dispose"/>.</summary>
    public bool Running => timer is not null;

    /// <summary>Starts waking the incident, at the pace for whether it is <paramref name="watched"/>; once.</summary>
    public void Start(bool watched)
    {
        if (timer is not null)
        {
            return;
        }

        timer = clock.CreateTimer(_ => tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Pace(watched);
    }

    /// <summary>Sets when it next wakes: at the next turn of the period for whether the incident is <paramref name="watched"/>.</summary>
    public void Pace(bool watched)
    {
        this.watched = watched;
        if (timer is null)
        {
            return;
        }

        var period = watched ? options.TickInterval : options.UnwatchedTickInterval;
        var now = clock.GetUtcNow().UtcTicks;
        var turn = ((now / period.Ticks) + 1) * period.Ticks;

        // In whole milliseconds, rounded up: a system timer counts in them, and one set a fraction short would wake
        // before the turn (a wake a little early folds nothing new, and sets the next one for the turn). Periodic as
        // well, so a wake whose tick went astray does not stop the incident's clock.
        var wait = TimeSpan.FromMilliseconds(Math.Ceiling(TimeSpan.FromTicks(turn - now).TotalMilliseconds));
        timer.Change(wait, period);
    }

    /// <summary>Sets the pace again if whether the incident is watched has changed.</summary>
    public void Watched(bool watched)
    {
        if (watched != this.watched)
        {
            Pace(watched);
        }
    }

    public void Dispose()
    {
        timer?.Dispose();
        timer = null;
    }
}

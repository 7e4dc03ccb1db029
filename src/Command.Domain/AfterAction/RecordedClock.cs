using Command.Domain.Events;

namespace Command.Domain.AfterAction;

/// <summary>
/// The clock a unit's times are measured on in the report: the drill's (<see cref="Incidents.DrillClock"/>), less the time
/// in which its incident's host was down and nothing was recorded (<see cref="IncidentResumed"/>). A hold, a time away
/// from the threat or a hold while flags were suppressed from before the host stopped to after it came back was not seen
/// while nobody recorded: counted as observed, a host's four-minute restart read as four minutes an officer stood outside.
/// </summary>
/// <param name="drill">The clock units were judged on.</param>
/// <param name="stops">The host's stops recorded so far, oldest first (a live view: the fold adds to it as it reads).</param>
internal sealed class RecordedClock(Incidents.DrillClock drill, IReadOnlyList<IncidentResumed> stops)
{
    /// <summary>The time from <paramref name="from"/> to <paramref name="to"/> in which something was recorded, on the drill's clock.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to) => drill.Elapsed(from, to) - Unrecorded(from, to);

    /// <summary>The time from <paramref name="from"/> to <paramref name="to"/> in which the incident's host was down, on the drill's clock.</summary>
    public TimeSpan Unrecorded(DateTimeOffset from, DateTimeOffset to)
    {
        var unrecorded = TimeSpan.Zero;
        foreach (var stop in stops)
        {
            var (start, end) = (stop.Time > from ? stop.Time : from, stop.Resumed < to ? stop.Resumed : to);
            unrecorded += end > start ? drill.Elapsed(start, end) : TimeSpan.Zero;
        }

        return unrecorded;
    }

    /// <summary>
    /// "not counting a recording gap of 4:12 (the incident was not running 15:01:00–15:05:12 UTC (4:12): its host … stopped
    /// or restarted)" where the host was down from <paramref name="from"/> to <paramref name="to"/>; null where it was not.
    /// </summary>
    public string? NotCounted(DateTimeOffset from, DateTimeOffset to) =>
        Unrecorded(from, to) is var unrecorded && unrecorded <= TimeSpan.Zero ? null
            : $"not counting a recording gap of {Durations.Clock(unrecorded)} ({string.Join("; ", stops.Where(s => s.Time < to && s.Resumed > from).Select(s => $"the incident was {s.Said()}"))})";
}

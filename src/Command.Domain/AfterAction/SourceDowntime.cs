using Command.Domain.Events;

namespace Command.Domain.AfterAction;

/// <summary>
/// A span in which a source of reports feeding the incident was down, or refused part of what came through it, as its
/// host recorded it (<see cref="SourceChanged"/>): from when the host found it so to when it was heard again (or no longer
/// waited on); open to the end of the record where neither was recorded.
/// </summary>
/// <param name="SourceId">Which source (<see cref="SourceChanged.SourceId"/>).</param>
/// <param name="Name">In words: "TAK Server at 10.0.0.5:8089".</param>
/// <param name="Throttled">True where it refused part of what came, not all.</param>
/// <param name="From">Since when its host found it so.</param>
/// <param name="Until">When it was recorded heard again; null where it was not before the end of the record.</param>
/// <param name="RecordedAt">When the incident recorded it going down: its timeline mark and log line are at that time.</param>
public sealed record SourceDownSpan(string SourceId, string Name, bool Throttled, DateTimeOffset From, DateTimeOffset? Until, DateTimeOffset RecordedAt)
{
    /// <summary>
    /// As a unit's row says why it went unheard: ", while TAK Server at 10.0.0.5:8089 was down", ", while part of what
    /// came through … was refused".
    /// </summary>
    public string While => $", while {Cause}";

    /// <summary>What it was, for a table: "TAK Server at 10.0.0.5:8089 was down", "part of what came through … was refused".</summary>
    public string Cause => Throttled ? $"part of what came through {Name} was refused" : $"{Name} was down";

    /// <summary>
    /// As a unit's log says it went unheard then: "nothing was heard from TAK Server at 10.0.0.5:8089, which it reported
    /// through, 15:03:10–15:07:20 UTC" ("part of what came through … was refused …" where it was throttled; "from 15:03:10
    /// UTC to the end of the record" where it was not heard again).
    /// </summary>
    public string Said()
    {
        var when = Until is { } until ? $"{AfterActionFold.Utc(From)}–{AfterActionFold.Utc(until)} UTC" : $"from {AfterActionFold.Utc(From)} UTC to the end of the record";
        return Throttled
            ? $"part of what came through {Name}, which it reported through, was refused {when}"
            : $"nothing was heard from {Name}, which it reported through, {when}";
    }
}

/// <summary>
/// The spans in which the sources feeding an incident were down or refused part of what came, followed through its
/// recording, so that a unit's silence is said with the outage of the source it reported through: "no report of it was
/// taken" alone reads as its radio gone dark.
/// </summary>
public sealed class SourceDowntime
{
    private readonly Dictionary<string, SourceDownSpan> open = new(StringComparer.Ordinal);
    private readonly List<SourceDownSpan> closed = [];

    /// <summary>
    /// Follows one change recorded at <paramref name="time"/>: a source down (or throttled) opens a span from when its host
    /// found it so, unless one of the same kind stands; one heard again, or no longer waited on, closes it. A source going
    /// from throttled to down, or back, closes one span and opens the other.
    /// </summary>
    public void Follow(SourceChanged change, DateTimeOffset time)
    {
        var was = open.GetValueOrDefault(change.SourceId);
        if (change.Down && was is not null && was.Throttled == change.Throttled)
        {
            return;
        }

        if (was is not null)
        {
            closed.Add(was with { Until = time > was.From ? time : was.From });
            open.Remove(change.SourceId);
        }

        if (change.Down)
        {
            var from = change.Since is { } since && since < time ? since : time;
            open[change.SourceId] = new SourceDownSpan(change.SourceId, change.Name, change.Throttled, from, null, time);
        }
    }

    /// <summary>Every span, in the order they began; those still open run to the end of the record.</summary>
    public IEnumerable<SourceDownSpan> All => closed.Concat(open.Values).OrderBy(s => s.From);

    /// <summary>
    /// The first span, of the source a unit's reports came through (<paramref name="through"/>), that overlaps its silence
    /// from <paramref name="from"/> (its last report) to <paramref name="until"/> (its next, or the end of the record); null
    /// where none does, or the recording does not say which source it reported through.
    /// </summary>
    public SourceDownSpan? During(TakenIn? through, DateTimeOffset from, DateTimeOffset until) =>
        through?.Via is null ? null : All.FirstOrDefault(s => through.Through(s.SourceId) && s.From < until && (s.Until ?? DateTimeOffset.MaxValue) > from);
}

namespace Command.Domain.Incidents;

/// <summary>
/// The clock units are judged on. An incident no drill drives is judged on the clock its events are stamped with. One
/// a drill drives is judged on the drill's: stopped while the drill is paused, and running four seconds to each second
/// while it plays at 4×. So a hold the script makes four minutes long is judged (flagged, escalated, worded) as four
/// minutes however fast the drill is played, and pausing a drill to talk it through flags nobody. Built from the
/// drill's recorded controls (<see cref="Events.DrillControlled.Speed"/>), so a replay judges on the same clock.
/// </summary>
/// <remarks>
/// Piecewise linear and never running backwards: each span runs from an instant of the incident's clock at a rate (0
/// while paused). Before the first span, and with no drill, the two clocks agree.
/// </remarks>
public sealed class DrillClock
{
    /// <summary>Spans kept: older ones only map fixes older than the last hundred drill controls, which are long refused as too old.</summary>
    public const int MostSpans = 100;

    private readonly List<DrillClockSpan> spans = [];

    /// <summary>The spans, oldest first; empty while no drill has set the clock's rate.</summary>
    public IReadOnlyList<DrillClockSpan> Spans => spans;

    /// <summary>True while the drill's clock is the incident's (no drill ever changed its rate): nothing needs mapping.</summary>
    public bool IsIncidentClock => spans.Count == 0;

    /// <summary>Drill seconds to each second of the incident's clock now: 1 with no drill, 0 while it is paused.</summary>
    public double Rate => spans.Count == 0 ? 1 : spans[^1].Rate;

    /// <summary>From <paramref name="at"/> on, the drill's clock runs at <paramref name="rate"/> (0 paused, 4 at 4×).</summary>
    public void Run(DateTimeOffset at, double rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        if (rate == Rate || (spans.Count > 0 && at < spans[^1].From))
        {
            // Already at that rate; or a control stamped before the latest, which would make the clock run backwards.
            return;
        }

        spans.Add(new DrillClockSpan(at, At(at), rate));
        if (spans.Count > MostSpans)
        {
            spans.RemoveAt(0);
        }
    }

    /// <summary>
    /// Follows a drill's control: from its time, the rate it says (a control that says none leaves the clock as it was).
    /// A carry-on after the drill's host went down stood still since the drill last saved its clock.
    /// </summary>
    public void Follow(Events.DrillControlled drill)
    {
        if (drill.Speed is not { } rate)
        {
            return;
        }

        if (drill.StoodSince is { } stood)
        {
            Run(stood, 0);
        }

        Run(drill.Time, rate);
    }

    /// <summary>The drill's time at <paramref name="time"/> on the incident's clock.</summary>
    public DateTimeOffset At(DateTimeOffset time)
    {
        for (var i = spans.Count - 1; i >= 0; i--)
        {
            var span = spans[i];
            if (time >= span.From)
            {
                return span.DrillFrom + ((time - span.From) * span.Rate);
            }
        }

        return spans.Count == 0 ? time : spans[0].DrillFrom - (spans[0].From - time);
    }

    /// <summary>How much drill time passed from <paramref name="from"/> to <paramref name="to"/> (times of the incident's clock).</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to) => spans.Count == 0 ? to - from : At(to) - At(from);

    /// <summary>
    /// The first instant on the incident's clock at which the drill's clock read <paramref name="drillTime"/>: for a
    /// drill time a pause held, the moment the pause began. What a time the assessment keeps is shown as.
    /// </summary>
    public DateTimeOffset IncidentTimeAt(DateTimeOffset drillTime)
    {
        if (spans.Count == 0 || drillTime < spans[0].DrillFrom)
        {
            return spans.Count == 0 ? drillTime : spans[0].From - (spans[0].DrillFrom - drillTime);
        }

        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            var ends = i + 1 < spans.Count ? spans[i + 1].DrillFrom : span.Rate > 0 ? DateTimeOffset.MaxValue : span.DrillFrom;
            if (drillTime <= ends)
            {
                return span.Rate > 0 ? span.From + ((drillTime - span.DrillFrom) / span.Rate) : span.From;
            }
        }

        return spans[^1].From;
    }

    /// <summary>Replaces the spans with a snapshot's.</summary>
    public void Restore(IEnumerable<DrillClockSpan>? kept)
    {
        spans.Clear();
        spans.AddRange(kept ?? []);
    }
}

/// <summary>From <paramref name="From"/> on the incident's clock (when the drill's read <paramref name="DrillFrom"/>), the drill's clock ran at <paramref name="Rate"/>.</summary>
public sealed record DrillClockSpan(DateTimeOffset From, DateTimeOffset DrillFrom, double Rate);

using System.Globalization;
using Command.Domain.Incidents;

namespace Command.Domain.AfterAction;

/// <summary>How a drill's clock ran over a session, in words a report states once: the speeds played at and the time paused.</summary>
public static class DrillPlay
{
    /// <summary>
    /// "played at 4×; paused 10:00 in all: durations are the drill's time, times of day the incident's"; null where no
    /// drill set the clock. <paramref name="end"/> closes the last span (the session's end). Of the time its clock stood
    /// still, <paramref name="unplayed"/> is when no host played it (see <see cref="DrillOutages"/>), said apart:
    /// nobody paused it then. <paramref name="played"/> are the speeds the drill was played at (started, resumed, carried
    /// on or clocked at), where known: the clock's own spans also hold the incident's 1× between a drill's end and its
    /// next start, which nobody played it at.
    /// </summary>
    public static string? Describe(IReadOnlyList<DrillClockSpan> spans, DateTimeOffset end, TimeSpan unplayed = default, IEnumerable<double>? played = null)
    {
        if (spans.Count == 0)
        {
            return null;
        }

        var paused = TimeSpan.Zero;
        for (var i = 0; i < spans.Count; i++)
        {
            var until = i + 1 < spans.Count ? spans[i + 1].From : end;
            if (spans[i].Rate == 0 && until > spans[i].From)
            {
                paused += until - spans[i].From;
            }
        }

        var speeds = (played ?? spans.Select(s => s.Rate)).Where(r => r > 0).Distinct().Order()
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r:0.##}×")).ToList();
        var playedAt = speeds.Count == 0 ? "paused" : $"played at {string.Join(" and ", speeds)}";
        unplayed = unplayed < paused ? unplayed : paused;
        paused -= unplayed;
        var stood = (paused >= TimeSpan.FromSeconds(1) && speeds.Count > 0 ? $"; paused {Durations.Clock(paused)} in all" : "")
            + (unplayed >= TimeSpan.FromSeconds(1) ? $"; not played for {Durations.Clock(unplayed)} while no host could play it" : "");
        return $"{playedAt}{stood}: durations are the drill's time, times of day the incident's";
    }
}

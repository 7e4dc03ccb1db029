using System.Globalization;

namespace Command.Domain.AfterAction;

/// <summary>
/// How every document prints a span of time: minutes and seconds ("4:30"), hours too past an hour ("1:02:05"),
/// truncated to the whole second, as a stopwatch reads: a 270.956 s hold is 4:30 in the report, the AAR/IP, its
/// evidence and the dashboard alike, and an objective is rated on the same whole seconds
/// (<see cref="WholeSeconds"/>), so the figure printed beside a rating is always the one it was rated on. A flag's own
/// words ("holding 4 min") are the assessment's, recorded with it.
/// </summary>
public static class Durations
{
    /// <summary>"4:30", or "1:02:05" past an hour; a negative span prints as 0:00.</summary>
    public static string Clock(TimeSpan span) => Clock(span.TotalSeconds);

    /// <inheritdoc cref="Clock(TimeSpan)"/>
    public static string Clock(double seconds)
    {
        var whole = WholeSeconds(seconds);
        return whole >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{whole / 3600}:{whole / 60 % 60:D2}:{whole % 60:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{whole / 60}:{whole % 60:D2}");
    }

    /// <summary>
    /// The whole seconds a span reads as, truncated as a stopwatch reads it (320.0003 s is 320, 5:20); a negative span
    /// (or none at all) is 0. What <see cref="Clock(double)"/> prints and what an objective's bands are compared with.
    /// </summary>
    public static long WholeSeconds(double seconds) => seconds > 0 ? (long)Math.Floor(seconds) : 0;
}

namespace Command.Domain.AfterAction;

/// <summary>
/// A unit's longest gap between two reports, from one to the next, where it is longer than its cadence explains
/// (<see cref="Unexplained"/>): its count of reports and usual interval ("29, every 8.3 s") would hide the minute it
/// went unheard.
/// </summary>
/// <param name="From">Its report before the gap.</param>
/// <param name="Until">Its report after.</param>
/// <param name="HostLeft">The host recorded leaving the cluster during the gap, whose going took the unit's fixes with it; null otherwise.</param>
/// <param name="SourceDown">Where the source the unit reported through was down, or refused part of what came, during the gap; null otherwise.</param>
/// <param name="Stopped">Where the incident was not running during the gap, its host stopped or restarted (nothing was heard); null otherwise.</param>
public sealed record ReportGap(DateTimeOffset From, DateTimeOffset Until, string? HostLeft = null, SourceDownSpan? SourceDown = null, Events.IncidentResumed? Stopped = null)
{
    /// <summary>
    /// Why it went unheard where the record says, as its unit's row says it after the gap: ", while its host … was down",
    /// ", while TAK Server at … was down", ", while part of what came through … was refused"; empty otherwise.
    /// </summary>
    public string While => Cause is { } cause ? $", while {cause}" : "";

    /// <summary>
    /// Why it went unheard where the record says, for a table: "its host 10.0.0.5:11111 was down", "TAK Server at … was
    /// down", "part of what came through … was refused", "the incident was not running … (4:12): its host … stopped or
    /// restarted"; null otherwise.
    /// </summary>
    public string? Cause => HostLeft is { } host ? SilentToEnd.HostDownCause(host) : SourceDown?.Cause ?? (Stopped is { } stopped ? $"the incident was {stopped.Said()}" : null);

    /// <summary>How long the unit went unheard (the incident's clock, as its log's lines about silence give it).</summary>
    public TimeSpan Length => Until - From;

    /// <summary>
    /// Whether a gap of <paramref name="gap"/> between reports is longer than a unit usually reporting every
    /// <paramref name="usualIntervalS"/> explains: more than three of its intervals, and more than 10 s, about what a
    /// cluster takes to declare a host dead (three missed probes of 3 s), so a report a little late is not a gap.
    /// </summary>
    public static bool Unexplained(TimeSpan gap, double? usualIntervalS) =>
        gap.TotalSeconds > Math.Max(ShortestS, IntervalsLost * (usualIntervalS ?? 0));

    private const double ShortestS = 10;
    private const double IntervalsLost = 3;
}

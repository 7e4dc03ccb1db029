using System.Globalization;

namespace Command.Domain.AfterAction;

/// <summary>
/// A unit not heard again from its last report to the end of the record, silent as its ICS-214 log tells silence
/// (<see cref="UnitTally.HeardUntil"/>: no report for two minutes and four of its usual intervals): a radio dead 43 m from
/// the threat. Its count of reports and interval alone ("20, every 6 s") read like a faultless unit's.
/// </summary>
/// <param name="LastHeard">Its last report's fix time.</param>
/// <param name="FromThreatM">How far from the threat that report put it, where there was a threat to measure from.</param>
/// <param name="Unheard">From its last report to the end of the record (the incident's clock).</param>
/// <param name="Host">The host whose leaving the cluster took its fixes with it, where one did; null otherwise.</param>
/// <param name="HostLeftAt">When that host was recorded leaving.</param>
/// <param name="Neutralized">
/// When the threat was neutralized, where that was before the unit was last heard: the drill was over, and its radio
/// switched off with everyone's. Said so, and not among the AAR/IP's key moments one by one, where a radio lost in the
/// drill would be drowned in the roster.
/// </param>
/// <param name="SourceDown">
/// Where the source it reported through was down, or refused part of what came, while it went unheard: its radio may
/// have sent on, unheard.
/// </param>
public sealed record SilentToEnd(DateTimeOffset LastHeard, double? FromThreatM, TimeSpan Unheard, string? Host = null, DateTimeOffset? HostLeftAt = null, DateTimeOffset? Neutralized = null,
    SourceDownSpan? SourceDown = null)
{
    /// <summary>
    /// As its ICS-214 log says it, at its last report: "Last heard 43 m from the threat: not heard again in the 23:06 to the
    /// end of the record" (with where its host took its fixes with it, "…: its fixes were lost while its host … was down
    /// (it left the cluster at 10:01:20 UTC), and not heard again …"; "…; nothing was heard from TAK Server at …, which it
    /// reported through, from 10:01:20 UTC to the end of the record" where that source was down).
    /// </summary>
    public string Said =>
        $"Last heard{FromThreat}{AfterNeutralized}: {(Host is { } host && HostLeftAt is { } left ? $"{AfterActionFold.HostDown(host, left)}, and " : "")}not heard again in the {Durations.Clock(Unheard)} to the end of the record{(SourceDown is { } source ? $"; {source.Said()}" : "")}";

    /// <summary>
    /// As its unit's row says it, its last report in the site's time of day: "last heard 19:10:54, 43 m from the threat;
    /// silent for the last 23:06" (", while its host … was down" after the distance where its host took its fixes with it;
    /// ", while TAK Server at … was down" where the source it reported through was).
    /// </summary>
    public string Row(SiteClock clock) =>
        $"last heard {clock.LocalTime(LastHeard)}{(FromThreatM is null ? "" : $",{FromThreat}")}{(Host is { } host ? $", while {HostDownCause(host)}" : "")}{SourceWords(clock)}{AfterNeutralized}; silent for the last {Durations.Clock(Unheard)}";

    // ", while TAK Server at … was down" where it was to the end; ", with TAK Server at … down 19:02:20–19:06:00" where
    // it was heard again, and the unit not.
    private string SourceWords(SiteClock clock) => SourceDown switch
    {
        null => "",
        { Until: null } source => source.While,
        { Until: { } until } source =>
            $", with {source.Name} {(source.Throttled ? "refusing part of what came" : "down")} {clock.LocalTime(source.From)}–{clock.LocalTime(until)}",
    };

    /// <summary>
    /// Why it went unheard where the record says, for a table: "its host 10.0.0.5:11111 was down", "TAK Server at … was
    /// down" (to the end, or for a span of its silence), "part of what came through … was refused"; null otherwise.
    /// </summary>
    public string? Cause => Host is { } host ? HostDownCause(host) : SourceDown?.Cause;

    internal static string HostDownCause(string host) => $"its host {host} was down";

    private string FromThreat => Distance(FromThreatM);

    // ", 0:57 after the threat was neutralized": the drill over, not a radio lost in it.
    private string AfterNeutralized => Neutralized is { } at ? $", {Durations.Clock(LastHeard - at)} after the threat was neutralized" : "";

    /// <summary>" 43 m from the threat", as a unit's log says where it was last heard; empty where there was no threat.</summary>
    internal static string Distance(double? fromThreatM) =>
        fromThreatM is { } m ? string.Create(CultureInfo.InvariantCulture, $" {m:F0} m from the threat") : "";
}

using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Sites;
using Command.Recording.Reading;

namespace Command.Host.Replays;

/// <summary>A session's flags, its units' own alerts, sign-offs and devices renamed, its threat's marker deleted, new hostile markers sighted on its contained threat, its sources of reports down and heard again, and every command given in it (threats, phases, roles, drill controls, its site given, its close) as timeline markers.</summary>
public sealed class CatalogueTimeline(SessionCatalogue catalogue)
{
    public async Task<IReadOnlyList<TimelineMarker>> ReadAsync(string incidentId, CancellationToken cancellationToken)
    {
        var reader = await catalogue.OpenAsync(incidentId, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var markers = new List<TimelineMarker>();
        var read = await reader.ReadTimelineWithNamesAsync(cancellationToken);
        foreach (var e in read.Events)
        {
            Learn(names, e);
            if (TimelineMarker.From(e) is { } marker)
            {
                markers.Add(marker);
            }
        }

        // Read up to a damaged line, the timeline ends saying so, at the last event before it, or it reads as the drill's end.
        if (read.Damage is { } damage)
        {
            markers.Add(new TimelineMarker(read.LastSequence, read.LastTime, TimelineMarker.RecordingDamaged, null, null, damage.Said, null));
        }

        // Named as the session last knew them: a unit enrolled after its first mark, or a site given later, names it too.
        return [.. markers.Select(m => m.Subject is { } subject && names.TryGetValue(subject, out var name) ? m with { Name = name } : m)];
    }

    // A unit by its callsign; a zone by its kind and name ("hot zone Main building"), as the feed and the documents say it.
    private static void Learn(Dictionary<string, string> names, IncidentEvent e)
    {
        switch (e)
        {
            case UnitEnrolled enrolled when enrolled.Callsign is { Length: > 0 } callsign:
                names[enrolled.UnitId] = callsign;
                break;
            case IncidentOpened opened:
                LearnZones(names, opened.Site);
                break;
            case SiteSet given:
                LearnZones(names, given.Site);
                break;
        }
    }

    private static void LearnZones(Dictionary<string, string> names, Site site)
    {
        foreach (var zone in ReportZone.Of(site))
        {
            names[Domain.Assessment.ClosingAssessment.ZoneSubject(zone.ZoneId)] = zone.Described;
        }
    }
}

/// <summary>
/// One marker: what happened, to whom, how serious (a threat's phase, a unit's role, the round a drill's start-over begins,
/// <see cref="Restarted"/> for a host's leaving where it came up again at its address, and when it was last heard from as its
/// <paramref name="About"/> where known), why (a flag's reason, the reason a
/// threat's phase was changed), and who did it; for a threat placed from a marker, what the marker calls it and what its
/// author wrote of it (<paramref name="About"/>), as the live feed says it. A site given is named as its <paramref name="Subject"/>,
/// with the drill's scenario that brought it as its <paramref name="Reason"/> and how much ground it has as its
/// <paramref name="About"/> ("3 buildings, 5 zones"): the frame that carries it live carries the whole site, which a
/// timeline has no use for. A unit's device renamed has what the device calls itself now as its <paramref name="Reason"/> and
/// what it called itself before as its <paramref name="About"/>. A new hostile marker sighted on a contained threat has the
/// phase the threat keeps as its <paramref name="Level"/>, how far and which way from it as its <paramref name="Reason"/> and the
/// marker as its <paramref name="About"/>; that marker deleted has "sighting" as its <paramref name="About"/>. <paramref name="Name"/> is its subject as people say it: a unit's callsign, a zone by its kind and
/// name ("hot zone Main building"); absent for any other subject.
/// </summary>
public sealed record TimelineMarker(long Sequence, DateTimeOffset Time, string Type, string? Subject, string? Level, string? Reason, string? Actor, string? About = null, string? Name = null)
{
    public static TimelineMarker? From(IncidentEvent e) => e switch
    {
        FlagRaised f => new(e.Sequence, e.Time, "flag-raised", f.Subject, Lower(f.Level), f.Reason, null),
        FlagEscalated f => new(e.Sequence, e.Time, "flag-escalated", f.Subject, Lower(f.Level), f.Acknowledged ? f.Reason + QuietEscalation : f.Reason, null),
        FlagCleared f => new(e.Sequence, e.Time, "flag-cleared", f.Subject, null, f.Reason, null),
        FlagAcknowledged a => new(e.Sequence, e.Time, "flag-acknowledged", a.Subject, null, a.Reason, a.Actor),
        ThreatPhaseChanged p => new(e.Sequence, e.Time, "threat-phase-changed", p.ThreatId, Lower(p.Phase), p.Reason, p.Actor),
        ThreatSet t => new(e.Sequence, e.Time, "threat-set", t.Threat.ThreatId, Lower(t.Threat.Phase), t.Reason, t.Actor, t.Threat.Described()),
        ThreatMarkerDeleted d => new(e.Sequence, e.Time, "threat-marker-deleted", d.ThreatId, d.Became, d.Marker, d.Actor, d.Sighting ? Sighting : null),
        ThreatSighted s => new(e.Sequence, e.Time, "threat-sighted", s.ThreatId, Lower(s.Phase), s.Heading, s.Actor, s.Marker),
        UnitAlarmed a => new(e.Sequence, e.Time, "unit-alarmed", a.UnitId, a.Cancelled ? "cancelled" : "raised", a.Kind, a.Actor),
        UnitSignedOff s => new(e.Sequence, e.Time, "unit-signed-off", s.UnitId, null, null, s.Actor),
        UnitReleased r => new(e.Sequence, e.Time, "unit-released", r.UnitId, null, r.Reason, r.Actor),
        UnitDeviceRenamed r => new(e.Sequence, e.Time, "unit-device-renamed", r.UnitId, null, r.Callsign, null, r.Was),
        UnitRoleChanged r => new(e.Sequence, e.Time, "unit-role-changed", r.UnitId, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(r.Role.ToString()), null, r.Actor),
        IncidentClosed c => new(e.Sequence, e.Time, "incident-closed", null, null, c.Reason, c.Actor),
        DrillControlled d => new(e.Sequence, e.Time, "drill-controlled", d.Action, DrillLevel(d), d.Scenario, d.Actor),
        SourceChanged c => new(e.Sequence, e.Time, "source-changed", c.SourceId, c.Throttled ? "throttled" : c.Down ? "down" : "heard", c.Detail, c.Host, c.Name),
        HostDeparted h => new(e.Sequence, e.Time, "host-departed", h.Host, h.Restarted ? Restarted : null, null, h.By, h.LastHeard is { } heard ? System.FormattableString.Invariant($"{heard:O}") : null),
        IncidentResumed r => new(e.Sequence, e.Time, "incident-resumed", r.Host, null, null, r.Host, System.FormattableString.Invariant($"{r.Time:O}/{r.Resumed:O}")),
        RecordingInterrupted r => new(e.Sequence, e.Time, "recording-interrupted", r.Host, Hole(r), r.Detail, r.Host, System.FormattableString.Invariant($"{r.From:O}/{r.Until:O}")),
        SiteSet s => new(e.Sequence, e.Time, "site-set", s.Site.Name, null, s.Scenario, s.Actor, SiteGround.Counted(s.Site)),
        _ => null,
    };

    /// <summary>
    /// A hole in the record's <see cref="TimelineMarker.Level"/>: the reports and the commands refused, "22/1"; its
    /// <see cref="TimelineMarker.About"/> is when, as an ISO 8601 interval.
    /// </summary>
    public static string Hole(RecordingInterrupted r) => System.FormattableString.Invariant($"{r.Reports}/{r.Commands}");

    /// <summary>
    /// The type of the marker that ends the timeline of a recording read only up to a damaged line: at the last event
    /// before it, its <see cref="TimelineMarker.Reason"/> where the damage is and why, as the session list, the replay and
    /// the report say it.
    /// </summary>
    public const string RecordingDamaged = "recording-damaged";

    /// <summary>A host's leaving's <see cref="TimelineMarker.Level"/> where a new run of it was up at its address as it was told.</summary>
    public const string Restarted = "restarted";

    /// <summary>What a deletion's <see cref="TimelineMarker.About"/> says where the marker deleted was a sighting's.</summary>
    public const string Sighting = "sighting";

    /// <summary>Follows the reason of an escalation recorded under an acknowledgement, as the page's live feed shows it.</summary>
    public const string QuietEscalation = " — acknowledged, kept quiet";

    // A start-over's round; the speed a drill played from outside said it plays at.
    private static string? DrillLevel(DrillControlled d) =>
        (d.Action == DrillControlled.Clock ? d.Speed : d.Round)?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;

namespace Command.Domain.AfterAction;

/// <summary>
/// Folds a recorded session into its after-action metrics. Reads the recorded flag events as they were raised live
/// (replay reproduces them exactly), and measures positions against the threat itself.
/// </summary>
public sealed partial class AfterActionFold(AfterActionOptions? options = null)
{
    private readonly AfterActionOptions options = options ?? AfterActionOptions.Default;
    private readonly Dictionary<string, Threat> threats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnitTally> units = new(StringComparer.Ordinal);
    private readonly List<UnitTally> enrolment = [];
    private readonly List<DistanceSample> samples = [];
    private readonly Dictionary<(string Subject, string Rule), FlagSpan> openFlags = [];
    private readonly Incidents.DrillClock drillClock = new();
    private readonly DrillOutages drillOutages = new();

    // The speeds the drill was played at: not the 1× its clock runs at once it stops or ends, which is the incident's own.
    private readonly HashSet<double> drillSpeeds = [];
    private readonly List<FlagSpan> flags = [];
    private readonly List<TimelineMark> timeline = [];
    private readonly List<ActivityEntry> activity = [];
    // Each host recorded leaving the cluster, and when; and the units' fixes lost while it was down.
    private readonly List<(DateTimeOffset At, string Host)> departures = [];
    private readonly List<FixesLost> fixesLost = [];
    // Each hole in the record a host told of, and each unit's silence its log states (its entry's place in the activity).
    private readonly List<RecordingInterrupted> holes = [];
    private readonly List<IncidentResumed> resumes = [];
    private RecordedClock? recordedClock;
    private readonly List<(int Entry, DateTimeOffset From, DateTimeOffset Until, TakenIn? Through)> silences = [];
    private readonly SourceDowntime sourceDowntime = new();
    // Where each source's change is said, by source and when it was recorded: its timeline mark and incident log line.
    private readonly Dictionary<(string Source, DateTimeOffset At), (int Mark, int Entry)> sourceSaid = [];
    // Units silent to the end of the record while the source they reported through was down.
    private readonly List<(SourceDownSpan Span, FixesLost Unheard)> silentToEndWithSources = [];
    private readonly Dictionary<RejectReason, int> rejected = [];
    private List<(LocalPoint Point, double RadiusM, int? Building, int? Floor)> targets = [];
    private HashSet<int> threatBuildings = [];
    private IncidentOpened? opened;
    private Sites.Site? site;
    private Exercises.Exercise? exercise;
    private (string Name, string? Version)? scenario;
    private LocalFrame? frame;
    private SiteAreas? areas;
    private System.Collections.Immutable.ImmutableArray<ReportZone> zones = [];
    private double floorHeightM = Assessment.AssessmentOptions.Default.FloorHeightM;
    private IReadOnlySet<Units.UnitRole> closingRoles = Assessment.AssessmentOptions.Default.ClosingRoles;
    private DateTimeOffset? ended, suppressedAt, closedAt;
    private string? suppressedBy;
    // The rounds of the drill, the last the one being played (a start-over begins the next): each its own firsts,
    // threat phases and flags. The incident's figures are the first round's.
    private readonly List<IncidentRound> rounds = [new(1, null)];
    private long eventCount;

    /// <summary>Folds a whole event stream and builds the report.</summary>
    public static async Task<AfterActionReport> BuildAsync(IAsyncEnumerable<IncidentEvent> events, AfterActionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var fold = new AfterActionFold(options);
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            fold.Apply(e);
        }

        return fold.Build();
    }

    /// <summary>
    /// Folds an accepted position given by its parts: what <see cref="Apply"/> does for a
    /// <see cref="PositionAccepted"/>, for readers that pick the parts out of a recorded line without building the event.
    /// </summary>
    public void ApplyPosition(string unitId, GeoPoint position, DateTimeOffset fixTime, DateTimeOffset time, ReportedFloor floor = default, double? clockCorrectionS = null,
        TakenIn? takenIn = null, int? weekRolloverEras = null)
    {
        eventCount++;
        ended = ended is { } last && last > time ? last : time;
        Fixed(unitId, position, fixTime, floor, clockCorrectionS, takenIn, weekRolloverEras, time);
    }

    // A fix taken, whichever way it was read (a recording's position line, or the event): one path, or the export, which
    // reads the lines, said nothing of fixes delivered late.
    private void Fixed(string unitId, GeoPoint position, DateTimeOffset fixTime, ReportedFloor floor, double? clockCorrectionS, TakenIn? takenIn, int? weekRolloverEras,
        DateTimeOffset arrived)
    {
        OnFix(unitId, position, fixTime, floor, clockCorrectionS, takenIn, weekRolloverEras, arrived);
        LateOrNot(unitId, fixTime, arrived);
    }

    public void Apply(IncidentEvent e)
    {
        eventCount++;
        ended = ended is { } last && last > e.Time ? last : e.Time;
        switch (e)
        {
            case IncidentOpened o:
                opened = o;
                rounds[0].StartedAt ??= o.Time;
                site = o.Site;
                frame = new LocalFrame(o.Site.Origin);
                areas = new SiteAreas(o.Site, frame);
                zones = [.. ReportZone.Of(o.Site)];
                floorHeightM = (o.Assessment ?? Assessment.AssessmentOptions.Default).FloorHeightM;
                closingRoles = (o.Assessment ?? Assessment.AssessmentOptions.Default).ClosingRoles;
                break;
            case ThreatSet set:
                // A threat placed, or placed again in another phase (as a drill and PUT threat do), sets its phase.
                var placedAnew = !threats.TryGetValue(set.Threat.ThreatId, out var before) || before.Phase != set.Threat.Phase;
                threats[set.Threat.ThreatId] = set.Threat;
                OnPhase(set.Threat.Phase, e.Time);
                OnDeclared(set.Threat.Phase, set.Actor, set.Reason, e.Time);
                EndHoldsUnlessContained(e.Time);
                PlaceThreats();
                if (placedAnew)
                {
                    timeline.Add(new TimelineMark(e.Time, "threat-phase", set.Threat.ThreatId, PhaseWords(set.Threat.ThreatId, set.Threat.Phase, set.Reason, set.Actor)));
                }

                // A threat set again where it was, in another phase (as a drill declares one), is a phase change, not a
                // placement; set again elsewhere, it moved: where the shooter went is what an after-action team retraces.
                var inPlace = before is not null && before.Position == set.Threat.Position && before.Phase != set.Threat.Phase;
                var moved = before is not null && before.Position != set.Threat.Position && frame is not null
                    ? $"Threat {set.Threat.ThreatId}{Described(set.Threat)} moved {AfterActionWords.Heading(frame.ToLocal(before.Position), frame.ToLocal(set.Threat.Position))}, {PhaseWords(null, set.Threat.Phase, set.Reason, set.Actor)}"
                    : null;
                if (moved is not null)
                {
                    timeline.Add(new TimelineMark(e.Time, "threat-moved", set.Threat.ThreatId, moved));
                }

                Log(e.Time, null, "threat-set", inPlace
                    ? $"Threat {PhaseWords(set.Threat.ThreatId, set.Threat.Phase, set.Reason, set.Actor)}"
                    : moved ?? $"Threat {set.Threat.ThreatId}{Described(set.Threat)} placed, {PhaseWords(null, set.Threat.Phase, set.Reason, set.Actor)}");
                break;
            case ThreatPhaseChanged phase:
                if (threats.TryGetValue(phase.ThreatId, out var threat))
                {
                    threats[phase.ThreatId] = threat with { Phase = phase.Phase };
                }

                OnPhase(phase.Phase, e.Time);
                OnDeclared(phase.Phase, phase.Actor, phase.Reason, e.Time);
                EndHoldsUnlessContained(e.Time);
                PlaceThreats();
                timeline.Add(new TimelineMark(e.Time, "threat-phase", phase.ThreatId, PhaseWords(phase.ThreatId, phase.Phase, phase.Reason, phase.Actor)));
                Log(e.Time, null, "threat-phase", $"Threat {PhaseWords(phase.ThreatId, phase.Phase, phase.Reason, phase.Actor)}");
                break;
            case UnitEnrolled enrolled:
                var joined = Enrol(enrolled.UnitId, enrolled.Callsign, enrolled.Role, e.Time);
                joined.Person = UnitPerson.Of(enrolled.PersonName, enrolled.Agency, enrolled.IcsPosition);
                joined.Released = null;
                Log(e.Time, enrolled.UnitId, "enrolled", $"Enrolled as {UnitRoles.Name(enrolled.Role)} ({enrolled.Actor})");
                break;
            case UnitRoleChanged changed:
                Enrol(changed.UnitId, changed.UnitId, changed.Role, e.Time).Reassign(changed.Role, e.Time);
                var answering = changed.AnsweringFlag is { } flag ? $", sent in instead of {Named(flag)}" : "";
                Log(e.Time, changed.UnitId, "role-changed", $"Reassigned to {UnitRoles.Name(changed.Role)}{answering} ({changed.Actor})");
                Log(e.Time, null, "role-changed", $"{Named(changed.UnitId)} reassigned to {UnitRoles.Name(changed.Role)}{answering} ({changed.Actor})");
                if (changed.AnsweringFlag is not null)
                {
                    timeline.Add(new TimelineMark(e.Time, "sent-instead", changed.UnitId, $"{Named(changed.UnitId)} sent in instead of {Named(changed.AnsweringFlag)} ({changed.Actor})"));
                }

                break;
            case ThreatMarkerDeleted deleted:
                // The threat's marker gone from the devices' maps while the threat stood here: a moment an after-action team
                // asks about ("who took it off the map, and was it over?").
                var phaseThen = threats.TryGetValue(deleted.ThreatId, out var standing) ? ThreatPhases.Name(standing.Phase) : "unknown";
                var deletion = deleted.Sighting
                    ? $"New hostile marker {deleted.Marker}, a sighting of threat {deleted.ThreatId}, {MarkerDeletion.Of(deleted.Became)} on a device ({deleted.Actor}); the threat stood as placed, {phaseThen}"
                    : $"Threat {deleted.ThreatId}'s marker {deleted.Marker} {MarkerDeletion.Of(deleted.Became)} on a device ({deleted.Actor}); the threat stood as placed, {phaseThen}";
                timeline.Add(new TimelineMark(e.Time, "marker-deleted", deleted.ThreatId, deletion));
                Log(e.Time, null, "marker-deleted", deletion);
                break;
            case ThreatSighted sighted:
                // A new report from the field while the threat was contained: a second subject, or the first breaking out.
                // Whether command heard it, and when it acted, is what an after-action team asks.
                var sighting = $"{char.ToUpperInvariant(sighted.Words[0])}{sighted.Words[1..]} ({sighted.Actor})";
                timeline.Add(new TimelineMark(e.Time, "marker-sighted", sighted.ThreatId, sighting));
                Log(e.Time, null, "marker-sighted", sighting);
                break;
            case UnitAlarmed alarmed:
                // A unit's own emergency is a moment of the incident: on the timeline, in its log and the incident's.
                var alarm = alarmed.Cancelled ? $"{alarmed.Kind} cancelled from its device ({alarmed.Actor})" : $"{alarmed.Kind} raised from its device ({alarmed.Actor})";
                timeline.Add(new TimelineMark(e.Time, alarmed.Cancelled ? "alarm-cancelled" : "alarm-raised", alarmed.UnitId, alarm));
                Log(e.Time, alarmed.UnitId, alarmed.Cancelled ? "alarm-cancelled" : "alarm-raised", alarm);
                Log(e.Time, null, alarmed.Cancelled ? "alarm-cancelled" : "alarm-raised", $"{Named(alarmed.UnitId)}: {alarm}");
                break;
            case UnitReleased release when units.TryGetValue(release.UnitId, out var letGo):
                // Let go from the incident (caught by the wrong drill, sent to another incident): its record here ends there,
                // and its silence after is no radio lost.
                letGo.Released = release;
                var let = $"released from the incident: {release.Reason} ({release.Actor})";
                timeline.Add(new TimelineMark(e.Time, "unit-released", release.UnitId, $"{Named(release.UnitId)} {let}"));
                Log(e.Time, release.UnitId, "released", char.ToUpperInvariant(let[0]) + let[1..]);
                Log(e.Time, null, "released", $"{Named(release.UnitId)} {let}");
                break;
            case UnitSignedOff off:
                // Why a unit went dark: its device left (ATAK signing off, or a TAK server that lost it), not a radio gone quiet.
                var signedOff = $"its device signed off ({off.Actor}): no position from it until it reported again";
                Log(e.Time, off.UnitId, "signed-off", char.ToUpperInvariant(signedOff[0]) + signedOff[1..]);
                Log(e.Time, null, "signed-off", $"{Named(off.UnitId)}: {signedOff}");
                break;
            case UnitDeviceRenamed renamed:
                // The phone may have changed hands or its user's role: the unit keeps its enrolled callsign in every document.
                var calls = $"its device now reports as “{renamed.Callsign}” (was “{renamed.Was}”)";
                Log(e.Time, renamed.UnitId, "device-renamed", char.ToUpperInvariant(calls[0]) + calls[1..]);
                Log(e.Time, null, "device-renamed", $"{Named(renamed.UnitId)}: {calls}");
                break;
            case SourceChanged source:
                // Why units went quiet together: the source that fed them was down, on a host's word.
                var stood = source is { Down: true, Throttled: true }
                    ? $"Part of what came through {source.Name} refused{(source.Detail is { } fast ? $": {fast}" : "")} (said by host {source.Host})"
                    : source.Down
                    ? $"Nothing heard from {source.Name}{(source.Detail is { } why ? $": {why}" : "")} (said by host {source.Host})"
                    : source.Detail is { } gone
                        ? $"{char.ToUpperInvariant(source.Name[0])}{source.Name[1..]} no longer waited on: {gone} (said by host {source.Host})"
                        : $"{char.ToUpperInvariant(source.Name[0])}{source.Name[1..]} heard again (said by host {source.Host})";
                var kind = source.Throttled ? "source-throttled" : source.Down ? "source-down" : "source-back";
                sourceSaid[(source.SourceId, e.Time)] = (timeline.Count, activity.Count);
                timeline.Add(new TimelineMark(e.Time, kind, source.SourceId, stood));
                Log(e.Time, null, kind, stood);
                sourceDowntime.Follow(source, e.Time);
                break;
            case HostDeparted departed:
                // Why units that reported through one host went quiet together: it left the cluster. In the feed's words, said
                // as past: this one line is the AAR/IP's key moment and incident command's ICS-214 entry alike.
                // Dated when the cluster noticed it gone; when it was last heard from, where known, says when it went.
                var when = departed.LastHeard is { } heard ? $" at {Utc(e.Time)} UTC (last heard from at {Utc(heard)} UTC)" : "";
                var left = departed.Restarted
                    ? $"Host {departed.Host} left the cluster{when} and came up again at its address: radios and trackers sending to it were not heard while it was down, unless they reached another host (said by host {departed.By})"
                    : $"Host {departed.Host} left the cluster{when}: radios and trackers sending to it were not heard until they reached another host (said by host {departed.By})";
                timeline.Add(new TimelineMark(e.Time, "host-left", departed.Host, left));
                Log(e.Time, null, "host-left", left);
                departures.Add((e.Time, departed.Host));
                break;
            case IncidentResumed resumed:
                // Its host stopped: every unit went unheard at that second, which reads as radios failing together unless said.
                var stopped = $"The incident was {resumed.Said()}: what was sent to it meanwhile was not heard, unless its device sent it again";
                timeline.Add(new TimelineMark(resumed.Time, "incident-resumed", resumed.Host, stopped));
                Log(resumed.Time, null, "incident-resumed", stopped);
                resumes.Add(resumed);
                break;
            case RecordingInterrupted hole:
                // A hole in the record, told once the incident recorded again: said where it began, so that what went
                // unheard then is read against it, not as units or radios gone quiet.
                timeline.Add(new TimelineMark(hole.From, "recording-interrupted", hole.Host, hole.Said()));
                Log(hole.From, null, "recording-interrupted", hole.Said());
                holes.Add(hole);
                break;
            case SiteSet given when frame is not null:
                // Its buildings and zones are where entry and occupancy are measured from here on (the origin stands).
                site = given.Site;
                areas = new SiteAreas(given.Site, frame);
                zones = [.. ReportZone.Of(given.Site)];
                PlaceThreats();
                Log(e.Time, null, "site-set", $"Site {given.Site.Name} set{(given.Scenario is { } scenarioGiven ? $" by drill {scenarioGiven}" : "")}: {SiteGround.Counted(given.Site)} ({given.Actor})");
                break;
            case ExerciseSet set:
                exercise = set.Exercise;
                if (set.Exercise.Scenario is { } name)
                {
                    scenario = (name, set.Exercise.ScenarioVersion);
                }

                break;
            case DrillControlled drill:
                // Measured as the drill played: its clock stood still from its last save, as its carry-on says, though the
                // incident, having judged on meanwhile, could stop its judging clock only from its latest event.
                drillClock.Follow(drill.UnplayedSince is { } unplayed ? drill with { StoodSince = unplayed } : drill);
                drillOutages.Follow(drill);
                if (drill is { Speed: { } speed and > 0, Action: not ("stop" or "completed" or "faulted") })
                {
                    drillSpeeds.Add(speed);
                }

                if (drill.Action == "start" && scenario?.Name != drill.Scenario)
                {
                    scenario = (drill.Scenario, null);
                }

                if (drill.StartsOver)
                {
                    // Every unit is back where the script starts it: its flags cleared with the start-over, recorded after it.
                    var begins = drill.Round is { } round ? $"round {round} begins" : "a new round begins";
                    timeline.Add(new TimelineMark(e.Time, "drill-started-over", drill.Scenario, Assessment.Reasons.StartedOver(drill.Round)));
                    Log(e.Time, null, "drill", $"Drill {drill.Scenario} started over, {begins}: every unit is judged afresh ({drill.Actor})");
                    // Each unit's own log says so too: its flags clear and its figures start again here, and a reader of one
                    // log alone would otherwise take the next lines for the round before.
                    // Its figures are the new round's from here: each round's are its own.
                    rounds.Add(new IncidentRound(drill.Round ?? Playing.Number + 1, e.Time)
                    {
                        ActiveAt = threats.Values.Any(t => t.IsActive) ? e.Time : null,
                    });

                    foreach (var unit in enrolment)
                    {
                        unit.StartRound(Playing.Number, e.Time, Recorded);
                        Log(e.Time, unit.UnitId, "drill", $"Drill started over, {begins}: judged afresh from its next report ({drill.Actor})");
                    }
                }
                else
                {
                    Log(e.Time, null, "drill", $"Drill {drill.Action}: {drill.Scenario}{OnDrillClock(drill.Speed)} ({drill.Actor})");
                }

                break;
            case IncidentClosed closed:
                closedAt ??= e.Time;
                timeline.Add(new TimelineMark(e.Time, "incident-closed", opened?.IncidentId ?? "", $"{closed.Reason} ({closed.Actor})"));
                Log(e.Time, null, "closed", $"Incident closed: {closed.Reason} ({closed.Actor})");
                break;
            case PositionAccepted accepted:
                Fixed(accepted.Report.UnitId, accepted.Report.Position, accepted.Report.FixTime, ReportedFloor.Of(accepted.Report), accepted.Report.ClockCorrectionS,
                    TakenIn.Of(accepted.Report), accepted.Report.WeekRolloverEras, e.Time);
                break;
            case InputRejected refused:
                rejected[refused.Reason] = rejected.GetValueOrDefault(refused.Reason) + 1;
                // A unit's refused reports are its positions refused, as its board row says them: not a repeat of a fix
                // already taken, nor what its device sent that is no position at all (those are in the totals by reason).
                if (refused.UnitId is { } refusedUnit && refused.Reason is not (RejectReason.Duplicate or RejectReason.NotAPosition))
                {
                    if (units.TryGetValue(refusedUnit, out var refusedTally))
                    {
                        refusedTally.Refused(e.Time, RejectReasons.Name(refused.Reason), refused.Detail);
                    }
                    else
                    {
                        Unenrolled(refusedUnit, e.Time, refused);
                    }
                }

                break;
            default:
                OnFlag(e);
                break;
        }
    }

    public AfterActionReport Build()
    {
        var end = ended ?? default;
        SayUnenrolled();
        foreach (var ((subject, rule), span) in openFlags.ToList())
        {
            if (units.GetValueOrDefault(subject) is { } unit)
            {
                var heard = unit.HeardUntil(end);
                var (held, unrecorded) = Held(span.Raised, heard > span.Raised ? heard : span.Raised);
                unit.Flagged(rule, held);
                openFlags[(subject, rule)] = span with { Unrecorded = unrecorded };
            }
        }

        foreach (var unit in enrolment)
        {
            SayLate(unit.UnitId, unit.EndLateRun());
            unit.EndHold(end, Recorded);
            LogRefusals(unit, null);
            SaySecondDevice(unit.UnitId);
            var lostWith = unit.LostWith(end, departures);
            if (lostWith is var (leftAt, host) && unit.LastReport is { } lastHeard)
            {
                fixesLost.Add(new FixesLost(unit.UnitId, host, leftAt, lastHeard, null));
                unit.Silence = new SilentToEnd(lastHeard, unit.LastFromThreatM, end - lastHeard, host, leftAt);
                Log(lastHeard, unit.UnitId, "silent", unit.Silence.Said);
            }
            else if (unit.Released is null && unit.HeardUntil(end) is var heard && heard < end)
            {
                // A device lost for the rest of the record (a radio dead 30 m from the threat) is what its log must say, and
                // its row and the AAR/IP's key moments with it; one silent from after the threat was neutralized was
                // switched off with the drill over, and says so.
                var neutralized = unit.Current.Number == Playing.Number && Playing.NeutralizedAt is { } n && n <= heard ? n : (DateTimeOffset?)null;
                var sourceDown = sourceDowntime.During(unit.LastTakenIn, heard, end);
                unit.Silence = new SilentToEnd(heard, unit.LastFromThreatM, end - heard, Neutralized: neutralized, SourceDown: sourceDown);
                Log(heard, unit.UnitId, "silent", unit.Silence.Said);
                if (sourceDown is not null)
                {
                    silentToEndWithSources.Add((sourceDown, new FixesLost(unit.UnitId, null, null, heard, null)));
                }
            }
        }

        SayUnitsUnheardWithHosts();
        SaySilencesInHoles();
        SaySilencesWithSources();

        var first = rounds[0];
        var from = first.ActiveAt ?? opened?.Time;
        var unitRows = enrolment.SelectMany(u => u.ToMetrics(ActiveIn, drillClock, end, sourceDowntime, resumes)).OrderBy(u => u.Round).ToList();
        var incident = new IncidentMetrics(
            opened?.IncidentId ?? "", opened?.Name ?? "", site?.Name ?? "", opened?.Time, ended, first.ActiveAt,
            first.FirstOnScene, first.FirstEntry, first.FirstContact, Elapsed(from, first.FirstContact?.Time),
            first.ContainedAt, Elapsed(from, first.ContainedAt), first.NeutralizedAt, Elapsed(from, first.NeutralizedAt),
            first.FlagsRaised, first.FlagsAcknowledged,
            [.. rejected.OrderByDescending(r => r.Value).ThenBy(r => r.Key).Select(r => new RejectionCount(RejectReasons.Name(r.Key), r.Value))],
            eventCount, suppressedAt, suppressedBy, unitRows.Count(u => u.Round == first.Number && u.HeldWhileSuppressed > TimeSpan.Zero), site?.TimeZone, scenario?.Name, scenario?.Version,
            DrillPlay.Describe(drillClock.Spans, end, drillOutages.Total, drillSpeeds), closedAt,
            rounds.Count > 1 ? [.. rounds.Select(r => r.ToMetrics(Elapsed))] : null, FlagsRaisedOnZones: first.FlagsRaisedOnZones);
        return new AfterActionReport(incident, [.. unitRows], [.. samples],
            [.. flags.Concat(openFlags.Values).OrderBy(f => f.Raised)], [.. timeline], [.. activity.OrderBy(a => a.Time)], exercise,
            drillClock.IsIncidentClock ? null : [.. drillClock.Spans], zones.IsEmpty ? null : zones,
            [.. enrolment.SelectMany(u => u.RolesHeld(ActiveIn, drillClock)).OrderBy(r => r.Round)],
            fixesLost.Count == 0 ? null : [.. fixesLost.OrderBy(l => l.LastHeard)], [.. closingRoles.Order()]);
    }

    // When the threat went active in each round.
    private DateTimeOffset? ActiveIn(int round) => rounds.FirstOrDefault(r => r.Number == round)?.ActiveAt;

    // The round being played.
    private IncidentRound Playing => rounds[^1];

    // A containment taken back (the threat active again before it was neutralized) is not the round's containment: the
    // one that stood is, and the timeline keeps both declarations.
    private void OnPhase(ThreatPhase phase, DateTimeOffset time)
    {
        if (phase == ThreatPhase.Active && Playing.NeutralizedAt is null && Playing.ContainedAt is not null)
        {
            Playing.ContainedAt = null;
            if (rounds.Count == 1)
            {
                (suppressedAt, suppressedBy) = (null, null);
            }
        }

        Playing.ActiveAt ??= phase == ThreatPhase.Active ? time : null;
        Playing.ContainedAt ??= phase == ThreatPhase.Contained ? time : null;
        Playing.NeutralizedAt ??= phase == ThreatPhase.Neutralized ? time : null;
    }

    // Holding back from a threat in custody is what units should do: a hold noted while flags are suppressed counts only
    // while a threat is contained, and ends when none is any more.
    private bool Contained => threats.Values.Any(t => t.Phase == ThreatPhase.Contained) && !threats.Values.Any(t => t.IsActive);

    private void EndHoldsUnlessContained(DateTimeOffset time)
    {
        if (!Contained)
        {
            foreach (var unit in enrolment)
            {
                unit.EndHold(time, Recorded);
            }
        }
    }

    // The first time flags were suppressed (no threat active, one declared contained or neutralized), and by what.
    private void OnDeclared(ThreatPhase phase, string actor, string? reason, DateTimeOffset time)
    {
        if (suppressedAt is null && rounds.Count == 1 && FlagSuppression.Suppresses(phase) && !threats.Values.Any(t => t.IsActive))
        {
            suppressedAt = time;
            suppressedBy = $"{ThreatPhases.Name(phase)}, declared by {actor}: {(string.IsNullOrWhiteSpace(reason) ? FlagSuppression.NoReason : reason)}";
        }
    }

    private void PlaceThreats()
    {
        if (frame is null)
        {
            return;
        }

        var active = threats.Values.Where(t => t.IsActive).ToList();
        targets = [.. (active.Count > 0 ? active : [.. threats.Values]).Select(Target)];
        threatBuildings = [.. targets.Where(t => t.Building is not null).Select(t => t.Building!.Value)];
    }

    private (LocalPoint Point, double RadiusM, int? Building, int? Floor) Target(Threat threat)
    {
        var point = frame!.ToLocal(threat.Position);
        var building = areas?.BuildingAt(point);
        var floor = building is { } b
            ? areas!.FloorOf(b, new ReportedFloor(threat.Floor, threat.AltitudeM, threat.AltitudeDatum, threat.VerticalAccuracyM), null, floorHeightM)
            : threat.Floor;
        return (point, options.ContactRadiusM, building, floor);
    }

    /// <summary>"T1 contained: subject barricaded (cmd)": a threat's phase, why it was set where a reason was given, and who set it.</summary>
    // Durations are measured on the clock units were judged on: a drill's, where one set it.
    private TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to) => drillClock.Elapsed(from, to);

    // Of a hold from one instant to another, what was recorded, and the time between in which its host was down and nothing
    // was (the incident resumed after it), both on the clock units were judged on: a unit flagged before the host stopped and
    // cleared after it came back was not seen holding while nobody recorded. A drill's own clock stood still then already.
    private (TimeSpan Held, TimeSpan Unrecorded) Held(DateTimeOffset from, DateTimeOffset to) => (Recorded.Elapsed(from, to), Recorded.Unrecorded(from, to));

    // The clock every time a unit is measured over is on: the drill's, less its host's downtime.
    private RecordedClock Recorded => recordedClock ??= new(drillClock, resumes);

    // "; held 1:18 as recorded, not counting a recording gap of 4:12 (the incident was not running …)", or nothing.
    private string NotCounted(DateTimeOffset from, DateTimeOffset to, TimeSpan held, TimeSpan unrecorded) =>
        unrecorded <= TimeSpan.Zero ? "" : $"; held {Durations.Clock(held)} as recorded, {Recorded.NotCounted(from, to)}";

    private TimeSpan? Elapsed(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t ? Elapsed(f, t) : null;

    // A control that set the drill's clock says what that did to judging: times in this report are the incident's.
    private static string OnDrillClock(double? speed) => speed switch
    {
        0 => ", its clock stopped: no hold grew while it was paused",
        { } s when s != 1 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $" at {s:0.##}×: units judged on the drill's clock, {s:0.##} s of drill to each second here"),
        _ => "",
    };

    // What the threat is said to be, where it is: ' ("Shooter: male, black hoodie")'.
    private static string Described(Threat threat) => threat.Described() is { } said ? $" (\"{said}\")" : "";

    private static string PhaseWords(string? threatId, ThreatPhase phase, string? reason, string actor) =>
        $"{(threatId is null ? "" : $"{threatId} ")}{ThreatPhases.Name(phase)}{(string.IsNullOrWhiteSpace(reason) ? "" : $": {reason}")} ({actor})";

    private void Log(DateTimeOffset time, string? unitId, string kind, string text) => activity.Add(new ActivityEntry(time, unitId, kind, text));

    private sealed record SecondDeviceEpisode(DateTimeOffset Since, int Count, DateTimeOffset LastAt, string Detail);

    private UnitTally Enrol(string unitId, string callsign, UnitRole role, DateTimeOffset time)
    {
        if (!units.TryGetValue(unitId, out var tally))
        {
            units[unitId] = tally = new UnitTally(unitId, callsign, role, time, Playing.Number);
            enrolment.Add(tally);
        }

        return tally;
    }
}

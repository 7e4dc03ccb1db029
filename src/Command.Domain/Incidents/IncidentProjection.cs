using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Domain.Zones;

namespace Command.Domain.Incidents;

/// <summary>
/// Live state of an incident as a fold of its events. The grain applies each event as it happens; replay
/// applies the recorded ones. Both get the same state and the same derived flag events.
/// </summary>
public sealed class IncidentProjection
{
    private readonly AssessmentOptions options;
    private readonly Dictionary<string, Threat> threats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnitEntry> units = new(StringComparer.Ordinal);
    private readonly CallsignBook callsigns = new();
    private readonly Dictionary<string, SendInsteadProposed> proposals = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SourceOutage> sourcesDown = new(StringComparer.Ordinal);

    // The latest acknowledgement of each subject's flag, to say who keeps it quiet. The snapshot keeps the standing ones;
    // restored from a snapshot taken before it did, who acknowledged is not known, so a second acknowledgement is not
    // refused as another commander's.
    private readonly Dictionary<string, FlagAcknowledged> acknowledged = new(StringComparer.Ordinal);
    private readonly SortedSet<string> hostsDeparted = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, HostDeparted> hostsLeft = new(StringComparer.Ordinal);
    private readonly SortedSet<string> holes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> sightingsDeleted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnitReleased> released = new(StringComparer.Ordinal);
    private readonly DrillClock drillClock = new();
    private ClosingAssessment? assessment;
    private IncidentOpened? opened;
    private Site? siteGiven;
    private RulesAdopted? adopted;
    private FlagSuppression? suppression;

    public IncidentProjection(AssessmentOptions? options = null) => this.options = options ?? AssessmentOptions.Default;

    public string? IncidentId { get; private set; }

    public string Name { get; private set; } = "";

    public Site? Site { get; private set; }

    public LocalFrame? Frame { get; private set; }

    public bool AutoEnrol { get; private set; }

    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>The clock units are judged on: the incident's own, or a drill's while one drives the incident.</summary>
    public DrillClock DrillClock => drillClock;

    /// <summary>While units are judged on a drill's clock other than the incident's (paused, or fast): since when and by whose control; else null.</summary>
    public DrillClockNotice? DrillClockNotice { get; private set; }

    /// <summary>The round its drills play: 1 until a drill starts over, then the round that start-over began.</summary>
    public int Round { get; private set; } = 1;

    /// <summary>Latest event time applied: the incident's clock.</summary>
    public DateTimeOffset Clock { get; private set; }

    public long LastSequence { get; private set; }

    /// <summary>When the last input (anything but a clock tick or a derived event) was folded.</summary>
    public DateTimeOffset LastInput { get; private set; }

    /// <summary>The stream's version, from the event that opened it.</summary>
    public int Schema => opened?.Schema ?? IncidentSchema.Current;

    /// <summary>The rules units are judged under: the ones the incident was opened under, or adopted since.</summary>
    public int Rules => adopted?.Rules ?? opened?.Rules ?? AssessmentRules.Current;

    /// <summary>The options those rules are applied with: as recorded, else this projection's.</summary>
    public AssessmentOptions Options => adopted?.Assessment ?? opened?.Assessment ?? options;

    /// <summary>
    /// True when this build derives the incident's flags; false while it replays rules it no longer derives, when the
    /// flags are folded as recorded.
    /// </summary>
    public bool DerivesFlags => AssessmentRules.Derives(Rules);

    public IReadOnlyDictionary<string, Threat> Threats => threats;

    /// <summary>Flags are suppressed: by whom, why, since when; null while they apply (or no threat was ever declared over).</summary>
    public FlagSuppression? Suppression => suppression;

    public IReadOnlyDictionary<string, UnitEntry> Units => units;

    /// <summary>
    /// The units let go from the incident and not enrolled here again, each with its release (when, by whom, why): their
    /// reports are not taken here, nor are they enrolled again as they report.
    /// </summary>
    public IReadOnlyDictionary<string, UnitReleased> Released => released;

    /// <summary>The callsigns the units are enrolled under, by how they read: none is taken twice.</summary>
    public CallsignBook Callsigns => callsigns;

    /// <summary>For each unit flagged for not closing now, the units proposed to go instead when its flag went up.</summary>
    public IReadOnlyDictionary<string, SendInsteadProposed> Proposals => proposals;

    /// <summary>The sources of reports feeding the incident that are down, by source id.</summary>
    public IReadOnlyDictionary<string, SourceOutage> SourcesDown => sourcesDown;

    /// <summary>
    /// The runs of hosts recorded as having left the cluster while the incident was open, each as <see cref="HostDeparted.Key"/>
    /// (see <see cref="HostDeparted"/>).
    /// </summary>
    public IReadOnlySet<string> HostsDeparted => hostsDeparted;

    /// <summary>
    /// The hosts recorded as having left the cluster and not as restarted since, by address, each with its latest
    /// leaving: a unit whose last fix one of them took in went quiet with it.
    /// </summary>
    public IReadOnlyDictionary<string, HostDeparted> HostsLeft => hostsLeft;

    /// <summary>The holes in the record hosts told of, each as <see cref="RecordingInterrupted.Key"/> (see <see cref="RecordingInterrupted"/>).</summary>
    public IReadOnlySet<string> Holes => holes;

    /// <summary>
    /// The markers of sightings (<see cref="ThreatSighted"/>) deleted on a device: the deletion sent again (a TAK Server
    /// passing it on once more) is a repeat, not a message of no position.
    /// </summary>
    public IReadOnlySet<string> SightingsDeleted => sightingsDeleted;

    /// <summary>True once the incident was opened (closed or not).</summary>
    public bool Exists => Site is not null;

    /// <summary>When the incident was closed, or null while it is open.</summary>
    public DateTimeOffset? ClosedAt => Closure?.Time;

    public bool IsClosed => ClosedAt is not null;

    /// <summary>
    /// The close (when, by whom, why) that a page shows standing while it watches the incident; null while it is open.
    /// Restored from a snapshot taken before who closed it and why were kept, it says only when, with both empty.
    /// </summary>
    public IncidentClosed? Closure { get; private set; }

    /// <summary>Who is inside which zone and since when; null until the incident is open.</summary>
    public ZoneOccupancy? Occupancy => assessment?.Occupancy;

    /// <summary>
    /// When a unit the board shows stale now was last heard: a zone it was last placed in does not count it. Null while
    /// it is heard.
    /// </summary>
    public DateTimeOffset? SilentSince(string unitId) =>
        assessment?.SilentSince(unitId, Judged(Clock)) is { } heard ? drillClock.IncidentTimeAt(heard) : null;

    /// <summary>Times the zones were judged (see <see cref="ClosingAssessment.ZonesJudged"/>): unchanged over a tick, no zone changed.</summary>
    public long ZonesJudged => assessment?.ZonesJudged ?? 0;

    /// <summary>Every flag up now, on units and on zones ("zone:{id}").</summary>
    public IEnumerable<RaisedFlag> Flags => (assessment?.Flags ?? []).Select(Shown);

    /// <summary>The flag up on a subject (a unit id, or "zone:{id}"), if any.</summary>
    public RaisedFlag? FlagOn(string subject) => assessment?.FlagOn(subject) is { } flag ? Shown(flag) : null;

    /// <summary>
    /// The acknowledgement keeping the flag on a subject quiet now, if one does: by whom, why and when (actor and reason
    /// empty where the incident was restored since from a snapshot that did not keep them); null where its flag is not
    /// acknowledged or the acknowledgement ran out.
    /// </summary>
    public FlagAcknowledged? Acknowledgement(string subject) =>
        assessment?.AcknowledgementEnds(subject, Judged(Clock)) is null || FlagOn(subject) is not { AcknowledgedAt: { } at } ? null
            : acknowledged.TryGetValue(subject, out var ack) && ack.Time >= at - TimeSpan.FromSeconds(1) ? ack
            : new FlagAcknowledged(subject, "", "") { Time = at };

    /// <summary>The zones' flags up, in the words of the incident's clock now (see <see cref="ClosingAssessment.ZoneFlags"/>).</summary>
    public IEnumerable<ZoneFlagShown> ZoneFlags() =>
        assessment?.ZoneFlags(units, Judged(Clock)).Select(f => drillClock.IsIncidentClock ? f : f with { RaisedAt = drillClock.IncidentTimeAt(f.RaisedAt) }) ?? [];

    /// <summary>Since when a zone's rule has been broken, or null when it holds or the zone has no rule.</summary>
    public DateTimeOffset? ZoneRuleBrokenSince(string zoneId) => assessment?.ZoneRuleBrokenSince(zoneId) is { } since ? drillClock.IncidentTimeAt(since) : null;

    /// <summary>
    /// Applies one event; returns the derived events (flag transitions) it causes, not yet sequenced. A derived
    /// event only advances the sequence and clock: its effect was had when the event that caused it was applied.
    /// </summary>
    public IReadOnlyList<IncidentEvent> Apply(IncidentEvent e)
    {
        LastSequence = Math.Max(LastSequence, e.Sequence);
        if (e.Time > Clock)
        {
            Clock = e.Time;
        }

        if (e.IsDerived)
        {
            // Derived by this build, its effect was had with the input that caused it; recorded under other rules,
            // it is the flag book's only source.
            assessment?.FoldRecorded(e);

            switch (e)
            {
                case SendInsteadProposed proposed:
                    proposals[proposed.Subject] = proposed;
                    break;
                case FlagCleared { Rule: ClosingAssessment.NotClosingRule } cleared:
                    proposals.Remove(cleared.Subject);
                    break;
            }

            return [];
        }

        if (e is not ClockTicked)
        {
            LastInput = e.Time > LastInput ? e.Time : LastInput;
        }

        switch (e)
        {
            case IncidentOpened o:
                opened = o;
                IncidentId = o.IncidentId;
                Name = o.Name;
                Site = o.Site;
                AutoEnrol = o.AutoEnrol;
                OpenedAt = o.Time;
                Frame = new LocalFrame(o.Site.Origin);
                assessment = new ClosingAssessment(o.Assessment ?? options, Frame, o.Site) { DerivesFlags = AssessmentRules.Derives(o.Rules) };
                return [];
            case RulesAdopted rules when assessment is not null:
                Adopt(rules);
                break;
            case SiteSet set when assessment is not null:
                GiveSite(set.Site);
                break;
            case ThreatSet set:
                var stood = threats.GetValueOrDefault(set.Threat.ThreatId);
                threats[set.Threat.ThreatId] = StillSightedWhenPlaced(stood, set.Threat);
                if (stood?.Phase != set.Threat.Phase)
                {
                    // A threat moved, or its marker sent again, in the phase it stood in declares nothing: the suppression
                    // stands as declared, by whom and why (it read "declared by admin: no reason recorded" once a commander
                    // moved a contained threat).
                    Declared(set.Threat.ThreatId, set.Threat.Phase, set.Actor, set.Reason, set.Time);
                }

                assessment?.SetThreats(threats.Values, Judged(set.Time), suppression);
                break;
            case ThreatPhaseChanged phase when threats.TryGetValue(phase.ThreatId, out var threat):
                threats[phase.ThreatId] = StillSighted(threat, threat with { Phase = phase.Phase });
                Declared(phase.ThreatId, phase.Phase, phase.Actor, phase.Reason, phase.Time);
                assessment?.SetThreats(threats.Values, Judged(phase.Time), suppression);
                break;
            case ThreatMarkerDeleted { Sighting: true } deleted when threats.TryGetValue(deleted.ThreatId, out var sighted):
                // The sighting's marker gone: nothing more to say of it. The threat stands as it did.
                threats[deleted.ThreatId] = sighted.Sighted?.Marker == deleted.Marker ? sighted with { Sighted = null } : sighted;
                sightingsDeleted.Add(deleted.Marker);
                return [];
            case ThreatSighted seen when threats.TryGetValue(seen.ThreatId, out var contained):
                // Said, not judged: the threat stays where it was contained, in its phase, until a commander declares it active.
                threats[seen.ThreatId] = contained with { Sighted = new MarkerSighting(seen.Time, seen.Marker, seen.Position, seen.Heading, seen.Actor) };
                return [];
            case ThreatMarkerDeleted deleted when threats.TryGetValue(deleted.ThreatId, out var placed):
                // Said, not judged: the threat stands where it was, in its phase, until it is placed again or declared.
                threats[deleted.ThreatId] = placed with { MarkerDeleted = new MarkerDeletion(deleted.Time, deleted.Marker, deleted.Actor, deleted.Became) };
                break;
            case UnitEnrolled enrolled:
                units[enrolled.UnitId] = new UnitEntry(enrolled.UnitId, enrolled.Callsign, enrolled.Role, enrolled.Time, null);
                callsigns.Took(enrolled.UnitId, enrolled.Callsign);
                released.Remove(enrolled.UnitId);
                break;
            case UnitReleased release when units.ContainsKey(release.UnitId):
                // Off the board and judged no more; what it did here stays in the record.
                units.Remove(release.UnitId);
                callsigns.Gave(release.UnitId);
                released[release.UnitId] = release;
                return OnIncidentClock(assessment?.Release(release.UnitId, Judged(Clock), $"released from the incident by {release.Actor}: {release.Reason}", units));
            case UnitRoleChanged changed when units.TryGetValue(changed.UnitId, out var unit):
                units[changed.UnitId] = unit with { Role = changed.Role };
                assessment?.Reassign(changed.UnitId, unit.Role, changed.Role, Judged(changed.Time));
                break;
            case PositionAccepted accepted when units.TryGetValue(accepted.Report.UnitId, out var unit):
            {
                var retimed = Retimed(unit, accepted.Report) ?? [];
                units[unit.UnitId] = unit with
                {
                    LastFix = accepted.Report, Refused = null, SignedOff = null,
                    Device = unit.Device?.Reported(accepted.Report.Callsign) ?? DeviceCallsign.First(accepted.Report.Callsign),
                };
                return OnIncidentClock([.. retimed, .. assessment?.Observe(OnDrillClock(accepted.Report), Judged(Clock), units) ?? []]);
            }
            case InputRejected { UnitId: { } refusedId, Reason: not (RejectReason.Duplicate or RejectReason.NotAPosition) } refused
                when units.TryGetValue(refusedId, out var unit):
                // A repeat of a fix already taken is no news, nor is what its device sends that is no position at all
                // (ATAK deleting a marker or answering a chat under its own uid, an APRS status): it says nothing of its
                // positions. Any other refusal is, until a report of the unit is accepted.
                units[refusedId] = unit with { Refused = new RefusedReport(refused.Time, RejectReasons.Name(refused.Reason), refused.Detail, (unit.Refused?.Count ?? 0) + 1) };
                return [];
            case UnitAlarmed alarmed when units.TryGetValue(alarmed.UnitId, out var unit):
                // The board shows the alert on the unit's row until its device cancels it.
                units[alarmed.UnitId] = unit with { Alarm = alarmed.Cancelled ? null : new UnitAlarm(alarmed.Kind, alarmed.Time, alarmed.Actor) };
                return [];
            case UnitSignedOff off when units.TryGetValue(off.UnitId, out var unit):
                // Its device reports no more: shown stale at once, and on its row, until it reports again.
                units[off.UnitId] = unit with { SignedOff = new UnitSignOff(off.Time, off.Actor) };
                return OnIncidentClock(assessment?.SignOff(off.UnitId, Judged(Clock), units));
            case UnitDeviceRenamed renamed when units.TryGetValue(renamed.UnitId, out var unit):
                // Said, not judged: the unit keeps its enrolled callsign, and its row shows what its device calls itself.
                units[renamed.UnitId] = unit with { Device = (unit.Device ?? new DeviceCallsign(renamed.Was, [])).Turned(renamed.Callsign) };
                return [];
            case DrillControlled { StartsOver: true } over:
                return StartOver(over);
            case DrillControlled { Speed: { } rate } drill:
                // Units are judged on the drill's clock from here: paused, or running at the drill's speed.
                drillClock.Follow(drill);
                DrillClockNotice = rate == 1 ? null : new DrillClockNotice(rate, drill.Time, drill.Actor, drill.Scenario);
                return [];
            case IncidentClosed closed:
                Closure ??= closed;
                // Nobody is judged after the close, on the drill's clock or any other: that banner has nothing to say.
                DrillClockNotice = null;
                // Nobody is left to declare a sighted threat active: its sighting is no longer asked about.
                foreach (var threat in threats.Values.Where(t => t.Sighted is not null).ToList())
                {
                    threats[threat.ThreatId] = threat with { Sighted = null };
                }

                return [];
            case SourceChanged { Down: true } down:
                // Down since it was first said down; a later word of it says why now. One refusing part of what comes that
                // goes down (or back) is in another state since then.
                sourcesDown[down.SourceId] = new SourceOutage(down.SourceId, down.Name,
                    sourcesDown.TryGetValue(down.SourceId, out var was) && was.Throttled == down.Throttled ? was.Since : Earlier(down.Since, down.Time), down.Detail, down.Host, down.Throttled);
                return [];
            case SourceChanged heard:
                sourcesDown.Remove(heard.SourceId);
                return [];
            case HostDeparted departed:
                hostsDeparted.Add(HostDeparted.Key(departed.Host, departed.Generation));
                if (departed.Restarted)
                {
                    hostsLeft.Remove(departed.Host);
                }
                else
                {
                    hostsLeft[departed.Host] = departed;
                }

                return [];
            case RecordingInterrupted hole:
                holes.Add(RecordingInterrupted.Key(hole.Host, hole.From));
                return [];
            case FlagAcknowledged ack:
                assessment?.Acknowledge(ack.Subject, Judged(Clock));
                acknowledged[ack.Subject] = ack;
                return [];
            case ClockTicked:
                // Only the clock moved: what is due by now is judged, and it derives what judging every unit would.
                return OnIncidentClock(assessment?.Tick(Judged(Clock), units));
            default:
                return [];
        }

        return OnIncidentClock(assessment?.Evaluate(Judged(Clock), units));
    }

    // What the assessment derives on the drill's clock is stamped on the incident's: now, as it is derived.
    private IReadOnlyList<IncidentEvent> OnIncidentClock(IReadOnlyList<IncidentEvent>? derived) =>
        derived is null or [] ? [] : drillClock.IsIncidentClock ? derived : [.. derived.Select(e => e with { Time = default })];

    private DateTimeOffset Judged(DateTimeOffset time) => drillClock.At(time);

    // A fix judged on the drill's clock: its time is when the drill's clock read then. What the board shows of it is the report as received.
    private PositionReport OnDrillClock(PositionReport report) =>
        drillClock.IsIncidentClock ? report : report with { FixTime = drillClock.At(report.FixTime) };

    // What the assessment keeps on the drill's clock is shown on the incident's: a flag from when the drill's clock read
    // its time; a unit's state as long before now as it has lasted by the drill's clock, which is what the board counts.
    private RaisedFlag Shown(RaisedFlag flag) => drillClock.IsIncidentClock ? flag : flag with
    {
        RaisedAt = drillClock.IncidentTimeAt(flag.RaisedAt),
        AcknowledgedAt = flag.AcknowledgedAt is { } acknowledged ? drillClock.IncidentTimeAt(acknowledged) : null,
    };

    private UnitAssessment Shown(UnitAssessment judged) => drillClock.IsIncidentClock || judged.StateSince is not { } since ? judged
        : judged with { StateSince = Clock - (Judged(Clock) - since) };

    // A sighting stands while the threat is still declared contained or neutralized: placed again so (its own marker sent
    // again, a commander moving it) it keeps it; declared anything else, a commander has decided, and it is said no more.
    private static Threat StillSighted(Threat? before, Threat now) =>
        before?.Sighted is { } seen && FlagSuppression.Suppresses(now.Phase) ? now with { Sighted = seen } : now with { Sighted = null };

    // A sighting of an active threat stands while the threat's own marker is sent again or moved: only a commander placing
    // it answers it.
    private static Threat StillSightedWhenPlaced(Threat? before, Threat now) =>
        before?.Sighted is { } seen && now.IsActive && now.Marker is not null && now.Marker == before.Marker ? now with { Sighted = seen } : StillSighted(before, now);

    // Flags are suppressed while no threat is active and one was declared contained or neutralized: from the first such
    // declaration, by the latest one's author and reason.
    private void Declared(string threatId, ThreatPhase phase, string actor, string? reason, DateTimeOffset at)
    {
        if (threats.Values.Any(t => t.IsActive) || !threats.Values.Any(t => FlagSuppression.Suppresses(t.Phase)))
        {
            suppression = null;
        }
        else if (FlagSuppression.Suppresses(phase))
        {
            var since = suppression?.Since ?? at;
            suppression = new FlagSuppression(since, threatId, phase, actor, string.IsNullOrWhiteSpace(reason) ? FlagSuppression.NoReason : reason, at > since ? at : null);
        }
    }

    // The first report whose device's clock was put right, after fixes taken as stamped: those were timed by a clock now
    // known wrong, so the unit is judged afresh from this report. (A clock learned anew, after it jumped or on another
    // host, changes nothing already judged: the reports between were refused, as future or out of order, not taken.)
    private IReadOnlyList<IncidentEvent>? Retimed(UnitEntry unit, PositionReport report) =>
        unit.LastFix is { ClockCorrectionS: null } && report.ClockCorrectionS is { } correction
            ? assessment?.Retimed(unit.UnitId, Judged(Clock), Reasons.Retimed(correction))
            : null;

    // The units are back where the drill starts them: where they were last round, and what they did there, is forgotten.
    private IReadOnlyList<IncidentEvent> StartOver(DrillControlled over)
    {
        Round = over.Round ?? Round + 1;
        foreach (var unit in units.Values.ToList())
        {
            units[unit.UnitId] = unit with { LastFix = null, Refused = null, Alarm = null, SignedOff = null };
        }

        var cleared = assessment?.StartOver(Judged(Clock), Reasons.StartedOver(over.Round)) ?? [];
        return OnIncidentClock([.. cleared, .. assessment?.Evaluate(Judged(Clock), units) ?? []]);
    }

    // The judges keep their tracks and the book its flags; from here on both follow the adopted rules and options.
    private void Adopt(RulesAdopted rules)
    {
        adopted = rules;
        var state = assessment!.Snapshot();
        assessment = new ClosingAssessment(rules.Assessment, Frame!, Site) { DerivesFlags = AssessmentRules.Derives(rules.Rules) };
        assessment.Restore(state, threats.Values, suppression);
    }

    // The judges keep their tracks and the book its flags; from here on both measure against the site given. Its origin
    // is the incident's (the grain refuses one that moves), so the frame every track is kept in stands.
    private void GiveSite(Site site)
    {
        siteGiven = site;
        Site = site;
        var state = assessment!.Snapshot();
        assessment = new ClosingAssessment(Options, Frame!, site) { DerivesFlags = DerivesFlags };
        assessment.Restore(state, threats.Values, suppression);
    }

    // A host's word of since when a source is down, no later than the incident learnt it (hosts' clocks differ).
    private static DateTimeOffset Earlier(DateTimeOffset? said, DateTimeOffset learnt) => said is { } since && since < learnt ? since : learnt;

    /// <summary>Moves the sequence and clock past an event that is not folded (a replay passing over a bad input).</summary>
    public void Skip(IncidentEvent e)
    {
        LastSequence = Math.Max(LastSequence, e.Sequence);
        if (e.Time > Clock)
        {
            Clock = e.Time;
        }
    }

    /// <summary>Captures the whole state as a snapshot; only valid once the incident is open.</summary>
    public IncidentSnapshot Snapshot() => new(
        LastSequence,
        Clock,
        opened ?? throw new InvalidOperationException("The incident is not open."),
        [.. threats.Values],
        [.. units.Values],
        assessment!.Snapshot(),
        LastInput,
        ClosedAt,
        adopted,
        suppression,
        proposals.Count == 0 ? null : [.. proposals.Values],
        drillClock.IsIncidentClock ? null : [.. drillClock.Spans],
        DrillClockNotice,
        sourcesDown.Count == 0 ? null : [.. sourcesDown.Values],
        hostsDeparted.Count == 0 ? null : [.. hostsDeparted],
        siteGiven,
        Round == 1 ? null : Round,
        Standing() is { Length: > 0 } standing ? standing : null,
        Closure,
        sightingsDeleted.Count == 0 ? null : [.. sightingsDeleted],
        holes.Count == 0 ? null : [.. holes],
        released.Count == 0 ? null : [.. released.Values.OrderBy(r => r.UnitId, StringComparer.Ordinal)],
        hostsLeft.Count == 0 ? null : [.. hostsLeft.Values]);

    // The acknowledgements keeping flags quiet now: one run out, or of a flag since cleared, says nothing a restore needs.
    private ImmutableArray<FlagAcknowledged> Standing() =>
        [.. acknowledged.Values.Where(ack => Acknowledgement(ack.Subject) == ack).OrderBy(ack => ack.Subject, StringComparer.Ordinal)];

    /// <summary>Replaces the state with a snapshot's.</summary>
    public void Restore(IncidentSnapshot snapshot)
    {
        threats.Clear();
        units.Clear();
        adopted = null;
        suppression = snapshot.Suppression;
        proposals.Clear();
        drillClock.Restore(snapshot.DrillClock);
        DrillClockNotice = snapshot.DrillClockNotice;
        Round = snapshot.Round ?? 1;
        sourcesDown.Clear();
        foreach (var outage in snapshot.SourcesDown ?? [])
        {
            sourcesDown[outage.SourceId] = outage;
        }

        hostsDeparted.Clear();
        hostsDeparted.UnionWith(snapshot.HostsDeparted ?? []);
        hostsLeft.Clear();
        foreach (var departed in snapshot.HostsLeft ?? [])
        {
            hostsLeft[departed.Host] = departed;
        }

        sightingsDeleted.Clear();
        sightingsDeleted.UnionWith(snapshot.SightingsDeleted ?? []);
        holes.Clear();
        holes.UnionWith(snapshot.Holes ?? []);
        released.Clear();
        foreach (var release in snapshot.Released ?? [])
        {
            released[release.UnitId] = release;
        }

        acknowledged.Clear();
        foreach (var ack in snapshot.Acknowledged ?? [])
        {
            acknowledged[ack.Subject] = ack;
        }

        siteGiven = null;
        Apply(snapshot.Opened);
        if (snapshot.Site is { } given)
        {
            GiveSite(given);
        }

        foreach (var threat in snapshot.Threats)
        {
            threats[threat.ThreatId] = threat;
        }

        if (snapshot.Adopted is { } rules)
        {
            Adopt(rules);
        }

        callsigns.Clear();
        foreach (var unit in snapshot.Units)
        {
            units[unit.UnitId] = unit;
            callsigns.Took(unit.UnitId, unit.Callsign);
        }

        assessment!.Restore(snapshot.Assessment, threats.Values, suppression);
        LastSequence = snapshot.Sequence;
        Clock = snapshot.Clock;
        LastInput = snapshot.LastInput ?? snapshot.Clock;
        Closure = snapshot.Closure ?? (snapshot.ClosedAt is { } at ? new IncidentClosed("", "") { Time = at } : null);
        foreach (var proposed in snapshot.Proposals ?? [])
        {
            proposals[proposed.Subject] = proposed;
        }
    }

    public UnitAssessment? Assess(string unitId) =>
        !units.TryGetValue(unitId, out var unit) ? null
        : assessment is not null ? Shown(assessment.Assess(unit, units, Judged(Clock))) : Blank(unit);

    /// <summary>The named units' assessments (unknown ids are skipped), computed together.</summary>
    public IEnumerable<UnitAssessment> Assess(IEnumerable<string> unitIds) =>
        assessment?.AssessSome(units, unitIds, Judged(Clock)).Select(Shown) ?? unitIds.Where(units.ContainsKey).Select(id => Blank(units[id]));

    public IEnumerable<UnitAssessment> AssessAll() =>
        assessment?.AssessAll(units, Judged(Clock)).Select(Shown) ?? units.Values.Select(Blank);

    private static UnitAssessment Blank(UnitEntry unit) =>
        new(unit.UnitId, unit.Callsign, unit.Role, unit.LastFix, null, null, null, null, null, null, MotionState.Unknown, null, FlagLevel.None, null, false);
}

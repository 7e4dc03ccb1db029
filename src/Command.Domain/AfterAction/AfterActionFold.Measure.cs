using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;

namespace Command.Domain.AfterAction;

public sealed partial class AfterActionFold
{
    // How far a device's clock must move from what its log last said before it is said again: 5 s, the skew a report is
    // allowed before its clock is put right at all.
    private const double ClockLoggedAgainS = 5;

    // Where its last report put it, for a line about its silence: " 31 m from the threat".
    private static string FromThreat(UnitTally unit) => SilentToEnd.Distance(unit.LastFromThreatM);

    // The fixes of a unit taken as its device stamped them were timed early by its clock, now found and put right from
    // this fix on: what they set is moved by as much. A tracker 4 min slow was "first unit on scene" 4 min before the
    // incident opened, in the key moments and its log.
    private void PutRight(UnitTally unit, TimeSpan shift, DateTimeOffset upTo)
    {
        var (onSite, entry, contact) = (unit.FirstOnSite, unit.FirstEntry, unit.ReachedContact);
        unit.PutRight(shift, upTo);
        for (var i = 0; i < activity.Count; i++)
        {
            if (activity[i] is { Kind: "on-site" or "entry" or "contact" } said && said.UnitId == unit.UnitId && said.Time < upTo
                && (said.Time == onSite || said.Time == entry || said.Time == contact))
            {
                activity[i] = said with { Time = said.Time + shift < upTo ? said.Time + shift : upTo };
            }
        }

        // The incident's firsts it set, moved with it, may be another unit's now.
        var round = enrolment.Where(u => u.Current.Number == Playing.Number).ToList();
        if (Playing.FirstOnScene?.UnitId == unit.UnitId)
        {
            Playing.FirstOnScene = Earliest(round, u => u.FirstOnSite);
        }

        if (Playing.FirstEntry?.UnitId == unit.UnitId)
        {
            Playing.FirstEntry = Earliest(round, u => u.FirstEntry);
        }

        if (Playing.FirstContact?.UnitId == unit.UnitId)
        {
            Playing.FirstContact = Earliest(round, u => u.ReachedContact);
        }
    }

    private static UnitMoment? Earliest(IEnumerable<UnitTally> units, Func<UnitTally, DateTimeOffset?> time) =>
        units.Where(u => time(u) is not null).MinBy(u => time(u)) is { } first ? new UnitMoment(first.UnitId, time(first)!.Value) : null;

    // The incident's first, given a unit's moment: the earlier of the two. An entry or contact is told a fix after the
    // one it is timed at, and units report at their own rates, so the first told is not always the first made: a radio
    // whose third fix came before a phone's was "first unit inside", 2 s after the phone was in by its own figures.
    private static UnitMoment Earlier(UnitMoment? first, string unitId, DateTimeOffset at) =>
        first is not null && first.Time <= at ? first : new UnitMoment(unitId, at);

    // A fix that reached the incident late, after its device held it, or one on time that ends such a run: said in the
    // unit's log where the run began.
    private void LateOrNot(string unitId, DateTimeOffset fixTime, DateTimeOffset arrived)
    {
        if (units.TryGetValue(unitId, out var unit))
        {
            SayLate(unitId, unit.Delivered(fixTime, arrived));
        }
    }

    private void SayLate(string unitId, LateDelivery? late)
    {
        if (late is not null)
        {
            Log(late.From, unitId, "delivered-late", late.Said());
        }
    }

    // A refusal run ends when a fix is taken, as the incident took it (arrived): a phone's buffer sent after minutes
    // offline is refused and taken in the same second, and its log said the run ended minutes before it began.
    private void OnFix(string unitId, GeoPoint position, DateTimeOffset time, ReportedFloor reported, double? clockCorrectionS, TakenIn? takenIn, int? weekRolloverEras,
        DateTimeOffset arrived)
    {
        var unit = Enrol(unitId, unitId, Units.UnitRole.Unassigned, time);
        LogRefusals(unit, arrived, time);
        if (clockCorrectionS is { } firstPutRight && unit.TakenAsStamped)
        {
            PutRight(unit, TimeSpan.FromSeconds(firstPutRight), time);
        }

        var lostWith = unit.LostWith(time, departures);
        if (lostWith is var (leftAt, host) && unit.LastReport is { } lastHeard)
        {
            // Not the unit's silence but its host's: what it did meanwhile is not in the recording, and a first its next fix
            // sets happened at or before it.
            fixesLost.Add(new FixesLost(unitId, host, leftAt, lastHeard, time));
            Log(lastHeard, unitId, "silent", $"Not heard for {Durations.Clock(time - lastHeard)} after its report{FromThreat(unit)}: {HostDown(host, leftAt)}, until {time.UtcDateTime:HH:mm:ss} UTC");
        }
        else if (unit.SilentBefore(time) is { } silentFrom)
        {
            // Its board row went stale then; its log says so, or it reads as if the unit reported throughout. A first its
            // next fix sets happened at or before it.
            silences.Add((activity.Count, silentFrom, time, unit.LastTakenIn));
            fixesLost.Add(new FixesLost(unitId, null, null, silentFrom, time));
            Log(silentFrom, unitId, "silent", $"Not heard for {Durations.Clock(time - silentFrom)} after its report{FromThreat(unit)}: no report of it was taken until {time.UtcDateTime:HH:mm:ss} UTC");
        }

        var rolledOverBefore = unit.Current.WeekRolloverEras;
        unit.Took(time, clockCorrectionS, drillClock, lostWith?.Host, takenIn, weekRolloverEras);
        if (weekRolloverEras is { } eras && rolledOverBefore is null)
        {
            // Said once in its log as it is first found: an equipment finding for after the drill.
            Log(time, unitId, "device-clock", $"Its receiver {AfterActionWords.Rollover(eras)}: its fix times put right by that; its firmware wants updating");
        }

        if (clockCorrectionS is { } correction && (unit.LastClockLogged is not { } logged || Math.Abs(correction - logged) >= ClockLoggedAgainS))
        {
            // Found off, or off by more since it was: its fix times are the host's reckoning from here, as its log says.
            unit.LastClockLogged = correction;
            Log(time, unitId, "device-clock", $"Device clock found {AfterActionWords.Clock(correction)}: its fix times put right by that from here");
        }
        else if (clockCorrectionS is null && unit.LastClockLogged is { } wasOff)
        {
            // Set right on the device (by a time server, its user, a restart): its log said it was off, and read as though
            // every fix after was put right still.
            unit.LastClockLogged = null;
            Log(time, unitId, "device-clock", $"Device clock set right, {AfterActionWords.Clock(wasOff)} before: its fix times taken as it stamps them from here");
        }

        if (frame is null || areas is null)
        {
            return;
        }

        var p = frame.ToLocal(position);
        if (unit.FirstOnSite is null && (areas.InAny(p) || p.Length <= options.OnSiteRadiusM))
        {
            unit.FirstOnSite = time;
            Playing.FirstOnScene = Earlier(Playing.FirstOnScene, unitId, time);
            Log(time, unitId, "on-site", "On site");
        }

        // The floor where it is really known, against the building the fix is in, as the live assessment has it.
        var floor = areas.BuildingAt(p) is { } inBuilding ? areas.FloorOf(inBuilding, reported, unit.Floor, floorHeightM) : reported.Floor;
        unit.Floor = floor;
        // Going in and reaching the threat are told from where the unit stands, the middle of its latest three fixes,
        // as of the middle one: one fix thrown across the wall of an officer holding outside it is not an entry, nor
        // one thrown near the threat a contact.
        var standing = unit.Settle(p, time, floor);
        if (unit.FirstEntry is null && standing is var (inside, enteredAt, _) && areas.Inside(inside, threatBuildings))
        {
            unit.FirstEntry = enteredAt;
            Playing.FirstEntry = Earlier(Playing.FirstEntry, unitId, enteredAt);
            Log(enteredAt, unitId, "entry", threatBuildings.Count > 0 ? "Entered the threat's building" : "Entered the building or hot zone");
        }
        else if (unit.FirstEntry is not null && threatBuildings.Count > 0 && standing is var (where, whereAt, _))
        {
            FollowBuilding(unit, areas.Inside(where, threatBuildings), whereAt);
        }

        if (targets.Count == 0)
        {
            return;
        }

        // Where its last report put it, as its board row said when it went quiet.
        unit.LastFromThreatM = Nearest(p).DistanceM;
        if (standing is var (settled, settledAt, settledFloor))
        {
            var (exact, radius, building, threatFloor) = Nearest(settled);
            var closest = Math.Round(exact, 2);
            unit.ClosestM = unit.ClosestM is { } before && before < closest ? before : closest;
            // Not on another floor, where the source says which it is on and the threat's is known.
            var inContact = exact <= radius && (building is not { } b || areas.InBuilding(b, settled))
                && (settledFloor is not { } mine || threatFloor is not { } theirs || mine == theirs);
            if (unit.ReachedContact is null && inContact)
            {
                unit.Reached(settledAt);
                Playing.FirstContact = Earlier(Playing.FirstContact, unitId, settledAt);
                Log(settledAt, unitId, "contact", "Reached the threat (contact)");
            }
            else if (unit.ReachedContact is not null)
            {
                FollowContact(unit, inContact, exact, settledAt);
            }
        }

        if (unit.LastSample is not { } last || time - last >= options.SampleInterval)
        {
            unit.LastSample = time;
            samples.Add(new DistanceSample(unitId, time, Math.Round(Nearest(p).DistanceM, 2)));
        }
    }

    private (double DistanceM, double RadiusM, int? Building, int? Floor) Nearest(LocalPoint p)
    {
        var best = (DistanceM: double.MaxValue, RadiusM: 0.0, Building: (int?)null, Floor: (int?)null);
        foreach (var (point, radius, building, threatFloor) in targets)
        {
            var d = p.DistanceTo(point);
            best = d < best.DistanceM ? (d, radius, building, threatFloor) : best;
        }

        return best;
    }

    private void OnFlag(IncidentEvent e)
    {
        switch (e)
        {
            case FlagRaised raised when openFlags.TryGetValue((raised.Subject, raised.Rule), out var standing):
                // Raised again with no clearing between: the acknowledgement that kept it quiet ran out, or the unit did
                // worse than when it was acknowledged. The hold goes on from when it was first raised: taken as a new flag,
                // the time before and under the acknowledgement was counted nowhere (an officer acknowledged 2 minutes
                // into a 19-minute hold came out with 12 minutes, one nobody acknowledged with 19).
                openFlags[(raised.Subject, raised.Rule)] = standing with
                {
                    Level = raised.Level > standing.Level ? raised.Level : standing.Level,
                    Escalated = raised.Level > standing.Level ? e.Time : standing.Escalated,
                };
                timeline.Add(new TimelineMark(e.Time, "flag-raised", raised.Subject, raised.Reason));
                Log(e.Time, SubjectUnit(raised.Subject), "flag-raised", $"{Level(raised.Level)} flag on {Named(raised.Subject)} brought back, up since {standing.Raised.UtcDateTime:HH:mm:ss} UTC: {Said(raised.Subject, raised.Reason)}");
                break;
            case FlagRaised raised:
                Playing.FlagsRaised++;
                if (ClosingAssessment.IsZoneSubject(raised.Subject))
                {
                    Playing.FlagsRaisedOnZones++;
                }

                openFlags[(raised.Subject, raised.Rule)] = new FlagSpan(raised.Subject, raised.Level, raised.Reason, e.Time, null);
                if (units.TryGetValue(raised.Subject, out var unit))
                {
                    unit.Raised(raised.Rule);
                }

                timeline.Add(new TimelineMark(e.Time, "flag-raised", raised.Subject, raised.Reason));
                Log(e.Time, SubjectUnit(raised.Subject), "flag-raised", $"{Level(raised.Level)} flag raised on {Named(raised.Subject)}: {Said(raised.Subject, raised.Reason)}");
                break;
            case FlagEscalated escalated:
                if (openFlags.TryGetValue((escalated.Subject, escalated.Rule), out var span) && escalated.Level > span.Level)
                {
                    openFlags[(escalated.Subject, escalated.Rule)] = span with { Level = escalated.Level, Escalated = e.Time };
                }

                timeline.Add(new TimelineMark(e.Time, "flag-escalated", escalated.Subject, escalated.Reason));
                Log(e.Time, SubjectUnit(escalated.Subject), "flag-escalated", $"Flag on {Named(escalated.Subject)} escalated to {Level(escalated.Level)}{(escalated.Acknowledged ? " while acknowledged" : "")}: {Said(escalated.Subject, escalated.Reason)}");
                break;
            case FlagCleared cleared:
                var gap = "";
                if (openFlags.Remove((cleared.Subject, cleared.Rule), out var open))
                {
                    var (held, unrecorded) = Held(open.Raised, e.Time);
                    flags.Add(open with { Cleared = e.Time, Unrecorded = unrecorded });
                    units.GetValueOrDefault(cleared.Subject)?.Flagged(cleared.Rule, held);
                    gap = NotCounted(open.Raised, e.Time, held, unrecorded);
                }

                timeline.Add(new TimelineMark(e.Time, "flag-cleared", cleared.Subject, cleared.Reason));
                Log(e.Time, SubjectUnit(cleared.Subject), "flag-cleared", $"Flag on {Named(cleared.Subject)} cleared: {Said(cleared.Subject, cleared.Reason)}{gap}");
                break;
            case SendInsteadProposed proposed:
                var offered = proposed.Candidates.Length == 0 ? "nobody free to send"
                    : string.Join(", ", proposed.Candidates.Select(c => $"{UnitNames.Of(c.UnitId, c.Callsign)} ({Assessment.Reasons.Duration(c.EtaS)})"));
                timeline.Add(new TimelineMark(e.Time, "send-instead-proposed", proposed.Subject, $"could go instead: {offered}"));
                Log(e.Time, null, "send-instead-proposed", $"Proposed instead of {Named(proposed.Subject)}: {offered}");
                break;
            case FlagAcknowledged acknowledged:
                // Flags acknowledged, not acknowledgements: a flag acknowledged twice (a renewal, or a second commander)
                // is one of the flags raised that was acknowledged, shown so from its first acknowledgement, by whom and
                // why, and counted each time it was acknowledged.
                if (OpenFlagOf(acknowledged.Subject) is { } ackedFlag)
                {
                    var ackedSpan = openFlags[ackedFlag];
                    if (ackedSpan.Acknowledged is null)
                    {
                        Playing.FlagsAcknowledged++;
                        ackedSpan = ackedSpan with { Acknowledged = e.Time, AcknowledgedBy = acknowledged.Actor, AcknowledgedReason = acknowledged.Reason };
                    }

                    openFlags[ackedFlag] = ackedSpan with { Acknowledgements = ackedSpan.Acknowledgements + 1 };
                }

                if (units.TryGetValue(acknowledged.Subject, out var acked))
                {
                    acked.Acknowledged();
                }

                timeline.Add(new TimelineMark(e.Time, "flag-acknowledged", acknowledged.Subject, $"{acknowledged.Actor}: {acknowledged.Reason}"));
                Log(e.Time, SubjectUnit(acknowledged.Subject), "flag-acknowledged", $"Flag on {Named(acknowledged.Subject)} acknowledged by {acknowledged.Actor}: {acknowledged.Reason}");
                if (units.ContainsKey(acknowledged.Subject))
                {
                    Log(e.Time, null, "flag-acknowledged", $"Flag on {Named(acknowledged.Subject)} acknowledged by {acknowledged.Actor}: {acknowledged.Reason}");
                }
                break;
            case SuppressedHoldNoted noted when units.TryGetValue(noted.Subject, out var holder):
                if (Contained)
                {
                    holder.HeldSince ??= e.Time;
                }

                timeline.Add(new TimelineMark(e.Time, "suppressed-hold", noted.Subject, noted.Reason));
                break;
            case SuppressedHoldEnded ended when units.TryGetValue(ended.Subject, out var held):
                held.EndHold(e.Time, Recorded);
                break;
        }
    }

    // The flag standing on a subject, by whichever rule raised it: an acknowledgement names the subject only.
    private (string Subject, string Rule)? OpenFlagOf(string subject) =>
        openFlags.Keys.Where(k => k.Subject == subject).Select(k => ((string, string)?)k).FirstOrDefault();

    // A unit's flags go in its own log; a zone's in incident command's.
    private string? SubjectUnit(string subject) => units.ContainsKey(subject) ? subject : null;

    // A subject as the logs name it, as the report does (AfterActionReport.Named): a unit by its callsign, its id beside
    // where they differ ("Patrol 4 (u-7f3a)"); a zone by its kind and name ("hot zone Main hall").
    private string Named(string subject) => units.TryGetValue(subject, out var unit) ? UnitNames.Of(subject, unit.Callsign) : ReportZone.Find(zones, subject)?.Described ?? subject;

    // A flag's reason as written after its subject's name.
    private string Said(string subject, string reason) => AfterActionWords.ReasonAfter(Named(subject), reason);

    private static string Level(Assessment.FlagLevel level) => level.ToString().ToUpperInvariant();
}

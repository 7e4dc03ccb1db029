using Command.Domain.Units;

namespace Command.Domain.AfterAction;

/// <summary>One unit's running totals while the fold is in progress.</summary>
internal sealed class UnitTally(string unitId, string callsign, UnitRole role, DateTimeOffset enrolledAt, int round = 1)
{
    public string UnitId { get; } = unitId;

    public string Callsign { get; } = callsign;

    // Its figures round by round, its first the round it enrolled in; the last is the one being played.
    private readonly List<UnitRound> rounds = [new(round, role, enrolledAt) { Played = true }];

    // The round and role each of its flags (by rule) was raised in: a flag counts there, however late it clears.
    private readonly Dictionary<string, (UnitRound Round, UnitRound.RoleTally Role)> raisedIn = new(StringComparer.Ordinal);

    /// <summary>The round being played.</summary>
    public UnitRound Current => rounds[^1];

    /// <summary>Its role now.</summary>
    public UnitRole Role => Current.Roles[^1].Role;

    /// <summary>
    /// Takes <paramref name="role"/> from <paramref name="at"/>; a role it already holds is no change. Being reassigned is no
    /// play of the round: a drill puts its units back in their roles as it starts over, so a unit that played only the
    /// round before had a row for the new one with nothing in it.
    /// </summary>
    public void Reassign(UnitRole role, DateTimeOffset at) => Current.Reassign(role, at);

    /// <summary>
    /// The drill started over at <paramref name="at"/> into <paramref name="round"/>: a hold noted ends with the round
    /// before, and where it stands is found afresh from its next fixes, as the script put it back where it starts.
    /// </summary>
    public void StartRound(int round, DateTimeOffset at, RecordedClock clock)
    {
        EndHold(at, clock);
        Current.FromContact.Close(at, clock);
        Current.FromBuilding.Close(at, clock);
        rounds.Add(new UnitRound(round, Role, at));
        taken = 0;
        // Heard afresh in the new round: a unit the script sends in later in each round was said unheard from its last
        // report of the round before to its first of this one, every round (84 such lines in 14 rounds of the demo).
        (lastReport, lastTakenIn) = (null, null);
    }

    public DateTimeOffset EnrolledAt { get; } = enrolledAt;

    public DateTimeOffset? FirstOnSite { get => Current.FirstOnSite; set => Current.FirstOnSite = value; }

    public DateTimeOffset? FirstEntry { get => Current.FirstEntry; set => Current.FirstEntry = value; }

    public DateTimeOffset? ReachedContact => Current.ReachedContact;

    /// <summary>It reached the threat, as of <paramref name="at"/>, in the role it holds now.</summary>
    public void Reached(DateTimeOffset at)
    {
        Current.ReachedContact = at;
        Current.ContactIn = Current.Roles[^1];
    }

    public DateTimeOffset? LastSample { get; set; }

    /// <summary>The floor of the unit's latest fix, where it was known: a floor worked out from altitude keeps to it near the line.</summary>
    public int? Floor { get; set; }

    // The unit's latest fixes, for where it stands, and when, and on which floor its source said.
    private readonly Geometry.LocalPoint[] latest = new Geometry.LocalPoint[SettleFixes];
    private readonly DateTimeOffset[] latestAt = new DateTimeOffset[SettleFixes];
    private readonly int?[] latestFloor = new int?[SettleFixes];
    private int taken;

    /// <summary>Fixes the middle of which is where a unit stands: one stray fix does not move it.</summary>
    public const int SettleFixes = 3;

    /// <summary>
    /// Takes in a fix and gives where the unit stands: the middle (east and north apart) of its latest three fixes,
    /// as of the middle one of them, which is where a unit walking steadily was then, and the floor that one stated;
    /// null until it has three.
    /// </summary>
    public (Geometry.LocalPoint Point, DateTimeOffset Time, int? Floor)? Settle(Geometry.LocalPoint fix, DateTimeOffset time, int? floor)
    {
        latest[taken % SettleFixes] = fix;
        latestAt[taken % SettleFixes] = time;
        latestFloor[taken % SettleFixes] = floor;
        taken++;
        if (taken < SettleFixes)
        {
            return null;
        }

        var middle = (taken - 2) % SettleFixes;
        return (Geometry.LocalPoint.Middle(latest[0], latest[1], latest[2]), latestAt[middle], latestFloor[middle]);
    }

    /// <summary>A flag under <paramref name="rule"/> was raised on it, in the round and role it is in now.</summary>
    public void Raised(string rule)
    {
        Current.Played = true;
        Current.FlagsRaised++;
        Current.Roles[^1].FlagsRaised++;
        raisedIn[rule] = (Current, Current.Roles[^1]);
    }

    /// <summary>A flag on it was acknowledged, in the round being played.</summary>
    public void Acknowledged()
    {
        Current.Played = true;
        Current.Acknowledgements++;
    }

    public double? ClosestM { get => Current.ClosestM; set => Current.ClosestM = value; }

    /// <summary>Since when the unit's hold is noted while flags are suppressed, while it is.</summary>
    public DateTimeOffset? HeldSince { get; set; }

    /// <summary>Whether it held while flags were suppressed in any round.</summary>
    public bool HeldWhileSuppressed => rounds.Any(r => r.HeldWhileSuppressed > TimeSpan.Zero);

    public void EndHold(DateTimeOffset at, RecordedClock clock)
    {
        if (HeldSince is { } since)
        {
            Current.HeldWhileSuppressed += clock.Elapsed(since, at);
            HeldSince = null;
        }
    }

    public UnitPerson? Person { get; set; }

    private RefusalRun? refusing;

    /// <summary>A report of the unit was refused at <paramref name="at"/>: counted, and into the run of refusals since its last accepted one.</summary>
    public void Refused(DateTimeOffset at, string reason, string detail)
    {
        Current.Played = true;
        Current.ReportsRefused++;
        refusing = new RefusalRun(refusing?.Since ?? at, (refusing?.Count ?? 0) + 1, reason, detail);
    }

    /// <summary>Ends the run of refusals (a report was accepted, or the recording ended) and returns it, if there was one.</summary>
    public RefusalRun? EndRefusals()
    {
        var run = refusing;
        refusing = null;
        return run;
    }

    private DateTimeOffset? lastReport;

    // The host and source that took its latest report in, where the recording says (see LostWith).
    private TakenIn? lastTakenIn;

    /// <summary>The correction of its device's clock its activity log last said; null before it said one.</summary>
    public double? LastClockLogged { get; set; }

    /// <summary>Whether its fixes so far were taken as its device stamped them, its clock not (yet) put right.</summary>
    public bool TakenAsStamped { get; private set; }

    /// <summary>
    /// Its fixes taken as stamped were timed <paramref name="shift"/> early by its device's clock, now put right: the
    /// times they set (its last report, and its round's on site, entry and contact) move by it, to no later than
    /// <paramref name="upTo"/>, the first fix put right.
    /// </summary>
    public void PutRight(TimeSpan shift, DateTimeOffset upTo)
    {
        DateTimeOffset? Moved(DateTimeOffset? time) => time is { } t ? (t + shift < upTo ? t + shift : upTo) : null;
        lastReport = Moved(lastReport);
        Current.FirstOnSite = Moved(Current.FirstOnSite);
        Current.FirstEntry = Moved(Current.FirstEntry);
        Current.ReachedContact = Moved(Current.ReachedContact);
    }

    /// <summary>
    /// A report of the unit was taken in, its fix made at <paramref name="fixTime"/>, its time put right by
    /// <paramref name="clockCorrectionS"/> where its device's clock was off. The interval since its last is on the clock
    /// units were judged on, <paramref name="drillClock"/> (a drill played at 10× whose units report every 2 s of its
    /// script reports "every 2 s", as every other duration the report gives is the drill's).
    /// </summary>
    /// <remarks><paramref name="hostLeft"/> is the host whose leaving the cluster took its fixes since its last with it, if one did (<see cref="LostWith"/>);
    /// <paramref name="takenIn"/> the host and source that took this report in, where the recording says.</remarks>
    public void Took(DateTimeOffset fixTime, double? clockCorrectionS = null, Incidents.DrillClock? drillClock = null, string? hostLeft = null, TakenIn? takenIn = null,
        int? weekRolloverEras = null)
    {
        TakenAsStamped = clockCorrectionS is null;
        // Counted in the round being played (a receiver may send five fixes a second: intervals are kept in tenths), and
        // so is the correction of its device's clock furthest either way.
        var played = Current;
        played.Played = true;
        played.ReportsTaken++;
        if (clockCorrectionS is { } correction && Math.Abs(correction) > Math.Abs(played.ClockCorrectionS ?? 0))
        {
            played.ClockCorrectionS = correction;
        }

        if (weekRolloverEras > (played.WeekRolloverEras ?? 0))
        {
            played.WeekRolloverEras = weekRolloverEras;
        }

        if (lastReport is { } last && fixTime > last)
        {
            var interval = drillClock?.Elapsed(last, fixTime) ?? fixTime - last;
            var tenths = (int)Math.Round(Math.Min(interval.TotalSeconds, LongestIntervalS) * 10, MidpointRounding.AwayFromZero);
            played.Intervals[tenths] = played.Intervals.GetValueOrDefault(tenths) + 1;
            if (fixTime - last > (played.LongestGap?.Length ?? TimeSpan.Zero))
            {
                (played.LongestGap, played.LongestGapThrough) = (new ReportGap(last, fixTime, hostLeft), lastTakenIn);
            }
        }

        if (lastReport is not { } latest || fixTime >= latest)
        {
            (lastReport, lastTakenIn) = (fixTime, takenIn);
        }
    }

    /// <summary>
    /// Until when the unit was heard from, as of <paramref name="end"/>: <paramref name="end"/> itself, unless it fell
    /// silent before then — no report for two minutes and four of its usual intervals (as the report's plots break its
    /// line) — when it is its last report. A flag still up at the end counts as a hold only as long as its reports show
    /// one: an officer who sent three minutes of reports and nothing for the next ten was "longest flagged hold 13:53".
    /// </summary>
    public DateTimeOffset HeardUntil(DateTimeOffset end) => lastReport is { } last && (end - last).TotalSeconds > SilenceS ? last : end;

    /// <summary>
    /// Its last report before a fix taken at <paramref name="fixTime"/>, where it fell silent between the two (as
    /// <see cref="HeardUntil"/> tells silence); else null.
    /// </summary>
    public DateTimeOffset? SilentBefore(DateTimeOffset fixTime) => lastReport is { } last && (fixTime - last).TotalSeconds > SilenceS ? last : null;

    /// <summary>
    /// The host, of <paramref name="departures"/> (each when it was recorded leaving the cluster), whose leaving took
    /// the unit's fixes with it up to <paramref name="until"/> (its next fix, or the end of the record): the first that
    /// left after its last report, while it was still heard (not silent yet, as <see cref="HeardUntil"/> tells silence),
    /// where the gap from its last report to <paramref name="until"/> is longer than its cadence explains
    /// (<see cref="ReportGap.Unexplained"/>), and, where the recording says which host took its last report in, that
    /// host. A unit reporting on time across the departure, through another host, was not lost with it; nor was one
    /// already silent, nor one whose last report came in through another host and fell silent on its own. Null where none did.
    /// </summary>
    public (DateTimeOffset At, string Host)? LostWith(DateTimeOffset until, IReadOnlyList<(DateTimeOffset At, string Host)> departures) =>
        lastReport is { } last && ReportGap.Unexplained(until - last, UsualIntervalS(Current))
            && departures.FirstOrDefault(d => d.At > last && d.At <= until && (d.At - last).TotalSeconds <= SilenceS
                && (lastTakenIn?.Host is not { } host || string.Equals(d.Host, host, StringComparison.Ordinal))) is { Host: not null } left
            ? left
            : null;

    /// <summary>Its latest report's fix time; null before any.</summary>
    public DateTimeOffset? LastReport => lastReport;

    /// <summary>Where its latest report was taken in, where the recording says; null before any.</summary>
    public TakenIn? LastTakenIn => lastTakenIn;

    /// <summary>How far from the threat its latest fix put it, where there was a threat to measure from; null before.</summary>
    public double? LastFromThreatM { get; set; }

    // Silence is no report for two minutes and four of its usual intervals.
    private double SilenceS => Math.Max(SilentAfterS, SilentAfterIntervals * (UsualIntervalS(Current) ?? 0));

    private const double SilentAfterS = 120;
    private const double SilentAfterIntervals = 4;

    /// <summary>The median interval between the unit's reports in <paramref name="round"/>, seconds to a tenth; null with fewer than two.</summary>
    private static double? UsualIntervalS(UnitRound round)
    {
        var half = round.Intervals.Values.Sum() / 2;
        foreach (var (tenths, count) in round.Intervals)
        {
            half -= count;
            if (half < 0)
            {
                return tenths / 10.0;
            }
        }

        return null;
    }

    // A longer gap counts as this long: the median does not care how long it was, and its tenths stay an int.
    private const double LongestIntervalS = 3600;

    /// <summary>
    /// Its flag under <paramref name="rule"/> lasted <paramref name="span"/>: a hold earned in the round and role it was
    /// raised in, though it cleared after the drill started over.
    /// </summary>
    public void Flagged(string rule, TimeSpan span)
    {
        var (round, role) = raisedIn.TryGetValue(rule, out var raised) ? raised : (Current, Current.Roles[^1]);
        round.TotalFlagged += span;
        round.LongestFlagged = span > round.LongestFlagged ? span : round.LongestFlagged;
        role.LongestFlagged = span > role.LongestFlagged ? span : role.LongestFlagged;
    }

    /// <summary>
    /// Its metrics, one for each round it played in (the round it enrolled in always), each round's time to contact from
    /// that round's threat going active (<paramref name="threatActiveIn"/>), and its time out of contact after it reached
    /// the threat, up to the end of the record (<paramref name="end"/>) where it was still out, or as long as it was heard.
    /// Its longest gap says the outage of the source it reported through, of <paramref name="sources"/>, that the gap overlaps,
    /// or the stop of the incident's host, of <paramref name="stops"/>.
    /// </summary>
    public IEnumerable<UnitMetrics> ToMetrics(
        Func<int, DateTimeOffset?> threatActiveIn, Incidents.DrillClock clock, DateTimeOffset end, SourceDowntime? sources = null, IReadOnlyList<Events.IncidentResumed>? stops = null)
    {
        var recorded = new RecordedClock(clock, stops ?? []);
        // Its silence is said on the row of the round it was last heard in.
        var lastHeardIn = rounds.LastOrDefault(r => r.Played && r.ReportsTaken > 0);
        return rounds.Where(r => r.Played).Select(r => new UnitMetrics(UnitId, Callsign, r.Roles[^1].Role, EnrolledAt, r.FirstOnSite, r.FirstEntry, r.ReachedContact,
            TimeToContact(r, threatActiveIn, clock), r.TotalFlagged, r.LongestFlagged, r.FlagsRaised, r.Acknowledgements, r.ClosestM, r.HeldWhileSuppressed, Person,
            r.ReportsRefused, r.ReportsTaken, UsualIntervalS(r), r.ClockCorrectionS, r.Number,
            r.LongestGap is { } gap && ReportGap.Unexplained(gap.Length, UsualIntervalS(r))
                ? gap with
                {
                    SourceDown = gap.HostLeft is null ? sources?.During(r.LongestGapThrough, gap.From, gap.Until) : null,
                    // Nobody was heard while the incident's host was stopped: the gap is that, not the unit gone quiet.
                    Stopped = stops?.FirstOrDefault(s => s.Time < gap.Until && s.Resumed > gap.From),
                }
                : null,
            r == lastHeardIn ? Silence : null,
            r.ReachedContact is null ? null : r.FromContact.Until(HeardUntil(end), recorded),
            r == rounds[^1] ? Released : null,
            r.LongestLate,
            r.WeekRolloverEras));
    }

    /// <summary>The run of its fixes coming in late now, if its latest came late (see <see cref="LateDelivery"/>).</summary>
    public LateDelivery? LateRun { get; set; }

    /// <summary>
    /// Notes when a fix of <paramref name="fixTime"/> reached the incident: late ones make a run, and the run ends, and is
    /// returned, at the first fix on time. A run of one fix is a resend, not a device that held its fixes: none.
    /// </summary>
    public LateDelivery? Delivered(DateTimeOffset fixTime, DateTimeOffset arrived)
    {
        // The newest of the fixes a device held come with the rest, less late: they are of the run. One taken as it came is not.
        var late = arrived - fixTime;
        if (late > LateDelivery.LateAfter || (LateRun is { } run && arrived - run.ArrivedUntil <= LateDelivery.Together && late > LateDelivery.Together))
        {
            LateRun = LateRun?.With(fixTime, arrived) ?? new LateDelivery(fixTime, fixTime, 1, arrived, arrived);
            return null;
        }

        return EndLateRun();
    }

    /// <summary>Ends the run of late fixes, if any: returned where it held more than one, and kept as the round's longest where it is.</summary>
    public LateDelivery? EndLateRun()
    {
        if (LateRun is not { Fixes: > 1 } run)
        {
            LateRun = null;
            return null;
        }

        LateRun = null;
        if (run.Held > (Current.LongestLate?.Held ?? TimeSpan.Zero))
        {
            Current.LongestLate = run;
        }

        return run;
    }

    /// <summary>Its release from the incident, where it was let go and not enrolled again; null otherwise.</summary>
    public Events.UnitReleased? Released { get; set; }

    /// <summary>Where it was not heard again from its last report to the end of the record, as its log says; null otherwise.</summary>
    public SilentToEnd? Silence { get; set; }

    /// <summary>The roles it held in turn in each round it played, each with the flags raised on it in that role, their longest, and its time to contact where it reached the threat in it.</summary>
    public IEnumerable<RoleHeld> RolesHeld(Func<int, DateTimeOffset?> threatActiveIn, Incidents.DrillClock clock) =>
        rounds.Where(r => r.Played).SelectMany(round => round.Roles.Select(r =>
            new RoleHeld(UnitId, r.Role, r.From, r.FlagsRaised, r.LongestFlagged, r == round.ContactIn ? TimeToContact(round, threatActiveIn, clock) : null, round.Number)));

    // From the round's threat going active (its start, where the threat was active as it began), or the unit's enrolment, whichever is later.
    private TimeSpan? TimeToContact(UnitRound round, Func<int, DateTimeOffset?> threatActiveIn, Incidents.DrillClock clock)
    {
        var active = threatActiveIn(round.Number) ?? (round.From > EnrolledAt ? round.From : null);
        var from = active is { } a && a > EnrolledAt ? a : EnrolledAt;
        return round.ReachedContact is { } contact ? clock.Elapsed(from, contact) : null;
    }
}

/// <summary>Reports of one unit refused in a row: since when, how many, and the last one's reason.</summary>
internal sealed record RefusalRun(DateTimeOffset Since, int Count, string Reason, string Detail);

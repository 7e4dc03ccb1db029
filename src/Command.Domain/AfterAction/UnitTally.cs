using Command.Domain.Units;

namespace Command.Domain.AfterAction;

/// <summary>One unit's running totals while the fold is in progress.</summary>
internal sealed class UnitTally(string unitId, string callsign, UnitRole role, DateTimeOffset enrolledAt)
{
    public string UnitId { get; } = unitId;

    public string Callsign { get; } = callsign;

    // The roles it held in turn, each with the judgement figures earned in it: a unit held outside as contact and
    // reassigned to the perimeter afterwards was flagged as contact, not as perimeter.
    private readonly List<RoleTally> roles = [new(role, enrolledAt)];

    // The role each of its flags (by rule) was raised in, and the role it reached the threat in.
    private readonly Dictionary<string, RoleTally> raisedIn = new(StringComparer.Ordinal);
    private RoleTally? contactIn;

    /// <summary>Its role now.</summary>
    public UnitRole Role => roles[^1].Role;

    /// <summary>Takes <paramref name="role"/> from <paramref name="at"/>; a role it already holds is no change.</summary>
    public void Reassign(UnitRole role, DateTimeOffset at)
    {
        if (role != Role)
        {
            roles.Add(new RoleTally(role, at));
        }
    }

    public DateTimeOffset EnrolledAt { get; } = enrolledAt;

    public DateTimeOffset? FirstOnSite { get; set; }

    public DateTimeOffset? FirstEntry { get; set; }

    public DateTimeOffset? ReachedContact { get; private set; }

    /// <summary>It reached the threat, as of <paramref name="at"/>, in the role it holds now.</summary>
    public void Reached(DateTimeOffset at)
    {
        ReachedContact = at;
        contactIn = roles[^1];
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

    public TimeSpan TotalFlagged { get; set; }

    public TimeSpan LongestFlagged { get; set; }

    public int FlagsRaised { get; private set; }

    /// <summary>A flag under <paramref name="rule"/> was raised on it, in the role it holds now.</summary>
    public void Raised(string rule)
    {
        FlagsRaised++;
        roles[^1].FlagsRaised++;
        raisedIn[rule] = roles[^1];
    }

    public int Acknowledgements { get; set; }

    public double? ClosestM { get; set; }

    /// <summary>Since when the unit's hold is noted while flags are suppressed, while it is.</summary>
    public DateTimeOffset? HeldSince { get; set; }

    public TimeSpan HeldWhileSuppressed { get; private set; }

    public void EndHold(DateTimeOffset at, Incidents.DrillClock clock)
    {
        if (HeldSince is { } since)
        {
            HeldWhileSuppressed += clock.Elapsed(since, at);
            HeldSince = null;
        }
    }

    public UnitPerson? Person { get; set; }

    /// <summary>Reports of the unit refused, but for repeats of a fix already taken.</summary>
    public int ReportsRefused { get; private set; }

    private RefusalRun? refusing;

    /// <summary>A report of the unit was refused at <paramref name="at"/>: counted, and into the run of refusals since its last accepted one.</summary>
    public void Refused(DateTimeOffset at, string reason, string detail)
    {
        ReportsRefused++;
        refusing = new RefusalRun(refusing?.Since ?? at, (refusing?.Count ?? 0) + 1, reason, detail);
    }

    /// <summary>Ends the run of refusals (a report was accepted, or the recording ended) and returns it, if there was one.</summary>
    public RefusalRun? EndRefusals()
    {
        var run = refusing;
        refusing = null;
        return run;
    }

    /// <summary>Reports of the unit taken in.</summary>
    public int ReportsTaken { get; private set; }

    // How often each interval between its reports came, in tenths of a second (a receiver may send five fixes a
    // second): its usual interval is their median.
    private readonly SortedDictionary<int, int> intervals = [];
    private DateTimeOffset? lastReport;

    /// <summary>The correction of its device's clock furthest either way among its reports; null where none was corrected.</summary>
    public double? ClockCorrectionS { get; private set; }

    /// <summary>The correction of its device's clock its activity log last said; null before it said one.</summary>
    public double? LastClockLogged { get; set; }

    /// <summary>
    /// A report of the unit was taken in, its fix made at <paramref name="fixTime"/>, its time put right by
    /// <paramref name="clockCorrectionS"/> where its device's clock was off. The interval since its last is on the clock
    /// units were judged on, <paramref name="drillClock"/> (a drill played at 10× whose units report every 2 s of its
    /// script reports "every 2 s", as every other duration the report gives is the drill's).
    /// </summary>
    public void Took(DateTimeOffset fixTime, double? clockCorrectionS = null, Incidents.DrillClock? drillClock = null)
    {
        ReportsTaken++;
        if (clockCorrectionS is { } correction && Math.Abs(correction) > Math.Abs(ClockCorrectionS ?? 0))
        {
            ClockCorrectionS = correction;
        }

        if (lastReport is { } last && fixTime > last)
        {
            var interval = drillClock?.Elapsed(last, fixTime) ?? fixTime - last;
            var tenths = (int)Math.Round(Math.Min(interval.TotalSeconds, LongestIntervalS) * 10, MidpointRounding.AwayFromZero);
            intervals[tenths] = intervals.GetValueOrDefault(tenths) + 1;
        }

        lastReport = lastReport is { } latest && latest > fixTime ? latest : fixTime;
    }

    /// <summary>
    /// Until when the unit was heard from, as of <paramref name="end"/>: <paramref name="end"/> itself, unless it fell
    /// silent before then — no report for two minutes and four of its usual intervals (as the report's plots break its
    /// line) — when it is its last report. A flag still up at the end counts as a hold only as long as its reports show
    /// one: an officer who sent three minutes of reports and nothing for the next ten was "longest flagged hold 13:53".
    /// </summary>
    public DateTimeOffset HeardUntil(DateTimeOffset end) =>
        lastReport is { } last && (end - last).TotalSeconds > Math.Max(SilentAfterS, SilentAfterIntervals * (UsualIntervalS ?? 0)) ? last : end;

    private const double SilentAfterS = 120;
    private const double SilentAfterIntervals = 4;

    /// <summary>The median interval between the unit's reports, seconds to a tenth; null with fewer than two.</summary>
    public double? UsualIntervalS
    {
        get
        {
            var half = intervals.Values.Sum() / 2;
            foreach (var (tenths, count) in intervals)
            {
                half -= count;
                if (half < 0)
                {
                    return tenths / 10.0;
                }
            }

            return null;
        }
    }

    // A longer gap counts as this long: the median does not care how long it was, and its tenths stay an int.
    private const double LongestIntervalS = 3600;

    /// <summary>Its flag under <paramref name="rule"/> lasted <paramref name="span"/>: a hold earned in the role it was raised in.</summary>
    public void Flagged(string rule, TimeSpan span)
    {
        TotalFlagged += span;
        LongestFlagged = span > LongestFlagged ? span : LongestFlagged;
        var role = raisedIn.GetValueOrDefault(rule) ?? roles[^1];
        role.LongestFlagged = span > role.LongestFlagged ? span : role.LongestFlagged;
    }

    public UnitMetrics ToMetrics(DateTimeOffset? threatActiveAt, Incidents.DrillClock clock) =>
        new(UnitId, Callsign, Role, EnrolledAt, FirstOnSite, FirstEntry, ReachedContact,
            TimeToContact(threatActiveAt, clock), TotalFlagged, LongestFlagged, FlagsRaised, Acknowledgements, ClosestM, HeldWhileSuppressed, Person, ReportsRefused,
            ReportsTaken, UsualIntervalS, ClockCorrectionS);

    /// <summary>The roles it held in turn, each with the flags raised on it in that role, their longest, and its time to contact where it reached the threat in it.</summary>
    public IEnumerable<RoleHeld> RolesHeld(DateTimeOffset? threatActiveAt, Incidents.DrillClock clock) =>
        roles.Select(r => new RoleHeld(UnitId, r.Role, r.From, r.FlagsRaised, r.LongestFlagged, r == contactIn ? TimeToContact(threatActiveAt, clock) : null));

    private TimeSpan? TimeToContact(DateTimeOffset? threatActiveAt, Incidents.DrillClock clock)
    {
        var from = threatActiveAt is { } active && active > EnrolledAt ? active : EnrolledAt;
        return ReachedContact is { } contact ? clock.Elapsed(from, contact) : null;
    }

    private sealed class RoleTally(UnitRole role, DateTimeOffset from)
    {
        public UnitRole Role { get; } = role;

        public DateTimeOffset From { get; } = from;

        public int FlagsRaised { get; set; }

        public TimeSpan LongestFlagged { get; set; }
    }
}

/// <summary>Reports of one unit refused in a row: since when, how many, and the last one's reason.</summary>
internal sealed record RefusalRun(DateTimeOffset Since, int Count, string Reason, string Detail);

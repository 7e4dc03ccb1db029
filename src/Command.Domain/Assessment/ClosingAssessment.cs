using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Walking;
using Command.Domain.Zones;

namespace Command.Domain.Assessment;

/// <summary>
/// Judges each unit against the nearest active threat: distance (straight and walking), closing rate, ETA, its
/// backup's ETA, motion state and flag; and the zone rules. A pure function of the events it is told, in order,
/// and the event time it is told them at: the same events give the same states and flags, live or replayed.
/// </summary>
public sealed partial class ClosingAssessment
{
    /// <summary>The rule name of a unit not closing on an active threat (holding or moving away).</summary>
    public const string NotClosingRule = "not-closing";

    private readonly AssessmentOptions options;
    private readonly LocalFrame frame;
    private readonly WalkNetwork network;
    private readonly SiteBuildings buildings;
    private readonly Dictionary<string, UnitJudge> judges = new(StringComparer.Ordinal);
    private readonly FlagBook flags;
    private readonly ZoneRules zoneRules;
    private readonly BackupBook backups = new();
    private readonly SuppressedHolds suppressedHolds = new();
    private FlagSuppression? suppression;
    private readonly HashSet<string> activeThreats = new(StringComparer.Ordinal);
    private List<ThreatTarget> targets = [];

    public ClosingAssessment(AssessmentOptions options, LocalFrame frame, Site? site = null)
    {
        this.options = options;
        this.frame = frame;
        site ??= new Site("", frame.Origin, [], []);
        network = new WalkNetwork(site, frame, options.FloorHeightM);
        buildings = new SiteBuildings(site, frame, options.FloorHeightM);
        flags = new FlagBook(options);
        Occupancy = new ZoneOccupancy(site.Zones, frame, options.ZoneExitMarginM);
        zoneRules = new ZoneRules(options, Occupancy, frame, judges);
    }

    /// <summary>
    /// False while the incident replays rules this build no longer derives: units are still judged (state, distance,
    /// hold) but flags come from the recording (<see cref="FoldRecorded"/>). Default true.
    /// </summary>
    public bool DerivesFlags
    {
        get => flags.Derives;
        set => flags.Derives = suppressedHolds.Derives = value;
    }

    /// <summary>Takes in a recorded flag transition, when flags are not derived.</summary>
    public void FoldRecorded(IncidentEvent recorded)
    {
        if (!DerivesFlags)
        {
            flags.Fold(recorded);
            due.All();
        }
    }

    /// <summary>Who is inside which zone, since when: where each unit was last placed, heard or not (see <see cref="SilentSince"/>).</summary>
    public ZoneOccupancy Occupancy { get; }

    /// <summary>
    /// When a unit the board shows stale at <paramref name="now"/> was last heard; null while it is heard, or before its
    /// first fix. A zone it was last placed in does not count it.
    /// </summary>
    public DateTimeOffset? SilentSince(string unitId, DateTimeOffset now) =>
        judges.TryGetValue(unitId, out var judge) && judge.ShownStale(now) ? judge.LatestHeard : null;

    /// <summary>Every flag up now, on units and zones.</summary>
    public IEnumerable<RaisedFlag> Flags => flags.All;

    /// <summary>The flag up on a subject (a unit id, or "zone:{id}"), if any.</summary>
    public RaisedFlag? FlagOn(string subject) => flags[subject];

    /// <summary>When the acknowledgement keeping the subject's flag quiet runs out, where one does after <paramref name="now"/>; otherwise null.</summary>
    public DateTimeOffset? AcknowledgementEnds(string subject, DateTimeOffset now) => flags.AcknowledgementEnds(subject, now);

    /// <summary>Since when a zone's rule has been broken, or null when it holds or the zone has no rule.</summary>
    public DateTimeOffset? ZoneRuleBrokenSince(string zoneId) => zoneRules.BrokenSince(ZoneSubject(zoneId));

    /// <summary>
    /// The zones' flags up, in the words of <paramref name="now"/> where this assessment derives its flags (a replay of
    /// recorded flags says them as recorded); changes nothing.
    /// </summary>
    public IEnumerable<ZoneFlagShown> ZoneFlags(IReadOnlyDictionary<string, UnitEntry> units, DateTimeOffset now) =>
        flags.All.Where(f => IsZoneSubject(f.Subject))
            .OrderBy(f => f.Subject, StringComparer.Ordinal)
            .Select(f => new ZoneFlagShown(f.Subject, f.Level, f.Rule, (DerivesFlags ? zoneRules.SaidNow(f.Subject, units, now) : null) ?? f.Reason, f.RaisedAt,
                f.AcknowledgedAt is not null));

    /// <summary>The subject a zone's flags are raised on.</summary>
    public static string ZoneSubject(string zoneId) => ZoneSubjectPrefix + zoneId;

    /// <summary>Whether a flag's subject is a zone's, not a unit's.</summary>
    public static bool IsZoneSubject(string subject) => subject.StartsWith(ZoneSubjectPrefix, StringComparison.Ordinal);

    private const string ZoneSubjectPrefix = "zone:";

    /// <summary>
    /// Places the threats (after a threat is set or changes phase at <paramref name="at"/>, with flags suppressed by
    /// <paramref name="suppression"/> if they are) and re-measures progress against them. A unit whose nearest threat has just gone active is judged from then on: holding or moving
    /// away before there was an active threat to close on (a drill starting over, a report turning out real) is
    /// not held against it.
    /// </summary>
    public void SetThreats(IEnumerable<Threat> threats, DateTimeOffset at, FlagSuppression? suppression = null)
    {
        this.suppression = suppression;
        var all = threats.ToList();
        var active = all.Where(t => t.IsActive).ToList();
        targets = [.. (active.Count > 0 ? active : all).Select(t => new ThreatTarget(t, frame, network, buildings, options))];
        backups.Stale = true;
        foreach (var judge in judges.Values)
        {
            var target = Nearest(judge);
            if (target is not null && target.Threat.IsActive && !activeThreats.Contains(target.Threat.ThreatId))
            {
                judge.Engage(target, at);
            }
            else
            {
                judge.Reanchor(target);
            }
        }

        activeThreats.Clear();
        activeThreats.UnionWith(active.Select(t => t.ThreatId));
        due.All();
    }

    /// <summary>
    /// A unit moved from a role that does not close on the threat (staging, perimeter...) to one that does, at
    /// <paramref name="at"/>: it is judged from then on. Standing at staging as it was told to is not a hold.
    /// </summary>
    public void Reassign(string unitId, UnitRole from, UnitRole to, DateTimeOffset at)
    {
        if (!options.ClosingRoles.Contains(from) && options.ClosingRoles.Contains(to) && judges.TryGetValue(unitId, out var judge)
            && Nearest(judge) is { Threat.IsActive: true } target)
        {
            judge.Engage(target, at);
        }
    }

    /// <summary>
    /// Takes in an accepted fix and judges that unit and the zones at <paramref name="now"/>. A unit that was stale
    /// counts again in the zones it reports from, from this fix.
    /// </summary>
    public IReadOnlyList<IncidentEvent> Observe(PositionReport report, DateTimeOffset now, IReadOnlyDictionary<string, UnitEntry> units)
    {
        if (!judges.TryGetValue(report.UnitId, out var judge))
        {
            judges[report.UnitId] = judge = new UnitJudge(report.UnitId, options, buildings);
        }

        var silent = judge.ShownStale(now);
        var point = frame.ToLocal(report.Position);
        var judged = judge.Observe(report, point, NearestTo(point));
        var (standing, entryMargin) = judge.Standing() ?? (point, 0);
        var zonesChanged = Occupancy.Update(report.UnitId, standing, report.FixTime, entryMargin).Count > 0;
        if (!judged && !zonesChanged && !silent)
        {
            return [];
        }

        var events = new List<IncidentEvent>();
        if (judged && units.TryGetValue(report.UnitId, out var unit))
        {
            Rejudge(unit, judge, now, units, events);
        }

        if (silent && !judge.ShownStale(now))
        {
            Occupancy.HeardAgain(report.UnitId, report.FixTime);
        }

        EvaluateZones(now, units, events);
        return events;
    }

    /// <summary>
    /// A unit's device signed off at <paramref name="now"/>: it is stale from now until it reports again, and judged so,
    /// and the zones with it. A hold it was flagged for stays up, as silence leaves it: where it went after its last fix
    /// is not known.
    /// </summary>
    public IReadOnlyList<IncidentEvent> SignOff(string unitId, DateTimeOffset now, IReadOnlyDictionary<string, UnitEntry> units)
    {
        if (!judges.TryGetValue(unitId, out var judge) || !units.TryGetValue(unitId, out var unit))
        {
            return [];
        }

        judge.SignOff();
        var events = new List<IncidentEvent>();
        Rejudge(unit, judge, now, units, events);
        EvaluateZones(now, units, events);
        return events;
    }

    /// <summary>Re-judges every unit and zone at <paramref name="now"/>; returns the flag transitions it causes.</summary>
    public IReadOnlyList<IncidentEvent> Evaluate(DateTimeOffset now, IReadOnlyDictionary<string, UnitEntry> units)
    {
        var events = new List<IncidentEvent>();
        foreach (var unit in units.Values)
        {
            if (judges.TryGetValue(unit.UnitId, out var judge))
            {
                Rejudge(unit, judge, now, units, events);
            }
            else
            {
                backups.Remove(unit.UnitId);
                if (!options.ClosingRoles.Contains(unit.Role))
                {
                    flags.Clear(unit.UnitId, now, () => "role does not close on the threat", events);
                }
            }
        }

        EvaluateZones(now, units, events);
        due.Judged();
        return events;
    }

    /// <summary>Records a commander's acknowledgement of a subject's flag.</summary>
    public bool Acknowledge(string subject, DateTimeOffset now)
    {
        FlagChanged(subject);
        return flags.Acknowledge(subject, now);
    }

    private ThreatTarget? Nearest(UnitJudge judge) => judge.Track.Count == 0 ? null : NearestTo(judge.Track.Latest.Point);

    private ThreatTarget? NearestTo(LocalPoint point)
    {
        ThreatTarget? best = null;
        var bestDistance = double.MaxValue;
        foreach (var target in targets)
        {
            var d = point.DistanceSquaredTo(target.Point);
            if (d < bestDistance)
            {
                best = target;
                bestDistance = d;
            }
        }

        return best;
    }
}

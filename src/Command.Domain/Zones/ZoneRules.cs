using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Zones;

/// <summary>
/// Incident-level flags on zones: a hot zone holding an active threat with no contact unit inside, and a
/// casualty collection point with no medical unit while a threat is active or contained. Each condition gets a
/// grace period before a watch and a longer one before an alert.
/// </summary>
internal sealed partial class ZoneRules(AssessmentOptions options, ZoneOccupancy occupancy, LocalFrame frame)
{
    public const string HotZoneRule = "hot-zone-no-contact";
    public const string CasualtyCollectionRule = "ccp-no-medical";

    private readonly Dictionary<string, DateTimeOffset> since = new(StringComparer.Ordinal);

    /// <summary>Since when a zone subject's rule has been broken, or null when it holds.</summary>
    public DateTimeOffset? BrokenSince(string subject) => since.TryGetValue(subject, out var start) ? start : null;

    public IEnumerable<ConditionSnapshot> Snapshot() => since.Select(c => new ConditionSnapshot(c.Key, c.Value));

    public void Restore(IEnumerable<ConditionSnapshot> snapshot)
    {
        since.Clear();
        foreach (var condition in snapshot)
        {
            since[condition.Subject] = condition.Since;
        }
    }

    public void Evaluate(DateTimeOffset now, IReadOnlyDictionary<string, UnitEntry> units, IEnumerable<Threat> threats, FlagBook flags, List<IncidentEvent> events)
    {
        foreach (var zone in occupancy.Zones)
        {
            var (rule, watch, alert) = RuleOf(zone.Kind);
            if (rule is null)
            {
                continue;
            }

            var holds = rule == HotZoneRule ? HotZoneUncovered(zone, units, threats) : CollectionPointUnstaffed(zone, units, threats);
            var subject = ClosingAssessment.ZoneSubject(zone.ZoneId);
            if (!holds)
            {
                since.Remove(subject);
                flags.Clear(subject, now, () => rule == HotZoneRule ? HotZoneCovered(zone, units, threats) : CollectionPointStaffed(zone, units, threats), events);
                continue;
            }

            if (!since.TryGetValue(subject, out var start))
            {
                since[subject] = start = now;
            }

            var elapsed = now - start;
            var level = elapsed >= alert ? FlagLevel.Alert : elapsed >= watch ? FlagLevel.Watch : FlagLevel.None;
            flags.Hold(subject, rule, level, MotionState.Unknown, now, () => rule == HotZoneRule
                ? $"hot zone {zone.Name} has had no contact unit for {Reasons.Duration(elapsed.TotalSeconds)} while the threat is active"
                : $"casualty collection point {zone.Name} has had no medical unit for {Reasons.Duration(elapsed.TotalSeconds)}", events);
        }
    }

    /// <summary>
    /// The earliest time after <paramref name="now"/> at which the passage of time alone changes what <see cref="Evaluate"/>
    /// derives — a broken rule reaching its watch or its alert, an acknowledgement of a zone's flag running out — or
    /// <see cref="DateTimeOffset.MaxValue"/> when none will before the next input.
    /// </summary>
    public DateTimeOffset NextChange(DateTimeOffset now, FlagBook flags)
    {
        var next = DateTimeOffset.MaxValue;
        void After(DateTimeOffset at) => next = at > now && at < next ? at : next;
        foreach (var zone in occupancy.Zones)
        {
            var (rule, watch, alert) = RuleOf(zone.Kind);
            var subject = ClosingAssessment.ZoneSubject(zone.ZoneId);
            if (rule is not null && since.TryGetValue(subject, out var start))
            {
                After(start + watch);
                After(start + alert);
            }

            if (flags.AcknowledgementEnds(subject, now) is { } ends)
            {
                After(ends);
            }
        }

        return next;
    }

    private (string? Rule, TimeSpan Watch, TimeSpan Alert) RuleOf(ZoneKind kind) => kind switch
    {
        ZoneKind.Hot => (HotZoneRule, options.HotZoneWatchAfter, options.HotZoneAlertAfter),
        ZoneKind.CasualtyCollection => (CasualtyCollectionRule, options.CasualtyCollectionWatchAfter, options.CasualtyCollectionAlertAfter),
        _ => (null, TimeSpan.Zero, TimeSpan.Zero),
    };

    private bool HotZoneUncovered(Zone zone, IReadOnlyDictionary<string, UnitEntry> units, IEnumerable<Threat> threats) =>
        threats.Any(t => t.IsActive && occupancy.Contains(zone.ZoneId, frame.ToLocal(t.Position))) &&
        !occupancy.Occupants(zone.ZoneId).Keys.Any(u => units.TryGetValue(u, out var unit) && options.ClosingRoles.Contains(unit.Role));

    private bool CollectionPointUnstaffed(Zone zone, IReadOnlyDictionary<string, UnitEntry> units, IEnumerable<Threat> threats) =>
        threats.Any(t => t.Phase is ThreatPhase.Active or ThreatPhase.Contained) &&
        !occupancy.Occupants(zone.ZoneId).Keys.Any(u => units.TryGetValue(u, out var unit) && unit.Role == UnitRole.Medical);
}

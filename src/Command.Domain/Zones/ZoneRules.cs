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
/// casualty collection point with no medical unit while a threat is active or contained; a unit inside that is shown
/// stale counts for neither (see <see cref="Heard"/>). Each condition gets a
/// grace period before a watch and a longer one before an alert. Judged on every fix a unit's judge takes in, so it
/// allocates nothing while the rules' state stands: the zones with a rule, their subjects and their thresholds are
/// worked out once.
/// </summary>
internal sealed partial class ZoneRules
{
    public const string HotZoneRule = "hot-zone-no-contact";
    public const string CasualtyCollectionRule = "ccp-no-medical";

    private readonly AssessmentOptions options;
    private readonly ZoneOccupancy occupancy;
    private readonly LocalFrame frame;
    private readonly IReadOnlyDictionary<string, UnitJudge> judges;
    private readonly RuledZone[] ruled;
    private readonly Dictionary<string, DateTimeOffset> since = new(StringComparer.Ordinal);

    public ZoneRules(AssessmentOptions options, ZoneOccupancy occupancy, LocalFrame frame, IReadOnlyDictionary<string, UnitJudge> judges)
    {
        (this.options, this.occupancy, this.frame, this.judges) = (options, occupancy, frame, judges);
        ruled = [.. occupancy.Zones.Select(Ruled).OfType<RuledZone>()];
    }

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

    public void Evaluate(DateTimeOffset now, IReadOnlyDictionary<string, UnitEntry> units, IReadOnlyList<ThreatTarget> threats, FlagBook flags, List<IncidentEvent> events)
    {
        foreach (var zone in ruled)
        {
            var hot = zone.Rule == HotZoneRule;
            var holds = hot ? HotZoneUncovered(zone.Zone, units, threats, now) : CollectionPointUnstaffed(zone.Zone, units, threats, now);
            if (!holds)
            {
                since.Remove(zone.Subject);
                flags.Clear(zone.Subject, now, (Rules: this, Zone: zone.Zone, Hot: hot, Units: units, Threats: threats, Now: now),
                    static c => c.Hot ? c.Rules.HotZoneCovered(c.Zone, c.Units, c.Threats, c.Now) : c.Rules.CollectionPointStaffed(c.Zone, c.Units, c.Threats, c.Now), events);
                continue;
            }

            if (!since.TryGetValue(zone.Subject, out var start))
            {
                since[zone.Subject] = start = now;
            }

            var elapsed = now - start;
            var level = elapsed >= zone.Alert ? FlagLevel.Alert : elapsed >= zone.Watch ? FlagLevel.Watch : FlagLevel.None;
            flags.Hold(zone.Subject, zone.Rule, level, MotionState.Unknown, now, (Rules: this, Zone: zone.Zone, Hot: hot, Elapsed: elapsed, Units: units, Now: now),
                static c => c.Rules.Said(c.Zone, c.Hot, c.Elapsed, c.Units, c.Now), events);
        }
    }

    /// <summary>
    /// A zone flag's words as of <paramref name="now"/>, its rule broken for as long as it has been by then: those it was
    /// raised or escalated with stop at that moment ("for 3 min" an hour on). Null for a subject whose rule holds.
    /// </summary>
    public string? SaidNow(string subject, IReadOnlyDictionary<string, UnitEntry> units, DateTimeOffset now)
    {
        foreach (var zone in ruled)
        {
            if (zone.Subject == subject && since.TryGetValue(subject, out var start))
            {
                return Said(zone.Zone, zone.Rule == HotZoneRule, now - start, units, now);
            }
        }

        return null;
    }

    private string Said(Zone zone, bool hot, TimeSpan elapsed, IReadOnlyDictionary<string, UnitEntry> units, DateTimeOffset now) =>
        (hot
            ? $"hot zone {zone.Name} has had no contact unit for {Reasons.Duration(elapsed.TotalSeconds)} while the threat is active"
            : $"casualty collection point {zone.Name} has had no medical unit for {Reasons.Duration(elapsed.TotalSeconds)}")
        + StaleThere(zone, units, hot, now);

    /// <summary>
    /// The earliest time after <paramref name="now"/> at which the passage of time alone changes what <see cref="Evaluate"/>
    /// derives — a broken rule reaching its watch or its alert, an acknowledgement of a zone's flag running out, a unit
    /// inside a zone going stale (which a zone with no rule shows too) — or <see cref="DateTimeOffset.MaxValue"/> when
    /// none will before the next input.
    /// </summary>
    public DateTimeOffset NextChange(DateTimeOffset now, FlagBook flags)
    {
        var next = NextSilence(now);
        void After(DateTimeOffset at) => next = at > now && at < next ? at : next;
        foreach (var zone in ruled)
        {
            if (since.TryGetValue(zone.Subject, out var start))
            {
                After(start + zone.Watch);
                After(start + zone.Alert);
            }

            if (flags.AcknowledgementEnds(zone.Subject, now) is { } ends)
            {
                After(ends);
            }
        }

        return next;
    }

    private RuledZone? Ruled(Zone zone) => zone.Kind switch
    {
        ZoneKind.Hot => new(zone, ClosingAssessment.ZoneSubject(zone.ZoneId), HotZoneRule, options.HotZoneWatchAfter, options.HotZoneAlertAfter),
        ZoneKind.CasualtyCollection => new(zone, ClosingAssessment.ZoneSubject(zone.ZoneId), CasualtyCollectionRule,
            options.CasualtyCollectionWatchAfter, options.CasualtyCollectionAlertAfter),
        _ => null,
    };

    private bool HotZoneUncovered(Zone zone, IReadOnlyDictionary<string, UnitEntry> units, IReadOnlyList<ThreatTarget> threats, DateTimeOffset now)
    {
        var threatInside = false;
        for (var i = 0; i < threats.Count && !threatInside; i++)
        {
            threatInside = threats[i].Threat.IsActive && occupancy.Contains(zone.ZoneId, frame.ToLocal(threats[i].Threat.Position));
        }

        return threatInside && !AnyInside(zone, units, now, static (unit, options) => options.ClosingRoles.Contains(unit.Role));
    }

    private bool CollectionPointUnstaffed(Zone zone, IReadOnlyDictionary<string, UnitEntry> units, IReadOnlyList<ThreatTarget> threats, DateTimeOffset now)
    {
        var threatOn = false;
        for (var i = 0; i < threats.Count && !threatOn; i++)
        {
            threatOn = threats[i].Threat.Phase is ThreatPhase.Active or ThreatPhase.Contained;
        }

        return threatOn && !AnyInside(zone, units, now, static (unit, _) => unit.Role == UnitRole.Medical);
    }

    // Whether any unit inside the zone, and heard, counts for its rule.
    private bool AnyInside(Zone zone, IReadOnlyDictionary<string, UnitEntry> units, DateTimeOffset now, Func<UnitEntry, AssessmentOptions, bool> counts)
    {
        foreach (var unitId in occupancy.InsideIds(zone.ZoneId))
        {
            if (units.TryGetValue(unitId, out var unit) && counts(unit, options) && Heard(unitId, now))
            {
                return true;
            }
        }

        return false;
    }

    // A zone whose kind has a rule: its flag's subject, its rule and when a broken rule is watched and alerted.
    private sealed record RuledZone(Zone Zone, string Subject, string Rule, TimeSpan Watch, TimeSpan Alert);
}

using Command.Domain.Assessment;
using Command.Domain.Incidents;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Zones;

/// <summary>
/// Why a zone's rule holds again, in the words its flag clears with: what really ended the condition, never the
/// remedy the rule asks for when something else ended it (a casualty collection point cleared by the threat being
/// neutralized does not say a medical unit is there).
/// </summary>
internal sealed partial class ZoneRules
{
    private string HotZoneCovered(Zone zone, IReadOnlyDictionary<string, UnitEntry> units, IReadOnlyList<ThreatTarget> threats, DateTimeOffset now)
    {
        var inside = Callsigns(zone, units, now, unit => options.ClosingRoles.Contains(unit.Role));
        if (inside.Count > 0)
        {
            return $"a contact unit is in {zone.Name}: {string.Join(", ", inside)}";
        }

        var all = threats.Select(t => t.Threat).ToList();
        return all.Any(t => t.IsActive)
            ? $"the active threat is no longer in {zone.Name}"
            : NoThreat(all, "active");
    }

    private string CollectionPointStaffed(Zone zone, IReadOnlyDictionary<string, UnitEntry> units, IReadOnlyList<ThreatTarget> threats, DateTimeOffset now)
    {
        var inside = Callsigns(zone, units, now, unit => unit.Role == UnitRole.Medical);
        return inside.Count > 0
            ? $"a medical unit is at {zone.Name}: {string.Join(", ", inside)}"
            : NoThreat([.. threats.Select(t => t.Threat)], "active or contained");
    }

    private List<string> Callsigns(Zone zone, IReadOnlyDictionary<string, UnitEntry> units, DateTimeOffset now, Func<UnitEntry, bool> counts) =>
        [.. occupancy.Occupants(zone.ZoneId).Keys
            .Select(id => units.TryGetValue(id, out var unit) && counts(unit) && Heard(id, now) ? unit.Callsign : null)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

    /// <summary>"threat T1 is neutralized", or, with several, "no threat is active (T1 contained, T2 neutralized)".</summary>
    private static string NoThreat(IReadOnlyList<Threat> threats, string wanted) => threats.Count switch
    {
        0 => $"no threat is {wanted}",
        1 => $"threat {threats[0].ThreatId} is {ThreatPhases.Name(threats[0].Phase)}",
        _ => $"no threat is {wanted} ({string.Join(", ", threats.Select(t => $"{t.ThreatId} {ThreatPhases.Name(t.Phase)}"))})",
    };
}

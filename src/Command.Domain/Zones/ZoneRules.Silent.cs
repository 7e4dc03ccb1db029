using Command.Domain.Assessment;
using Command.Domain.Incidents;
using Command.Domain.Sites;
using Command.Domain.Units;

namespace Command.Domain.Zones;

/// <summary>
/// A unit inside a zone that the board shows stale is not known to be there still: its device went silent (a flat
/// battery, a radio out of range) or signed off. It covers no zone until it reports again, and a zone's flag says who
/// it was, so that the zone does not read as empty to a commander who sees the unit's last position inside it.
/// </summary>
internal sealed partial class ZoneRules
{
    /// <summary>True while the unit is heard: not shown stale at <paramref name="now"/>, by the threshold the board uses for it.</summary>
    private bool Heard(string unitId, DateTimeOffset now) => judges.TryGetValue(unitId, out var judge) && !judge.ShownStale(now);

    // The units of the kind the rule asks for that are inside but stale, in its flag's words:
    // "; stale there: Medic 3 (last heard 3 min ago)"; nothing when there are none.
    private string StaleThere(Zone zone, IReadOnlyDictionary<string, UnitEntry> units, bool hot, DateTimeOffset now)
    {
        var stale = occupancy.InsideIds(zone.ZoneId)
            .Where(id => !Heard(id, now) && units.TryGetValue(id, out var unit) && (hot ? options.ClosingRoles.Contains(unit.Role) : unit.Role == UnitRole.Medical))
            .Select(id => (units[id].Callsign, Silent: Math.Max(0, (now - judges[id].LatestHeard!.Value).TotalSeconds)))
            .OrderBy(u => u.Callsign, StringComparer.Ordinal)
            .Select(u => $"{u.Callsign} (last heard {Reasons.Duration(u.Silent)} ago)")
            .ToList();
        return stale.Count == 0 ? "" : $"; stale there: {string.Join(", ", stale)}";
    }

    // The first instant after now at which a unit inside any zone goes stale; MaxValue when none will before the next input.
    private DateTimeOffset NextSilence(DateTimeOffset now)
    {
        var next = DateTimeOffset.MaxValue;
        foreach (var occupants in occupancy.InsideEach)
        {
            foreach (var unitId in occupants.Keys)
            {
                if (judges.TryGetValue(unitId, out var judge) && judge.StaleFrom(now) is { } stale && stale < next)
                {
                    next = stale;
                }
            }
        }

        return next;
    }
}

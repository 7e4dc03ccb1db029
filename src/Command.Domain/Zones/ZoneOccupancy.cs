using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Domain.Zones;

/// <summary>
/// Who is inside which zone, and since when: a fold of unit positions. A unit enters a zone when its position falls
/// inside it and leaves only when its position falls more than the exit margin outside, so a position wandering across
/// the boundary on noise does not flap. The incident's assessment gives it where each unit stands (the middle of its
/// latest three fixes) and how far inside a zone that must be for the unit to be taken in (how well it is known), so
/// that a unit holding a few metres outside is not taken in on noise either.
/// </summary>
public sealed class ZoneOccupancy
{
    private readonly (Zone Zone, Polygon Shape)[] zones;
    private readonly double exitMarginM;
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> inside = new(StringComparer.Ordinal);

    /// <param name="zones">The site's zones.</param>
    /// <param name="frame">The site's local frame.</param>
    /// <param name="exitMarginM">How far outside a zone a fix must fall for the unit to leave it (default 5 m).</param>
    public ZoneOccupancy(IEnumerable<Zone> zones, LocalFrame frame, double exitMarginM = 5)
    {
        this.zones = [.. zones.Where(z => z.Polygon.Length >= 3).Select(z => (z, Polygon.FromGeo(frame, z.Polygon)))];
        this.exitMarginM = exitMarginM;
        foreach (var (zone, _) in this.zones)
        {
            inside[zone.ZoneId] = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        }
    }

    public IEnumerable<Zone> Zones => zones.Select(z => z.Zone);

    /// <summary>
    /// Applies where a unit stands; returns the zones it entered and left. It enters a zone only inside it by
    /// <paramref name="entryMarginM"/> (how well its position is known), and leaves it only beyond the exit margin.
    /// </summary>
    public IReadOnlyList<ZoneChange> Update(string unitId, LocalPoint point, DateTimeOffset time, double entryMarginM = 0)
    {
        List<ZoneChange>? changes = null;
        foreach (var (zone, shape) in zones)
        {
            var occupants = inside[zone.ZoneId];
            var wasInside = occupants.ContainsKey(unitId);
            var isInside = wasInside
                ? shape.Contains(point) || shape.DistanceToBoundary(point) <= exitMarginM
                : shape.Contains(point) && (entryMarginM <= 0 || shape.DistanceToBoundary(point) >= entryMarginM);
            if (isInside == wasInside)
            {
                continue;
            }

            if (isInside)
            {
                occupants[unitId] = time;
            }
            else
            {
                occupants.Remove(unitId);
            }

            (changes ??= []).Add(new ZoneChange(zone.ZoneId, unitId, isInside, time));
        }

        return changes ?? (IReadOnlyList<ZoneChange>)[];
    }

    /// <summary>
    /// The unit is heard again after a silence that had it stale: in each zone it is still in, it is there from
    /// <paramref name="time"/>, for where it was while it was silent is not known.
    /// </summary>
    public void HeardAgain(string unitId, DateTimeOffset time)
    {
        foreach (var occupants in inside.Values)
        {
            if (occupants.ContainsKey(unitId))
            {
                occupants[unitId] = time;
            }
        }
    }

    /// <summary>Removes a unit from every zone (it left the incident).</summary>
    public void Remove(string unitId)
    {
        foreach (var occupants in inside.Values)
        {
            occupants.Remove(unitId);
        }
    }

    /// <summary>The units inside a zone and since when; empty for an unknown zone.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Occupants(string zoneId) =>
        inside.TryGetValue(zoneId, out var occupants) ? occupants : new Dictionary<string, DateTimeOffset>();

    /// <summary>The units inside a zone, walked without a copy; none for an unknown zone.</summary>
    internal Dictionary<string, DateTimeOffset>.KeyCollection InsideIds(string zoneId) =>
        (inside.TryGetValue(zoneId, out var occupants) ? occupants : Nobody).Keys;

    private static readonly Dictionary<string, DateTimeOffset> Nobody = [];

    /// <summary>The units inside each zone, walked without a copy: a unit inside several is met once in each.</summary>
    internal Dictionary<string, Dictionary<string, DateTimeOffset>>.ValueCollection InsideEach => inside.Values;

    /// <summary>The zones a unit is inside.</summary>
    public IEnumerable<string> ZonesOf(string unitId) =>
        inside.Where(z => z.Value.ContainsKey(unitId)).Select(z => z.Key);

    /// <summary>True when the point lies inside the zone's polygon.</summary>
    public bool Contains(string zoneId, LocalPoint point)
    {
        foreach (var (zone, shape) in zones)
        {
            if (zone.ZoneId == zoneId && shape.Contains(point))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<(string ZoneId, string UnitId, DateTimeOffset Since)> Snapshot() =>
        inside.SelectMany(z => z.Value.Select(o => (z.Key, o.Key, o.Value)));

    public void Restore(IEnumerable<(string ZoneId, string UnitId, DateTimeOffset Since)> occupants)
    {
        foreach (var zone in inside.Values)
        {
            zone.Clear();
        }

        foreach (var (zoneId, unitId, since) in occupants)
        {
            if (inside.TryGetValue(zoneId, out var zone))
            {
                zone[unitId] = since;
            }
        }
    }
}

/// <summary>A unit entered (or left) a zone at a time.</summary>
public sealed record ZoneChange(string ZoneId, string UnitId, bool Entered, DateTimeOffset Time);

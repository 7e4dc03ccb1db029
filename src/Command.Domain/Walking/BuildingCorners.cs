using Command.Domain.Geometry;

namespace Command.Domain.Walking;

/// <summary>
/// The points a walk outdoors turns at: just outside each outward-pointing corner of every building. The shortest walk
/// round buildings bends only at such corners, so with them joined by sight to each other and to the walk graph's
/// doors and outdoor nodes, a unit on any side of a building has a walk to its doors — not only one whose walk graph
/// happens to have a node near it.
/// </summary>
internal static class BuildingCorners
{
    /// <summary>
    /// How far outside both walls a corner point stands: off the walls, so that sight along a wall is not taken as
    /// sight into the building, and near enough that going round adds almost nothing.
    /// </summary>
    public const double OffsetM = 1.0;

    /// <summary>
    /// The most corners a site is given, from the buildings nearest the walk graph first: joining them by sight costs
    /// the square of their number once per incident, and a campus of hundreds of buildings needs those round its school.
    /// </summary>
    public const int Most = 256;

    /// <summary>
    /// The corners of these walls outside all of them: whole buildings' worth, nearest the graph's nodes first, as many
    /// buildings as come to at most <see cref="Most"/>.
    /// </summary>
    public static LocalPoint[] Of(IReadOnlyList<Polygon> walls, IReadOnlyList<Box> boxes, IReadOnlyList<LocalPoint> nodes)
    {
        var corners = new List<LocalPoint>();
        foreach (var building in Enumerable.Range(0, walls.Count).OrderBy(w => nodes.Min(boxes[w].DistanceTo)))
        {
            // A building whose corners would go over is passed by, not cut short: a round one drawn with a thousand
            // points would take them all.
            var outward = Outward(walls[building].Vertices).ToList();
            if (corners.Count + outward.Count <= Most)
            {
                corners.AddRange(outward);
            }
        }

        // Not inside another building, nor in a gap between two too narrow to walk.
        return [.. corners.Where(c => !Enumerable.Range(0, walls.Count).Any(w => boxes[w].DistanceTo(c) < OffsetM
            && (walls[w].Contains(c) || walls[w].DistanceToBoundary(c) < OffsetM / 2)))];
    }

    // Each corner whose inside angle is under 180 degrees, moved off both its walls by OffsetM.
    private static IEnumerable<LocalPoint> Outward(IReadOnlyList<LocalPoint> ring)
    {
        var turn = Math.Sign(SignedArea(ring));
        for (var i = 0; i < ring.Count; i++)
        {
            var before = ring[(i + ring.Count - 1) % ring.Count];
            var at = ring[i];
            var after = ring[(i + 1) % ring.Count];
            var (inward, outward) = (at - before, after - at);
            var bend = (inward.East * outward.North) - (inward.North * outward.East);
            if (bend * turn <= 1e-9 || inward.Length == 0 || outward.Length == 0)
            {
                continue;
            }

            var first = OutwardNormal(inward, turn);
            var second = OutwardNormal(outward, turn);
            // The point OffsetM from both walls' lines; a sharp spike is held to four times that along its bisector.
            var miter = Math.Max(1 + (first.East * second.East) + (first.North * second.North), 0.25);
            yield return at + ((first + second) * (OffsetM / miter));
        }
    }

    private static LocalPoint OutwardNormal(LocalPoint edge, int turn) =>
        new LocalPoint(edge.North * turn, -edge.East * turn) * (1 / edge.Length);

    private static double SignedArea(IReadOnlyList<LocalPoint> ring)
    {
        var sum = 0.0;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            sum += (ring[j].East * ring[i].North) - (ring[i].East * ring[j].North);
        }

        return sum / 2;
    }
}

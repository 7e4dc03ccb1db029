using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Domain.Walking;

/// <summary>
/// A site's walk graph compiled into local metres, with the building footprints that block a straight line.
/// Built once per incident; answers "how far is it to walk from here to there".
/// </summary>
public sealed class WalkNetwork
{
    private readonly LocalPoint[] points;
    private readonly int[] floors;
    private readonly bool[] stairs;
    private readonly List<(int To, double Length)>[] edges;
    private readonly Polygon[] walls;

    /// <param name="site">The site: its walk graph and building footprints.</param>
    /// <param name="frame">The site's local frame.</param>
    /// <param name="floorHeightM">Height of one floor: what a floor change adds to an edge with no stated length.</param>
    public WalkNetwork(Site site, LocalFrame frame, double floorHeightM)
    {
        var graph = site.Walks ?? WalkGraph.Empty;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        points = new LocalPoint[graph.Nodes.Length];
        floors = new int[graph.Nodes.Length];
        stairs = new bool[graph.Nodes.Length];
        edges = new List<(int, double)>[graph.Nodes.Length];
        for (var i = 0; i < graph.Nodes.Length; i++)
        {
            var node = graph.Nodes[i];
            index[node.NodeId] = i;
            points[i] = frame.ToLocal(node.Position);
            floors[i] = node.Floor;
            stairs[i] = string.Equals(node.Kind, WalkNodeKinds.Stair, StringComparison.OrdinalIgnoreCase);
            edges[i] = [];
        }

        foreach (var edge in graph.Edges)
        {
            if (!index.TryGetValue(edge.From, out var a) || !index.TryGetValue(edge.To, out var b))
            {
                throw new ArgumentException($"Walk edge {edge.From}-{edge.To} names a node the graph does not have.", nameof(site));
            }

            var length = edge.LengthM ?? points[a].DistanceTo(points[b]) + (Math.Abs(floors[a] - floors[b]) * floorHeightM);
            edges[a].Add((b, length));
            edges[b].Add((a, length));
        }

        walls = [.. site.Buildings.Where(b => b.Footprint.Length >= 3).Select(b => Polygon.FromGeo(frame, b.Footprint))];
        var boxes = walls.Select(w => (West: w.Vertices.Min(v => v.East), South: w.Vertices.Min(v => v.North), East: w.Vertices.Max(v => v.East), North: w.Vertices.Max(v => v.North))).ToArray();
        for (var i = 0; i < points.Length; i++)
        {
            var p = points[i];
            // Only the buildings whose box the node is within reach of: a site may have 500 of 1,000 points each.
            points[i] = OntoWall(p, Enumerable.Range(0, walls.Length).Where(w => p.East >= boxes[w].West - OnTheWallM && p.East <= boxes[w].East + OnTheWallM
                && p.North >= boxes[w].South - OnTheWallM && p.North <= boxes[w].North + OnTheWallM).Select(w => walls[w]));
        }
    }

    /// <summary>
    /// How near a wall a node stands to be taken as on it: a door. A door drawn on a map, or given in degrees, lies a
    /// few centimetres one side of its wall or the other, and was then in sight from that side only: a unit outside
    /// could not walk through a door set 5 cm inside the wall.
    /// </summary>
    public const double OnTheWallM = 0.5;

    /// <summary>True when the site has a walk graph to route over.</summary>
    public bool HasGraph => points.Length > 0;

    internal int Count => points.Length;

    internal LocalPoint Point(int node) => points[node];

    internal int Floor(int node) => floors[node];

    internal bool IsStair(int node) => stairs[node];

    internal IReadOnlyList<(int To, double Length)> Edges(int node) => edges[node];

    /// <summary>True when the straight line between two points crosses no building wall.</summary>
    public bool InSight(LocalPoint a, LocalPoint b)
    {
        // A loop, not All with a lambda: every fix asks this of each node it is joined to, and the lambda was allocated.
        foreach (var wall in walls)
        {
            if (Crosses(wall, a, b))
            {
                return false;
            }
        }

        return true;
    }

    // The point moved onto the nearest of these walls within OnTheWallM of it; otherwise the point itself.
    private static LocalPoint OntoWall(LocalPoint p, IEnumerable<Polygon> near)
    {
        var (best, nearest) = (OnTheWallM, p);
        foreach (var wall in near)
        {
            var on = wall.ClosestOnBoundary(p);
            if (p.DistanceTo(on) < best)
            {
                (best, nearest) = (p.DistanceTo(on), on);
            }
        }

        return nearest;
    }

    private static bool Crosses(Polygon wall, LocalPoint a, LocalPoint b)
    {
        var ring = wall.Vertices;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            if (SegmentsCross(a, b, ring[j], ring[i]))
            {
                return true;
            }
        }

        return false;
    }

    // Proper crossings only: a door node on the wall line touches it without passing through.
    private static bool SegmentsCross(LocalPoint p, LocalPoint q, LocalPoint r, LocalPoint s)
    {
        var d1 = Cross(r, s, p);
        var d2 = Cross(r, s, q);
        var d3 = Cross(p, q, r);
        var d4 = Cross(p, q, s);
        return ((d1 > 1e-9 && d2 < -1e-9) || (d1 < -1e-9 && d2 > 1e-9)) && ((d3 > 1e-9 && d4 < -1e-9) || (d3 < -1e-9 && d4 > 1e-9));
    }

    private static double Cross(LocalPoint o, LocalPoint a, LocalPoint b) =>
        ((a.East - o.East) * (b.North - o.North)) - ((a.North - o.North) * (b.East - o.East));
}

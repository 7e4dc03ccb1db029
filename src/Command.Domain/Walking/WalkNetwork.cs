using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Domain.Walking;

/// <summary>
/// A site's walk graph compiled into local metres, with the building footprints that block a straight line and the
/// corners outside them that a walk round a building turns at (<see cref="BuildingCorners"/>), joined by sight to each
/// other and to the graph's ground-floor nodes. Built once per incident; answers "how far is it to walk from here to
/// there".
/// </summary>
public sealed class WalkNetwork
{
    private readonly LocalPoint[] points;
    private readonly int[] floors;
    private readonly bool[] stairs;
    private readonly List<(int To, double Length)>[] edges;
    private readonly Polygon[] walls;
    private readonly Box[] boxes;

    /// <param name="site">The site: its walk graph and building footprints.</param>
    /// <param name="frame">The site's local frame.</param>
    /// <param name="floorHeightM">Height of one floor: what a floor change adds to an edge with no stated length.</param>
    public WalkNetwork(Site site, LocalFrame frame, double floorHeightM)
    {
        var graph = site.Walks ?? WalkGraph.Empty;
        walls = [.. site.Buildings.Where(b => b.Footprint.Length >= 3).Select(b => Polygon.FromGeo(frame, b.Footprint))];
        boxes = [.. walls.Select(Box.Around)];
        var drawn = graph.Nodes.Select(n => frame.ToLocal(n.Position)).ToArray();
        // Only the buildings whose box the node is within reach of: a site may have 500 of 1,000 points each.
        var authored = drawn.Select(p => OntoWall(p, NearBoxes(p, OnTheWallM))).ToArray();

        // Corners only where there is a graph to walk to: without one, distance is the straight line.
        var corners = authored.Length > 0 ? BuildingCorners.Of(walls, boxes, authored) : [];
        Authored = authored.Length;
        points = [.. authored, .. corners];
        floors = new int[points.Length];
        stairs = new bool[points.Length];
        edges = new List<(int, double)>[points.Length];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < points.Length; i++)
        {
            edges[i] = [];
            if (i < Authored)
            {
                var node = graph.Nodes[i];
                index[node.NodeId] = i;
                floors[i] = node.Floor;
                stairs[i] = string.Equals(node.Kind, WalkNodeKinds.Stair, StringComparison.OrdinalIgnoreCase);
            }
        }

        Floors = [.. floors.Take(Authored).Distinct().Order()];
        foreach (var edge in graph.Edges)
        {
            if (!index.TryGetValue(edge.From, out var a) || !index.TryGetValue(edge.To, out var b))
            {
                throw new ArgumentException($"Walk edge {edge.From}-{edge.To} names a node the graph does not have.", nameof(site));
            }

            var length = edge.LengthM ?? drawn[a].DistanceTo(drawn[b]) + (Math.Abs(floors[a] - floors[b]) * floorHeightM);
            edges[a].Add((b, length));
            edges[b].Add((a, length));
        }

        // Each corner joined by sight to the other corners, and to the nearest of the ground floor's nodes it can see:
        // the open ground between.
        for (var corner = Authored; corner < points.Length; corner++)
        {
            foreach (var other in Enumerable.Range(Authored, corner - Authored).Where(c => InSight(points[corner], points[c])))
            {
                Join(corner, other);
            }

            var near = Enumerable.Range(0, Authored).Where(n => floors[n] == 0).OrderBy(n => points[corner].DistanceSquaredTo(points[n]));
            foreach (var node in near.Take(CornerTries).Where(n => InSight(points[corner], points[n])).Take(CornerJoins))
            {
                Join(corner, node);
            }
        }
    }

    // How many of the graph's nodes nearest a corner it is joined to, of how many tried for sight: its doors and the
    // paths by it, not every node of a site of thousands.
    private const int CornerJoins = 8;
    private const int CornerTries = 32;

    /// <summary>
    /// How near a wall a node stands to be taken as on it: a door. A door drawn on a map, or given in degrees, lies a
    /// few centimetres one side of its wall or the other, and was then in sight from that side only: a unit outside
    /// could not walk through a door set 5 cm inside the wall.
    /// </summary>
    public const double OnTheWallM = 0.5;

    /// <summary>True when the site has a walk graph to route over.</summary>
    public bool HasGraph => Authored > 0;

    /// <summary>All the nodes: the graph's, then the corners.</summary>
    internal int Count => points.Length;

    /// <summary>The graph's own nodes, which come first: the corners follow them.</summary>
    internal int Authored { get; }

    internal LocalPoint Point(int node) => points[node];

    internal int Floor(int node) => floors[node];

    internal bool IsStair(int node) => stairs[node];

    /// <summary>The floors the graph's own nodes are on, lowest first.</summary>
    internal int[] Floors { get; }

    internal IReadOnlyList<(int To, double Length)> Edges(int node) => edges[node];

    /// <summary>True when the straight line between two points crosses no building wall.</summary>
    public bool InSight(LocalPoint a, LocalPoint b)
    {
        // A loop, not All with a lambda: every fix asks this of each node it is joined to, and the lambda was allocated.
        for (var i = 0; i < walls.Length; i++)
        {
            if (boxes[i].Meets(a, b) && Crosses(walls[i], a, b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the point is inside a building's footprint.</summary>
    public bool Indoors(LocalPoint point)
    {
        for (var i = 0; i < walls.Length; i++)
        {
            if (boxes[i].Holds(point) && walls[i].Contains(point))
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<Polygon> NearBoxes(LocalPoint p, double reach) =>
        Enumerable.Range(0, walls.Length).Where(w => boxes[w].Holds(p, reach)).Select(w => walls[w]);

    // An edge both ways, as long as the straight line between.
    private void Join(int a, int b)
    {
        var length = points[a].DistanceTo(points[b]);
        edges[a].Add((b, length));
        edges[b].Add((a, length));
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
            if (SegmentsCross(a, b, ring[j], ring[i]) || ThroughCornerInto(wall, a, b, ring[i]))
            {
                return true;
            }
        }

        return false;
    }

    // A line through a corner of the building itself crosses no wall properly, but goes inside it when either side of
    // the corner along the line is inside: the line from the point just off a square's corner to its middle does.
    private static bool ThroughCornerInto(Polygon wall, LocalPoint a, LocalPoint b, LocalPoint corner)
    {
        var along = b - a;
        var length = along.Length;
        if (length == 0 || Math.Abs(Cross(a, b, corner)) > OnTheLineM * length)
        {
            return false;
        }

        var t = (((corner.East - a.East) * along.East) + ((corner.North - a.North) * along.North)) / (length * length);
        var step = StepPastCornerM / length;
        if (t <= step || t >= 1 - step)
        {
            return false;
        }

        return wall.Contains(a + (along * (t - step))) || wall.Contains(a + (along * (t + step)));
    }

    // How near the line a corner must lie to be on it, and how far along either side of it is looked.
    private const double OnTheLineM = 1e-6;
    private const double StepPastCornerM = 1e-3;

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

using Command.Domain.Geometry;

namespace Command.Domain.Walking;

/// <summary>
/// Walking distance from every node of a site's graph to one target, found once (Dijkstra) when the target is
/// placed, so that each unit's path distance afterwards is a look-up over the nodes it can see. Indoors a position is
/// joined to the few graph nodes near it, the corridors drawn; outdoors to every node and building corner in sight, so
/// that the walk round a building grows and shrinks smoothly as a unit moves, and does not jump by the detour when a
/// door first comes within reach.
/// </summary>
public sealed class DistanceField
{
    private readonly WalkNetwork network;
    private readonly double[] toTarget;
    private readonly double snapRadiusM;
    private readonly int snapNodes;

    public DistanceField(WalkNetwork network, LocalPoint target, int floor, double snapRadiusM, int snapNodes)
    {
        this.network = network;
        this.snapRadiusM = snapRadiusM;
        this.snapNodes = snapNodes;
        Target = target;
        TargetFloor = floor;
        toTarget = new double[network.Count];
        Array.Fill(toTarget, double.PositiveInfinity);
        var queue = new PriorityQueue<int, double>();
        foreach (var (node, offset) in Joined(target, floor))
        {
            toTarget[node] = offset;
            queue.Enqueue(node, offset);
        }

        while (queue.TryDequeue(out var node, out var distance))
        {
            if (distance > toTarget[node])
            {
                continue;
            }

            foreach (var (next, length) in network.Edges(node))
            {
                var through = distance + length;
                if (through < toTarget[next])
                {
                    toTarget[next] = through;
                    queue.Enqueue(next, through);
                }
            }
        }
    }

    public LocalPoint Target { get; }

    public int TargetFloor { get; }

    /// <summary>
    /// Shortest walk from <paramref name="from"/> on <paramref name="floor"/> to the target: the straight line
    /// when no wall stands between and both are on one floor, otherwise the best route through a nearby node.
    /// Null when no route is known (the point is far from every node and a wall is in the way).
    /// </summary>
    public double? PathDistance(LocalPoint from, int floor)
    {
        var best = floor == TargetFloor && network.InSight(from, Target) ? from.DistanceTo(Target) : double.PositiveInfinity;
        if (!network.Indoors(from))
        {
            best = Math.Min(best, ThroughSight(from, floor, best));
        }
        else
        {
            Span<(int Node, double Offset)> found = snapNodes <= MostOnStack ? stackalloc (int, double)[snapNodes] : new (int, double)[snapNodes];
            foreach (var (node, offset) in found[..Snap(from, floor, found)])
            {
                best = Math.Min(best, offset + toTarget[node]);
            }
        }

        return double.IsPositiveInfinity(best) ? null : best;
    }

    /// <summary>
    /// True when a stair node is among the nodes a point on <paramref name="floor"/> snaps to; where the point's floor
    /// is unknown, on any floor the graph has: stairs between upper floors need not stand above those from the ground.
    /// </summary>
    public bool NearStairs(LocalPoint point, int? floor)
    {
        if (floor is { } known)
        {
            return NearStairsOn(point, known);
        }

        foreach (var each in network.Floors)
        {
            if (NearStairsOn(point, each))
            {
                return true;
            }
        }

        return false;
    }

    private bool NearStairsOn(LocalPoint point, int floor)
    {
        Span<(int Node, double Offset)> found = snapNodes <= MostOnStack ? stackalloc (int, double)[snapNodes] : new (int, double)[snapNodes];
        foreach (var (node, _) in found[..Snap(point, floor, found)])
        {
            if (network.IsStair(node))
            {
                return true;
            }
        }

        return false;
    }

    // Nodes a position is joined to, at most, that are kept on the stack: every fix asks, and most sites join three.
    private const int MostOnStack = 16;

    // How many nodes an outdoor position tries, in order of the walk through each, for the first in sight: a unit shut in
    // by buildings on every side is given the straight line rather than a search of the whole site.
    private const int MostTried = 32;

    // The walk outdoors: the shortest of (straight line to a node in sight + the node's walk) under the bound, found by
    // trying the nodes in order of that sum, as if every node were in sight, until one is: that one is the best.
    private double ThroughSight(LocalPoint from, int floor, double bound)
    {
        Span<(int Node, double Sum)> order = stackalloc (int, double)[MostTried];
        var count = 0;
        for (var i = 0; i < network.Count; i++)
        {
            if (network.Floor(i) != floor)
            {
                continue;
            }

            var sum = from.DistanceTo(network.Point(i)) + toTarget[i];
            if (sum < bound && (count < order.Length || sum < order[count - 1].Sum))
            {
                count = InOrder(order, count, i, sum);
            }
        }

        foreach (var (node, sum) in order[..count])
        {
            if (network.InSight(from, network.Point(node)))
            {
                return sum;
            }
        }

        return bound;
    }

    // What the target is joined to: outdoors, every node in sight; indoors, the few graph nodes near it.
    private IEnumerable<(int Node, double Offset)> Joined(LocalPoint target, int floor)
    {
        if (!network.Indoors(target))
        {
            return Enumerable.Range(0, network.Count)
                .Where(i => network.Floor(i) == floor && network.InSight(target, network.Point(i)))
                .Select(i => (i, target.DistanceTo(network.Point(i))));
        }

        var snapped = new (int Node, double Offset)[snapNodes];
        return snapped[..Snap(target, floor, snapped)];
    }

    // The nearest few of the graph's own nodes on the floor (not the corners outside buildings), in sight of the
    // point, within the snap radius, nearest first: how many, written into found (as long as the most it is joined to).
    private int Snap(LocalPoint point, int floor, Span<(int Node, double Offset)> found)
    {
        var count = 0;
        for (var i = 0; i < network.Authored; i++)
        {
            if (network.Floor(i) != floor)
            {
                continue;
            }

            var d = point.DistanceTo(network.Point(i));
            if (d <= snapRadiusM && (count < found.Length || d < found[count - 1].Offset) && network.InSight(point, network.Point(i)))
            {
                count = InOrder(found, count, i, d);
            }
        }

        return count;
    }

    // The node put in its place among the first count, smallest first, the largest falling off the end when all are
    // taken: how many there are now.
    private static int InOrder(Span<(int, double)> order, int count, int node, double value)
    {
        var at = count == order.Length ? count - 1 : count++;
        while (at > 0 && order[at - 1].Item2 > value)
        {
            order[at] = order[at - 1];
            at--;
        }

        order[at] = (node, value);
        return count;
    }
}

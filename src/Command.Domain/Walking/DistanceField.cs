using Command.Domain.Geometry;

namespace Command.Domain.Walking;

/// <summary>
/// Walking distance from every node of a site's graph to one target, found once (Dijkstra) when the target is
/// placed, so that each unit's path distance afterwards is a look-up over the few nodes near it.
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
        var snapped = new (int Node, double Offset)[snapNodes];
        foreach (var (node, offset) in snapped[..Snap(target, floor, snapped)])
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
        Span<(int Node, double Offset)> found = snapNodes <= MostOnStack ? stackalloc (int, double)[snapNodes] : new (int, double)[snapNodes];
        foreach (var (node, offset) in found[..Snap(from, floor, found)])
        {
            best = Math.Min(best, offset + toTarget[node]);
        }

        return double.IsPositiveInfinity(best) ? null : best;
    }

    /// <summary>True when a stair node on the point's floor is within the snap radius.</summary>
    public bool NearStairs(LocalPoint point, int floor)
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

    // The nearest few nodes on the floor, in sight of the point, within the snap radius, nearest first: how many,
    // written into found (as long as the most it is joined to).
    private int Snap(LocalPoint point, int floor, Span<(int Node, double Offset)> found)
    {
        var count = 0;
        for (var i = 0; i < network.Count; i++)
        {
            if (network.Floor(i) != floor)
            {
                continue;
            }

            var d = point.DistanceTo(network.Point(i));
            if (d > snapRadiusM || (count == found.Length && d >= found[count - 1].Offset) || !network.InSight(point, network.Point(i)))
            {
                continue;
            }

            // Insert in order, the furthest falling off the end when full.
            var at = count == found.Length ? count - 1 : count++;
            while (at > 0 && found[at - 1].Offset > d)
            {
                found[at] = found[at - 1];
                at--;
            }

            found[at] = (i, d);
        }

        return count;
    }
}

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
        foreach (var (node, offset) in Snap(target, floor, double.PositiveInfinity))
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
    /// when no wall stands between and both are on one floor, otherwise the best route through one of the nearest
    /// nodes in sight, however far: within the snap radius alone, a unit walking in from the south read 63 m from
    /// the threat and then, a step later and 40 m from the south door, 101 m by the path round to it — a step of 38 m
    /// away from the threat, as it closed. Null when no route is known (no node on its floor is in sight).
    /// </summary>
    public double? PathDistance(LocalPoint from, int floor)
    {
        var best = floor == TargetFloor && network.InSight(from, Target) ? from.DistanceTo(Target) : double.PositiveInfinity;
        foreach (var (node, offset) in Snap(from, floor, double.PositiveInfinity))
        {
            best = Math.Min(best, offset + toTarget[node]);
        }

        return double.IsPositiveInfinity(best) ? null : best;
    }

    /// <summary>True when a stair node on the point's floor is within the snap radius.</summary>
    public bool NearStairs(LocalPoint point, int floor) => Snap(point, floor, snapRadiusM).Any(s => network.IsStair(s.Node));

    // The nearest few nodes on the floor, in sight of the point, within the radius.
    private List<(int Node, double Offset)> Snap(LocalPoint point, int floor, double radiusM)
    {
        var found = new List<(int Node, double Offset)>(snapNodes + 1);
        for (var i = 0; i < network.Count; i++)
        {
            if (network.Floor(i) != floor)
            {
                continue;
            }

            var d = point.DistanceTo(network.Point(i));
            if (d > radiusM || (found.Count == snapNodes && d >= found[^1].Offset) || !network.InSight(point, network.Point(i)))
            {
                continue;
            }

            var at = found.FindIndex(f => f.Offset > d);
            found.Insert(at < 0 ? found.Count : at, (i, d));
            if (found.Count > snapNodes)
            {
                found.RemoveAt(found.Count - 1);
            }
        }

        return found;
    }
}

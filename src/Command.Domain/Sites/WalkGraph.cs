using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Domain.Sites;

/// <summary>
/// Where people can walk on a site: doors, corridor junctions and stair landings as nodes, with the walkable
/// connections between them as edges. Used for path distance when a wall stands between a unit and the threat.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WalkGraph(ImmutableArray<WalkNode> Nodes, ImmutableArray<WalkEdge> Edges)
{
    public static WalkGraph Empty { get; } = new([], []);
}

/// <summary>A point of the walk graph: a door, corridor junction or stair landing.</summary>
/// <param name="NodeId">Unique within the graph.</param>
/// <param name="Position">Where it is.</param>
/// <param name="Floor">Floor number (0 = ground).</param>
/// <param name="Kind">door, corridor, stair or outdoor.</param>
[GenerateSerializer, Immutable]
public sealed record WalkNode(string NodeId, GeoPoint Position, int Floor = 0, string Kind = WalkNodeKinds.Corridor);

/// <summary>A walkable connection. Length defaults to the straight line plus any floor change.</summary>
[GenerateSerializer, Immutable]
public sealed record WalkEdge(string From, string To, double? LengthM = null);

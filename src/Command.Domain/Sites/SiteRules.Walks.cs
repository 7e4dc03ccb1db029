using System.Collections.Immutable;
using Command.Domain.Validation;

namespace Command.Domain.Sites;

public static partial class SiteRules
{
    private static WalkGraph Walks(WalkGraphDraft draft, Findings findings)
    {
        var nodes = draft.Nodes ?? [];
        var edges = draft.Edges ?? [];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var graph = ImmutableArray.CreateBuilder<WalkNode>();
        if (nodes.Count > MaxWalkNodes)
        {
            findings.Add("walks.nodes", RejectReason.Oversized, $"has {nodes.Count} nodes; at most {MaxWalkNodes}");
        }
        else
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                if (Node(nodes[i], $"walks.nodes[{i}]", ids, findings) is { } node)
                {
                    graph.Add(node);
                }
            }
        }

        var links = ImmutableArray.CreateBuilder<WalkEdge>();
        if (edges.Count > MaxWalkEdges)
        {
            findings.Add("walks.edges", RejectReason.Oversized, $"has {edges.Count} edges; at most {MaxWalkEdges}");
        }
        else
        {
            for (var i = 0; i < edges.Count; i++)
            {
                // With the nodes unread (too many), whether an edge's ends are in the graph cannot be known.
                if (Edge(edges[i], $"walks.edges[{i}]", nodes.Count > MaxWalkNodes ? null : ids, findings) is { } edge)
                {
                    links.Add(edge);
                }
            }
        }

        return new WalkGraph(graph.ToImmutable(), links.ToImmutable());
    }

    private static WalkNode? Node(WalkNodeDraft n, string at, HashSet<string> ids, Findings findings)
    {
        var id = Id(n.Id, at + ".id", ids, "node", findings);
        var kind = WalkNodeKinds.Corridor;
        if (n.Kind is not null && !WalkNodeKinds.TryParse(n.Kind, out kind))
        {
            findings.Add(at + ".kind", RejectReason.InvalidValue, $"{Quote(n.Kind)} is not a node kind; expected {WalkNodeKinds.Expected}");
        }

        var floor = n.Floor ?? 0;
        if (floor is < LowestFloor or > HighestFloor)
        {
            findings.Add(at + ".floor", RejectReason.InvalidValue, $"must be {LowestFloor} to {HighestFloor} (was {floor})");
        }

        var placed = Point(n.Position, at, findings);
        return id is not null && kind.Length > 0 && floor is >= LowestFloor and <= HighestFloor && placed
            ? new WalkNode(id, n.Position!.Value, floor, kind)
            : null;
    }

    private static WalkEdge? Edge(WalkEdgeDraft e, string at, HashSet<string>? ids, Findings findings)
    {
        var from = End(e.From, at + ".from", ids, findings);
        var to = End(e.To, at + ".to", ids, findings);
        if (e.LengthM is { } length && !(double.IsFinite(length) && length is > 0 and <= MaxEdgeLengthM))
        {
            findings.Add(at + ".lengthM", RejectReason.InvalidValue, $"must be more than 0 and at most {N(MaxEdgeLengthM)} m (was {N(length)})");
            return null;
        }

        return from is not null && to is not null ? new WalkEdge(from, to, e.LengthM) : null;
    }

    /// <summary>One end of an edge: a node of the graph (when the graph's ids are known).</summary>
    private static string? End(string? id, string path, HashSet<string>? ids, Findings findings)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            findings.Add(path, RejectReason.MissingField, "is required: the id of a node of the site's walk graph");
            return null;
        }

        if (ids is not null && !ids.Contains(id))
        {
            findings.Add(path, RejectReason.InvalidValue, $"{Quote(id)} is not a node of the site's walk graph");
            return null;
        }

        return id;
    }
}

namespace Command.Architecture.Tests.Layers;

/// <summary>One row of the layer table: an assembly, the layer of DESIGN.md it belongs to, and what it may reference.</summary>
internal sealed record LayerRule(string Assembly, string Layer, IReadOnlyList<Use> MayUse)
{
    public bool Admits(string reference) => MayUse.Any(use => use.Admits(reference));

    public override string ToString() => $"{Assembly} ({Layer}: {string.Join(", ", MayUse.Select(u => u.Name))})";
}

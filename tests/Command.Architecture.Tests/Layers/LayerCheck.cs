namespace Command.Architecture.Tests.Layers;

/// <summary>Judges one assembly's references against its row of the table and against the direction of the arrows.</summary>
internal static class LayerCheck
{
    /// <summary>Every way <paramref name="assembly"/> breaks the rules, one sentence each; none when it keeps them.</summary>
    public static IReadOnlyList<string> Violations(string assembly, IEnumerable<string> references, IReadOnlyList<LayerRule> table, Codebase codebase)
    {
        if (table.FirstOrDefault(r => r.Assembly == assembly) is not { } row)
        {
            return [$"{assembly} has no row in the layer table (LayerTable.cs): add one citing its layer in DESIGN.md"];
        }

        var violations = new List<string>();
        foreach (var reference in references.Distinct().Order(StringComparer.Ordinal))
        {
            if (codebase.Src.Contains(assembly) && (codebase.Tools.Contains(reference) || codebase.Tests.Contains(reference)))
            {
                violations.Add($"{assembly} references {reference}: src/ points down at the layers, never up at a tool or a test");
            }
            else if (!row.Admits(reference))
            {
                violations.Add($"{assembly} references {reference}, which the {row.Layer} layer may not use; it may use {string.Join(", ", row.MayUse.Select(u => u.Name))}");
            }
        }

        return violations;
    }
}

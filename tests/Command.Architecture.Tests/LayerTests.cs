using System.Reflection;
using Command.Architecture.Tests.Layers;

namespace Command.Architecture.Tests;

/// <summary>The assemblies as built keep DESIGN.md's layer table.</summary>
public sealed class LayerTests
{
    public static TheoryData<string> Ruled => [.. Codebase.Here.Ruled];

    [Fact]
    public void Every_project_of_src_and_tools_has_a_row_and_is_loaded_here()
    {
        var noRow = Codebase.Here.Ruled.Where(p => LayerTable.For(p) is null).ToList();
        var notLoaded = Codebase.Here.Ruled.Where(p => Load(p) is null).ToList();

        Assert.True(noRow.Count == 0, $"no row in LayerTable.cs for: {string.Join(", ", noRow)}");
        Assert.True(notLoaded.Count == 0, $"add a ProjectReference from Command.Architecture.Tests to: {string.Join(", ", notLoaded)}");
    }

    [Theory]
    [MemberData(nameof(Ruled))]
    public void An_assembly_references_only_what_its_layer_may_use(string project)
    {
        var assembly = Load(project) ?? throw new InvalidOperationException($"{project} is not loaded here");

        var violations = LayerCheck.Violations(project, assembly.GetReferencedAssemblies().Select(a => a.Name!), LayerTable.Rows, Codebase.Here);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [MemberData(nameof(Ruled))]
    public void Only_a_layer_that_may_use_aspnet_core_asks_for_its_shared_framework(string project)
    {
        var row = LayerTable.For(project) ?? throw new InvalidOperationException($"{project} has no row");
        var allowed = row.MayUse.Any(u => u == Use.AspNetCore || u == Use.Libraries || u == Use.ClientLibraries);

        Assert.False(Codebase.UsesAspNetCore(project) && !allowed,
            $"{project} references the Microsoft.AspNetCore.App framework, which the {row.Layer} layer may not use (DESIGN.md, Layers)");
    }

    private static Assembly? Load(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}

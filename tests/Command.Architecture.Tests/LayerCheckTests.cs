using Command.Architecture.Tests.Layers;

namespace Command.Architecture.Tests;

/// <summary>The checker, on made-up reference lists: it passes what the table allows and names what it does not.</summary>
public sealed class LayerCheckTests
{
    private static readonly Codebase Fake = new(
        new HashSet<string> { "Command.Domain", "Command.Grains", "Command.Ingest", "Command.Recording", "Command.Reporting", "Command.Widgets" },
        new HashSet<string> { "Command.Fuzz", "Command.LoadTest" },
        new HashSet<string> { "Command.Ingest.Tests" });

    [Fact]
    public void References_the_row_allows_pass()
    {
        Assert.Empty(Check("Command.Domain", "System.Runtime", "System.Collections.Immutable", "Orleans.Serialization.Abstractions"));
        Assert.Empty(Check("Command.Grains", "Command.Domain", "Orleans.Runtime", "Microsoft.Extensions.Logging.Abstractions"));
        Assert.Empty(Check("Command.Recording", "Command.Domain", "Azure.Storage.Blobs", "Azure.Core", "Polly.Core", "Microsoft.Extensions.Hosting.Abstractions"));
    }

    [Fact]
    public void The_domain_may_not_use_aspnet_or_the_orleans_runtime()
    {
        Assert.Equal(
            ["Command.Domain references Microsoft.AspNetCore.Http.Abstractions, which the domain layer may not use; it may use the base library, Orleans serialization",
             "Command.Domain references Orleans.Core, which the domain layer may not use; it may use the base library, Orleans serialization"],
            Check("Command.Domain", "System.Runtime", "Orleans.Core", "Microsoft.AspNetCore.Http.Abstractions"));
    }

    [Theory]
    [InlineData("Command.Recording")]
    [InlineData("Command.Simulation")]
    [InlineData("Azure.Storage.Blobs")]
    [InlineData("Orleans.Persistence.AzureStorage")]
    [InlineData("Microsoft.AspNetCore.SignalR.Core")]
    public void Grains_may_not_use_recording_simulation_azure_storage_or_aspnet(string reference)
    {
        Assert.Equal([reference], Offending("Command.Grains", reference));
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore.Http.Abstractions")]
    [InlineData("Orleans.Runtime")]
    [InlineData("Command.Grains")]
    public void Recording_may_not_use_aspnet_orleans_or_the_grains(string reference)
    {
        Assert.Equal([reference], Offending("Command.Recording", reference));
    }

    [Fact]
    public void Ingest_may_use_aspnet_but_not_the_grains_or_orleans()
    {
        Assert.Equal(["Command.Grains", "Orleans.Core"], Offending("Command.Ingest", "Microsoft.AspNetCore.Routing", "Command.Domain", "Command.Grains", "Orleans.Core"));
    }

    [Fact]
    public void The_reporting_row_applies_once_its_assembly_exists()
    {
        Assert.Equal(["Command.Grains", "Microsoft.AspNetCore.Http"], Offending("Command.Reporting", "Command.Recording", "DocumentFormat.OpenXml", "Command.Grains", "Microsoft.AspNetCore.Http"));
    }

    [Fact]
    public void A_src_project_pointing_up_at_a_tool_or_a_test_is_named_for_it()
    {
        Assert.Equal(
            ["Command.Ingest references Command.Fuzz: src/ points down at the layers, never up at a tool or a test",
             "Command.Ingest references Command.Ingest.Tests: src/ points down at the layers, never up at a tool or a test"],
            Check("Command.Ingest", "Command.Fuzz", "Command.Ingest.Tests"));
    }

    [Fact]
    public void A_tool_is_a_client_of_the_public_api_not_of_the_host_or_the_cluster()
    {
        Assert.Equal(["Command.Grains", "Command.Host", "Orleans.Core"], Offending("Command.LoadTest", "System.Net.Http", "Command.Host", "Command.Grains", "Orleans.Core"));
    }

    [Fact]
    public void An_assembly_without_a_row_is_named()
    {
        Assert.Equal(["Command.Widgets has no row in the layer table (LayerTable.cs): add one citing its layer in DESIGN.md"], Check("Command.Widgets", "System.Runtime"));
    }

    private static IReadOnlyList<string> Check(string assembly, params string[] references) =>
        LayerCheck.Violations(assembly, references, LayerTable.Rows, Fake);

    /// <summary>The references named by the violations, in order.</summary>
    private static IEnumerable<string> Offending(string assembly, params string[] references) =>
        Check(assembly, references).Select(v => v.Split(' ')[2].TrimEnd(',', ':'));
}

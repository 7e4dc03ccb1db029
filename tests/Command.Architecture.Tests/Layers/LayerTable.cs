using static Command.Architecture.Tests.Layers.Use;

namespace Command.Architecture.Tests.Layers;

/// <summary>
/// DESIGN.md's "Layers" table, row by row, as the assembly references each layer may have. Every project of src/ and
/// tools/ needs a row; a row whose assembly does not exist yet applies once it does. A reference is allowed when one
/// of the row's uses admits it, and src/ never references a tool or a test whatever its row says.
/// </summary>
internal static class LayerTable
{
    public static IReadOnlyList<LayerRule> Rows { get; } =
    [
        // domain: "nothing but the base library and serialization attributes". The attributes are Orleans's, and
        // their serializers are generated beside them (Command.Domain.csproj says why).
        new("Command.Domain", "domain", [BaseLibrary, OrleansSerialization]),

        // grains: "domain, Orleans" (with the Microsoft.Extensions abstractions Orleans is built on). No ASP.NET, no
        // Azure storage, no simulation or recording: "the grains that drive the simulation or the recording" are the
        // host's (its row).
        new("Command.Grains", "grains", [BaseLibrary, Layer("Command.Domain"), OrleansRuntime, MicrosoftExtensions]),

        // simulation: "domain".
        new("Command.Simulation", "simulation", [BaseLibrary, Layer("Command.Domain")]),

        // ingest: "domain (and ASP.NET only for its HTTP endpoints)"; the shared framework carries its hosting too.
        new("Command.Ingest", "ingest", [BaseLibrary, Layer("Command.Domain"), AspNetCore]),

        // recording: "domain, Azure.Storage.Blobs, Polly", hosted through the Microsoft.Extensions abstractions.
        // No ASP.NET, no Orleans.
        new("Command.Recording", "recording", [BaseLibrary, Layer("Command.Domain"), AzureBlobs, PollyCore, MicrosoftExtensions]),

        // reporting: "domain, recording, DocumentFormat.OpenXml": the AAR/IP, ICS-214 logs and run comparisons.
        new("Command.Reporting", "reporting", [BaseLibrary, Layer("Command.Domain"), Layer("Command.Recording"), OpenXml]),

        // host: "all of the above", and any library it needs.
        new("Command.Host", "host",
        [
            BaseLibrary, Libraries, Layer("Command.Domain"), Layer("Command.Grains"), Layer("Command.Simulation"),
            Layer("Command.Ingest"), Layer("Command.Recording"), Layer("Command.Reporting"),
        ]),

        // tools: "the public API, like any client (benchmarks and evaluation may use the layers they measure)".
        // The simulator plays scenario files (the simulation layer) into the HTTP API.
        new("Command.Simulator", "tools", [BaseLibrary, ClientLibraries, ToolsCli, Layer("Command.Domain"), Layer("Command.Simulation")]),

        // tools: the load generator is a client of the HTTP API and the SignalR hub, nothing else.
        new("Command.LoadTest", "tools", [BaseLibrary, ClientLibraries, ToolsCli]),

        // tools: the browser benchmark drives the page in Chromium and the HTTP API, like the load generator.
        new("Command.BrowserBench", "tools", [BaseLibrary, ClientLibraries, ToolsCli]),

        // tools: what every tool's command line shares; it knows no layer.
        new("Command.Tools.Cli", "tools", [BaseLibrary, ClientLibraries]),

        // tools: the benchmarks measure the assessment, the parsers, the recording and the reporting.
        new("Command.Benchmarks", "tools", [BaseLibrary, ClientLibraries, Layer("Command.Domain"), Layer("Command.Ingest"), Layer("Command.Recording"), Layer("Command.Reporting")]),

        // tools: the evaluation measures the closing assessment.
        new("Command.Evaluation", "tools", [BaseLibrary, ClientLibraries, ToolsCli, Layer("Command.Domain")]),

        // tools: fuzzing drives the parsers.
        new("Command.Fuzz", "tools", [BaseLibrary, ClientLibraries, ToolsCli, Layer("Command.Domain"), Layer("Command.Ingest")]),

        // tools: the report exporter reads recorded sessions and writes documents through reporting.
        new("Command.Report", "tools", [BaseLibrary, ClientLibraries, ToolsCli, Layer("Command.Domain"), Layer("Command.Recording"), Layer("Command.Reporting")]),
    ];

    private static Use ToolsCli => Layer("Command.Tools.Cli");

    public static LayerRule? For(string assembly) => Rows.FirstOrDefault(r => r.Assembly == assembly);
}

using BenchmarkDotNet.Running;
using Command.Benchmarks.Recording;

// Macro runs that print their figures: `-- recording` (write, seek, report, replay of the recorded hour) and
// `-- replay` (replay at 60x as a dashboard watches it), `-- aar` (the AAR/IP and ICS-214 export of the recorded hour), `-- follow` (the bytes a replay following a drill still recorded reads at each look), `-- sessions` (the list of a season of drills, first
// after a host starts and again). Anything else goes to BenchmarkDotNet, for example
// dotnet run -c Release --project tools/Command.Benchmarks -- --filter '*Assessment*'
switch (args)
{
    case ["recording"]:
        await RecordingMacro.RunAsync(Console.Out);
        break;
    case ["replay"]:
        await ReplayMacro.RunAsync(Console.Out);
        break;
    case ["follow"]:
        await FollowMacro.RunAsync(Console.Out);
        break;
    case ["sessions"]:
        await SessionListMacro.RunAsync(Console.Out);
        break;
    case ["aar"]:
        await Command.Benchmarks.Reporting.AarMacro.RunAsync(Console.Out);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Command.Benchmarks.Ingest.ParseBenchmarks).Assembly).Run(args);
        break;
}

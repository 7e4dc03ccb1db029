using System.Diagnostics;
using System.Globalization;
using System.Net;
using Command.Fuzz.Live;
using Command.Tools.Cli;

namespace Command.Fuzz;

/// <summary>
/// dotnet run --project tools/Command.Fuzz -- --parser cot --count 1000000 [--seed 1]
/// COMMAND_TOKEN=… dotnet run --project tools/Command.Fuzz -- live --count 100000 [--protocol cot-udp|takproto|...] [--api http://127.0.0.1:5000] [--incident demo]
/// An explicit, internal entry point: the host's tests use this assembly's live fuzzer, and a public Program from
/// top-level statements would clash with the host's.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => new FuzzCommand(Fuzz, LiveAsync).Parse(args).InvokeToolAsync();

    private static int Fuzz(FuzzArguments arguments)
    {
        var (parser, count, seed) = arguments;
        foreach (var target in FuzzTarget.All().Where(t => parser == FuzzCommand.All || t.Name == parser))
        {
            var watch = Stopwatch.StartNew();
            var outcomes = target.Run(count, seed);
            watch.Stop();
            Console.WriteLine(FormattableString.Invariant($"{target.Name}: {count} messages in {watch.Elapsed.TotalSeconds:F2} s = {count / watch.Elapsed.TotalSeconds:F0} messages/s"));
            foreach (var (name, n) in outcomes.OrderByDescending(o => o.Value))
            {
                Console.WriteLine(FormattableString.Invariant($"  {name,-22} {n,10}"));
            }
        }

        return 0;
    }

    private static Task<int> LiveAsync(LiveFuzzArguments arguments, CancellationToken cancellationToken) =>
        LiveCheck.RunAsync(arguments, Environment.GetEnvironmentVariable(LiveCheck.TokenVariable), Console.Out, cancellationToken);
}

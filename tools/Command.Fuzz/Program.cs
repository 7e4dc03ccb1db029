using System.Diagnostics;
using System.Globalization;
using System.Net;
using Command.Fuzz.Live;
using Command.Tools.Cli;

namespace Command.Fuzz;

/// <summary>
/// dotnet run --project tools/Command.Fuzz -- --parser cot --count 1000000 [--seed 1]
/// dotnet run --project tools/Command.Fuzz -- live --count 100000 [--protocol cot-udp|takproto|...] [--api http://127.0.0.1:5000]
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

    private static async Task<int> LiveAsync(LiveFuzzArguments arguments, CancellationToken cancellationToken)
    {
        const double Lat = 39.7392, Lon = -104.9903;
        var host = IPAddress.Parse(arguments.Host);
        var protocols = LiveProtocol.All().Where(p => arguments.Protocol == FuzzCommand.All || p.Name == arguments.Protocol).ToList();
        var fuzzer = new LiveFuzzer(host, arguments.Count, arguments.Seed, arguments.PerSender, arguments.Parallel);
        foreach (var protocol in protocols)
        {
            var rate = arguments.Rate > 0 ? new SendingRate(arguments.Rate) : null;
            var run = await fuzzer.RunAsync(protocol, arguments.Ports[protocol.Name], rate is null ? null : rate.WaitAsync, cancellationToken);
            Console.WriteLine(FormattableString.Invariant(
                $"{run.Protocol}: {run.Messages} messages from {run.Senders} senders in {run.Elapsed.TotalSeconds:F2} s = {run.MessagesPerSecond:F0} messages/s"));
            foreach (var (name, n) in run.Tally.Counts())
            {
                Console.WriteLine(FormattableString.Invariant($"  {name,-28} {n,10}"));
            }
        }

        using var api = new HttpClient { BaseAddress = arguments.Api, Timeout = TimeSpan.FromSeconds(10) };
        var check = new CleanReportCheck(api, host);
        var health = await check.HealthAsync(cancellationToken);
        Console.WriteLine($"/health: {health}");
        var failed = !health.StartsWith("200", StringComparison.Ordinal);
        foreach (var protocol in protocols)
        {
            var landed = await check.LandsAsync(protocol, arguments.Ports[protocol.Name], Lat, Lon, cancellationToken);
            Console.WriteLine(landed is { } after
                ? string.Create(CultureInfo.InvariantCulture, $"clean {protocol.Name} report ({protocol.CleanUnit}) landed in {after.TotalSeconds:F2} s")
                : $"clean {protocol.Name} report ({protocol.CleanUnit}) did not land within {CleanReportCheck.Within.TotalSeconds} s");
            failed |= landed is null;
        }

        return failed ? 1 : 0;
    }
}

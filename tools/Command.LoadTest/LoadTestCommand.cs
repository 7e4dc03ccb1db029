using System.CommandLine;
using Command.Tools.Cli;

namespace Command.LoadTest;

/// <summary>The load tool's command line: each <see cref="LoadOptions"/> value as an option, with its default and range.</summary>
internal sealed class LoadTestCommand : RootCommand
{
    private static readonly LoadOptions Defaults = new();

    private readonly Option<Uri> url = UrlOption.Create("--url", "A running host to load [default: a fresh Release host per phase]");
    private readonly Option<int> seconds = NumberOption.AtLeast("--seconds", "Seconds each phase is measured", Defaults.Seconds, 1);
    private readonly Option<int> warmup = NumberOption.AtLeast("--warmup", "Seconds each phase runs unmeasured first, so the JIT has settled", Defaults.WarmupSeconds, 0);
    private readonly Option<int> incidents = NumberOption.AtLeast("--incidents", "Incidents in the ceiling runs, one sender each", Defaults.Incidents, 1);
    private readonly Option<int> units = NumberOption.AtLeast("--units", "Units per incident in the ceiling runs; a batch reports each once", Defaults.Units, 1);
    private readonly Option<int> clients = NumberOption.AtLeast("--clients", "Browsers connected during the ceiling run", Defaults.CeilingClients, 1);
    private readonly Option<int> latencyRate = NumberOption.AtLeast("--latency-rate", "Offered rate of the latency run, reports/s", Defaults.LatencyRate, 1);
    private readonly Option<int> latencyClients = NumberOption.AtLeast("--latency-clients", "Browsers connected during the latency run", Defaults.LatencyClients, 1);
    private readonly Option<int> scaleIncidents = NumberOption.AtLeast("--scale-incidents", "Quiet incidents the scale phase opens", Defaults.ScaleIncidents, 1);
    private readonly Option<int> scaleUnits = NumberOption.AtLeast("--scale-units", "Units in each of the scale phase's incidents", Defaults.ScaleUnits, 1);
    private readonly Option<string> only = ChoiceOption.OneOf("--only", "Run only this phase [default: bare, ceiling and latency; scale and failover run only when named]", ["bare", "ceiling", "latency", "scale", "failover"]);
    private readonly Option<int?> cluster = NumberOption.Optional("--cluster", "Run the ceiling through a local cluster of this many hosts, against one host of a cluster of one [default: no cluster]", 1, 8);
    private readonly Option<int> kills = NumberOption.AtLeast("--kills", "Kills -9 the failover phase makes", Defaults.Kills, 1);

    public LoadTestCommand(Func<LoadOptions, Task<int>> run)
        : base("""
            Measures a host end to end: a bare grain call, the end-to-end ceiling with browsers connected, and
            report-to-frame latency at a steady rate, each phase on a fresh Release host unless --url is given
            (build it first: dotnet build -c Release src/Command.Host). --cluster N runs the ceiling through a
            local cluster of N hosts and of one (deploy/local/cluster.sh, Azurite); --only failover kills -9 the
            host holding an incident in a local cluster of three, --kills times, and times the first frame on a
            surviving host.
            """)
    {
        Options.Add(url);
        Options.Add(seconds);
        Options.Add(warmup);
        Options.Add(incidents);
        Options.Add(units);
        Options.Add(clients);
        Options.Add(latencyRate);
        Options.Add(latencyClients);
        Options.Add(scaleIncidents);
        Options.Add(scaleUnits);
        Options.Add(only);
        Options.Add(cluster);
        Options.Add(kills);
        Validators.Add(result =>
        {
            // The words as given: a value that did not parse has its own error already, and cannot be read.
            var phase = result.GetResult(only)?.Tokens is [var given] ? given.Value : null;
            var clustered = result.GetResult(cluster) is not null;
            var failover = string.Equals(phase, "failover", StringComparison.OrdinalIgnoreCase);
            if ((clustered || failover) && result.GetResult(url) is not null)
            {
                result.AddError($"{(clustered ? "--cluster" : "--only failover")} starts a local cluster of its own: leave out --url.");
            }
            else if (clustered && phase is not null && !string.Equals(phase, "ceiling", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"--cluster measures the ceiling phase: leave out --only (was '{phase}').");
            }
        });
        SetAction(parsed => run(Read(parsed)));
    }

    private LoadOptions Read(ParseResult parsed) => new()
    {
        Url = parsed.GetValue(url),
        Seconds = parsed.GetValue(seconds),
        WarmupSeconds = parsed.GetValue(warmup),
        Incidents = parsed.GetValue(incidents),
        Units = parsed.GetValue(units),
        CeilingClients = parsed.GetValue(clients),
        LatencyRate = parsed.GetValue(latencyRate),
        LatencyClients = parsed.GetValue(latencyClients),
        ScaleIncidents = parsed.GetValue(scaleIncidents),
        ScaleUnits = parsed.GetValue(scaleUnits),
        Only = parsed.GetValue(only),
        Cluster = parsed.GetValue(cluster),
        Kills = parsed.GetValue(kills),
    };
}

using System.CommandLine;
using Command.Simulator.Load;
using Command.Tools.Cli;

namespace Command.Simulator.Cli;

/// <summary>The load verb: its options, their defaults and ranges, and the <see cref="LoadArguments"/> they give.</summary>
internal sealed class LoadVerb : System.CommandLine.Command
{
    private readonly Option<Uri> url = UrlOption.Create("--url", "The running host, e.g. http://127.0.0.1:5000");
    private readonly Option<int> incidents = NumberOption.Between("--incidents", "Incidents created and fed", 1, 1, 10_000);
    private readonly Option<int> units = NumberOption.Between("--units", "Units per incident", 10, 1, 100_000);
    private readonly Option<double> rate = NumberOption.Between("--rate", "Reports per second in total", 100.0, 0.01, 1_000_000);
    private readonly Option<double> duration = NumberOption.Between("--duration", "Seconds to send for", 30.0, 1, 86_400);
    private readonly Option<int> concurrency = NumberOption.Between("--concurrency", "Requests in flight at most", 8, 1, 1024);

    public LoadVerb(Func<LoadArguments, CancellationToken, Task<int>> load)
        : base("load", """
            N incidents x M units sending R reports/s in total for S seconds, batched per incident, with up to C
            requests in flight. Prints achieved reports/s, accepted and rejected counts, and POST latency percentiles.
            """)
    {
        url.Required = true;
        Options.Add(url);
        Options.Add(incidents);
        Options.Add(units);
        Options.Add(rate);
        Options.Add(duration);
        Options.Add(concurrency);
        SetAction((parsed, cancellationToken) => load(Read(parsed), cancellationToken));
    }

    private LoadArguments Read(ParseResult parsed) => new(
        parsed.GetRequiredValue(url),
        parsed.GetValue(incidents),
        parsed.GetValue(units),
        parsed.GetValue(rate),
        TimeSpan.FromSeconds(parsed.GetValue(duration)),
        parsed.GetValue(concurrency));
}

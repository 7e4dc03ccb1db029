using System.CommandLine;
using System.Net;
using Command.Tools.Cli;

namespace Command.Fuzz.Live;

/// <summary>The live verb's command line: protocols, the host's address and ports, counts and seed.</summary>
internal sealed class LiveFuzzCommand : System.CommandLine.Command
{
    private readonly Option<string> protocol = ChoiceOption.OneOf(
        "--protocol", "The protocol sent mutated messages", [FuzzCommand.All, .. LiveProtocol.All().Select(p => p.Name)], FuzzCommand.All);

    private readonly Option<string> host = new("--host") { Description = "Address of the host's listeners", DefaultValueFactory = _ => "127.0.0.1", HelpName = "address" };
    private readonly Option<Uri> api = UrlOption.Create("--api", "The host's HTTP address, for /health and the clean reports");
    private readonly Dictionary<string, Option<int>> ports = LiveProtocol.All().ToDictionary(
        p => p.Name, p => NumberOption.Between($"--{p.Name}-port", $"The host's {p.Name} port", p.DefaultPort, 1, 65535));

    private readonly Option<int> count = NumberOption.AtLeast("--count", "Messages sent to each protocol's port", 100_000, 1);
    private readonly Option<int> seed = NumberOption.Any("--seed", "Seed of the mutations; the same seed sends the same messages", 1);
    private readonly Option<int> perSender = NumberOption.Between("--per-sender", "Messages per sender (one address, one socket)", 20, 1, 1_000_000);
    private readonly Option<int> parallel = NumberOption.Between("--parallel", "Senders at a time", 8, 1, 256);
    private readonly Option<string> incident = new("--incident")
    {
        Description = "The incident the host's listeners feed (its Ingest:Incident), where the clean reports' units are enrolled", DefaultValueFactory = _ => "demo", HelpName = "id",
    };

    private readonly Option<int> rate = NumberOption.AtLeast("--rate", "Messages per second at most, per protocol; 0 for as fast as possible (UDP beyond what the host reads is dropped)", 0, 0);

    public LiveFuzzCommand(Func<LiveFuzzArguments, CancellationToken, Task<int>> live)
        : base("live", """
            Sends mutated messages to a running host's radio ports (CoT UDP and TCP, NMEA, APRS, OsmAnd), senders spread
            over 127.0.0.0/8 when the host is on loopback, then checks that /health answers and that a clean report in
            each protocol lands. Prints messages per second and what the senders saw. Give an admin's token of the host in
            COMMAND_TOKEN: the clean reports' units are enrolled in the incident and a device identifier issued for the
            Traccar Client's (revoked afterwards).
            """)
    {
        api.DefaultValueFactory = _ => new Uri("http://127.0.0.1:5000");
        host.Validators.Add(result =>
        {
            if (!IPAddress.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--host must be an IP address (was '{result.GetValueOrDefault<string>()}').");
            }
        });
        Options.Add(protocol);
        Options.Add(host);
        Options.Add(api);
        foreach (var port in ports.Values)
        {
            Options.Add(port);
        }

        Options.Add(count);
        Options.Add(seed);
        Options.Add(perSender);
        Options.Add(parallel);
        Options.Add(rate);
        Options.Add(incident);
        SetAction((parsed, cancellationToken) => live(Read(parsed), cancellationToken));
    }

    private LiveFuzzArguments Read(ParseResult parsed) => new(
        parsed.GetRequiredValue(protocol),
        parsed.GetRequiredValue(host),
        ports.ToDictionary(p => p.Key, p => parsed.GetValue(p.Value)),
        parsed.GetRequiredValue(api),
        parsed.GetValue(count),
        parsed.GetValue(seed),
        parsed.GetValue(perSender),
        parsed.GetValue(parallel),
        parsed.GetValue(rate),
        parsed.GetRequiredValue(incident));
}

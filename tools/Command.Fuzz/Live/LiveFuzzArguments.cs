namespace Command.Fuzz.Live;

/// <summary>What to send at a running host: which protocols, where, how many mutated messages, from which seed.</summary>
/// <param name="Protocol">A <see cref="LiveProtocol"/>'s name, or "all". Default "all".</param>
/// <param name="Host">The host's listeners' address. Default 127.0.0.1.</param>
/// <param name="Ports">Each protocol's port. Defaults: the host's (CoT UDP and TCP 8087, NMEA 10110, APRS 14580, OsmAnd 5055).</param>
/// <param name="Api">The host's HTTP address, asked for /health and for the clean reports afterwards. Default http://127.0.0.1:5000.</param>
/// <param name="Incident">The incident the host's listeners feed (its <c>Ingest:Incident</c>), where the clean reports' units are enrolled and reported at its site. Default demo.</param>
/// <param name="Count">Messages per protocol, at least 1. Default 100,000.</param>
/// <param name="Seed">Seed of the mutations; the same seed sends the same messages. Default 1.</param>
/// <param name="PerSender">Messages per sender (one socket or connection, one address). Default 20, under the default burst of 40.</param>
/// <param name="Parallel">Senders at a time. Default 8.</param>
/// <param name="Rate">Messages per second at most, per protocol; 0 sends as fast as it can. UDP has no backpressure: past what the
/// host reads, datagrams are dropped by the host's kernel, not read. Default 0.</param>
public sealed record LiveFuzzArguments(
    string Protocol, string Host, IReadOnlyDictionary<string, int> Ports, Uri Api, int Count, int Seed, int PerSender, int Parallel, int Rate, string Incident = "demo");

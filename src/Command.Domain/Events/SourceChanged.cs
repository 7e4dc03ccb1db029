namespace Command.Domain.Events;

/// <summary>
/// A source of reports that feeds the incident went down, or was heard from again, as the host that runs it said: a
/// listener that could not bind its port, a TAK Server or TNC that cannot be reached. Recorded so that the board on
/// every host, a replay and the after-action report say why its units went quiet, not only that they did.
/// </summary>
/// <param name="SourceId">
/// Which source, the same on every host that says it: a source one host of the cluster connects to for all is its
/// settings' section (<c>Ingest:Cot:TakServer</c>); a listener, which every host runs for itself, its section at that
/// host (<c>Ingest:Cot:Udp@10.0.0.5:11111</c>).
/// </param>
/// <param name="Name">In words: "the TAK Server at 10.0.0.5:8089", "CoT over UDP on port 8087".</param>
/// <param name="Down">
/// True when nothing sent by or through it is heard; false when it is heard again, or when it is no longer the
/// incident's to wait on: a listener whose host left the cluster, which no host runs now.
/// </param>
/// <param name="Detail">
/// Why it is down ("Connection refused"); where it is not, why it is no longer down though it was not heard ("its host
/// 10.0.0.5:11111 left the cluster"), and null when it is heard.
/// </param>
/// <param name="Host">The host that said so (its silo's address).</param>
/// <param name="Since">
/// Since when the host has found it down, on its own clock: before the incident learnt of it where the incident was
/// opened during the outage. Null where it is heard.
/// </param>
/// <param name="Throttled">
/// True where it is not down but refuses part of what comes: a listener refusing what an address sends beyond its rate
/// limit (a TAK Server or gateway relaying many units), whose units go stale one by one. Recorded as down (the incident
/// waits on it in full), said as refusing part.
/// </param>
[GenerateSerializer, Immutable]
public sealed record SourceChanged(string SourceId, string Name, bool Down, string? Detail, string Host, DateTimeOffset? Since = null, bool Throttled = false) : IncidentEvent;

namespace Command.Domain.Events;

/// <summary>
/// A host left the cluster: the others declared it dead, and none has come up at its address since. Recorded once in
/// each incident open then, so that the board, a replay and the after-action report say why units that reported
/// through its listeners went quiet together: radios and trackers sending to its address are not heard until they
/// reach another host. The listeners of it the incident had down are no longer waited on (see
/// <see cref="SourceChanged"/>).
/// </summary>
/// <param name="Host">The host that left (its silo's address).</param>
/// <param name="By">The host that told the incident (its silo's address).</param>
[GenerateSerializer, Immutable]
public sealed record HostDeparted(string Host, string By) : IncidentEvent;

namespace Command.Domain.Events;

/// <summary>
/// A host left the cluster: the others declared it dead, or it came up again at its address (restarted, or killed and
/// started again sooner than the others noticed) and declared its run before dead. Recorded once for each run of a host
/// in each incident open then, so that the board, a replay and the after-action report say why units that reported
/// through its listeners went quiet together: radios and trackers sending to its address are not heard until they
/// reach another host, or it is back. The listeners of it the incident had down are no longer waited on (see
/// <see cref="SourceChanged"/>): a host back at its address says again how its own stand.
/// </summary>
/// <param name="Host">The host that left (its silo's address).</param>
/// <param name="By">The host that told the incident (its silo's address).</param>
/// <param name="Generation">Which run of the host left (its silo's generation); absent where recorded before runs were told apart.</param>
/// <param name="Restarted">True where a new run of the host was up at its address when it was told.</param>
/// <param name="LastHeard">
/// When the cluster last heard from that run (its last pulse, see the host's <c>HostPulse</c>): the event is dated when
/// the cluster noticed it gone, seconds later. Absent where not known, and in recordings made before it was kept.
/// </param>
[GenerateSerializer, Immutable]
public sealed record HostDeparted(string Host, string By, int? Generation = null, bool Restarted = false, DateTimeOffset? LastHeard = null) : IncidentEvent
{
    /// <summary>How an incident tells the runs of hosts it has recorded as gone apart: a host's address, and its run where known.</summary>
    public static string Key(string host, int? generation) =>
        generation is { } run ? FormattableString.Invariant($"{host}/{run}") : host;
}

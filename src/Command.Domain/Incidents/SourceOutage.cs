namespace Command.Domain.Incidents;

/// <summary>A source of reports that feeds the incident and is down: which, since when, why, and on which host's word.</summary>
/// <param name="SourceId">Which source (see <see cref="Events.SourceChanged.SourceId"/>).</param>
/// <param name="Name">In words: "the TAK Server at 10.0.0.5:8089".</param>
/// <param name="Since">Since when it has been down, as the host that first said so found it.</param>
/// <param name="Detail">Why, as the host said it; null where it said nothing.</param>
/// <param name="Host">The host that said so.</param>
/// <param name="Throttled">True where it is not down but refuses part of what comes (see <see cref="Events.SourceChanged.Throttled"/>).</param>
[GenerateSerializer, Immutable]
public sealed record SourceOutage(string SourceId, string Name, DateTimeOffset Since, string? Detail, string Host, bool Throttled = false);

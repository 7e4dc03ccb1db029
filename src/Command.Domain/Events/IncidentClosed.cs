namespace Command.Domain.Events;

/// <summary>
/// A commander closed the incident: nothing more is folded into it, its clock stops, and its units are free to be
/// enrolled elsewhere. Its recording stays for replay and reports.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncidentClosed(string Reason, string Actor) : IncidentEvent;

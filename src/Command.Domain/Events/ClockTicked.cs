namespace Command.Domain.Events;

/// <summary>
/// The incident's clock advanced with no report: lets a silent unit age. Recorded so that replay evaluates
/// the assessment at exactly the instants live did.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClockTicked : IncidentEvent;

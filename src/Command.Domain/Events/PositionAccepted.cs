using Command.Domain.Reports;

namespace Command.Domain.Events;

/// <summary>A position report passed validation and is the unit's latest fix.</summary>
[GenerateSerializer, Immutable]
public sealed record PositionAccepted(PositionReport Report) : IncidentEvent;

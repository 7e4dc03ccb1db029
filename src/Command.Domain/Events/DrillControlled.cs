namespace Command.Domain.Events;

/// <summary>A simulated drill was started, paused, resumed or stopped.</summary>
[GenerateSerializer, Immutable]
public sealed record DrillControlled(string Action, string Scenario, string Actor) : IncidentEvent;

using Command.Domain.Exercises;

namespace Command.Domain.Events;

/// <summary>
/// The incident is run as an exercise: the scenario it was played from and the objectives it is rated against.
/// Recorded when a drill starts from a scenario file, or when someone sets objectives; the latest one counts.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExerciseSet(Exercise Exercise, string Actor) : IncidentEvent;

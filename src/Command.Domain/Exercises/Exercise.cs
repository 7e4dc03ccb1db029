using System.Collections.Immutable;

namespace Command.Domain.Exercises;

/// <summary>
/// What an incident is run as an exercise of: the scenario file it was played from (name and version, so runs of one
/// scenario can be compared) and the exercise objectives the evaluators rate it against.
/// </summary>
/// <param name="Scenario">The scenario's file name without extension ("school-campus"), or null for a live drill.</param>
/// <param name="ScenarioVersion">The scenario file's version, as written in it; null when it states none.</param>
/// <param name="Objectives">Objectives in the order they are reported.</param>
[GenerateSerializer, Immutable]
public sealed record Exercise(string? Scenario, string? ScenarioVersion, ImmutableArray<ExerciseObjective> Objectives)
{
    /// <summary>Most objectives one exercise may carry. 50.</summary>
    public const int MaxObjectives = 50;

    /// <summary>Most measures one objective may carry. 10.</summary>
    public const int MaxMeasures = 10;

    // By value, so an exercise read back from a recording or a snapshot equals the one written.
    public bool Equals(Exercise? other) =>
        other is not null && Scenario == other.Scenario && ScenarioVersion == other.ScenarioVersion && Objectives.SequenceEqual(other.Objectives);

    public override int GetHashCode() => HashCode.Combine(Scenario, ScenarioVersion, Objectives.Length);
}

/// <summary>An exercise objective: what the team should show, with the measures read from the recording.</summary>
/// <param name="ObjectiveId">Short id, unique in the exercise ("OBJ-1").</param>
/// <param name="Title">What the objective says ("First contact team inside quickly").</param>
/// <param name="Measures">Each measure with its rating bands; the objective's proposed rating is the worst of them.</param>
[GenerateSerializer, Immutable]
public sealed record ExerciseObjective(string ObjectiveId, string Title, ImmutableArray<ObjectiveMeasure> Measures)
{
    public bool Equals(ExerciseObjective? other) =>
        other is not null && ObjectiveId == other.ObjectiveId && Title == other.Title && Measures.SequenceEqual(other.Measures);

    public override int GetHashCode() => HashCode.Combine(ObjectiveId, Title, Measures.Length);
}

/// <summary>
/// One measure of an objective and its rating bands, in seconds counted from the threat going active: at most
/// <paramref name="PerformedS"/> is performed without challenges, at most <paramref name="SomeChallengesS"/> with some
/// challenges, at most <paramref name="MajorChallengesS"/> with major challenges, otherwise (or never) unable to be
/// performed.
/// </summary>
/// <param name="Measure">Which figure of the recording (<see cref="ExerciseMeasures"/>).</param>
/// <param name="PerformedS">Upper bound of "performed without challenges".</param>
/// <param name="SomeChallengesS">Upper bound of "performed with some challenges".</param>
/// <param name="MajorChallengesS">Upper bound of "performed with major challenges".</param>
[GenerateSerializer, Immutable]
public sealed record ObjectiveMeasure(string Measure, double PerformedS, double SomeChallengesS, double MajorChallengesS);

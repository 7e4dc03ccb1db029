namespace Command.Evaluation;

/// <summary>What to evaluate: which generated set, and whether to list the misses or trace one unit instead.</summary>
/// <param name="Seed">Seed of the generated set; the same seed gives the same set. Default 2026.</param>
/// <param name="Incidents">Incidents in the set, at least 1. Default 360.</param>
/// <param name="Details">List every missed hold and false flag after the figures. Default false.</param>
/// <param name="Trace">One unit to follow second by second instead of scoring the set; null scores it.</param>
internal sealed record EvaluationArguments(int Seed, int Incidents, bool Details, UnitTrace? Trace);

/// <summary>A unit to trace: its incident's index in the set and its id.</summary>
internal sealed record UnitTrace(int Incident, string UnitId);

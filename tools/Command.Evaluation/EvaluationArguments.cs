namespace Command.Evaluation;

/// <summary>What to evaluate: which generated set, and whether to list the misses or trace one unit instead.</summary>
/// <param name="Seed">Seed of the generated set; the same seed gives the same set. Default 2026.</param>
/// <param name="Incidents">Incidents in the set, at least 1. Default 360.</param>
/// <param name="Details">List every missed hold, false flag, flapped or turned hold and late clear after the figures. Default false.</param>
/// <param name="Trace">One unit to follow second by second instead of scoring the set; null scores it.</param>
/// <param name="To">Last seed of a range scored together, from <paramref name="Seed"/>; null scores one seed.</param>
/// <param name="ByKind">With a range, also print its figures for each kind of subject track. Default false.</param>
/// <param name="NoiseScale">Scales every device's noise, indoor noise, bias and burst rate: 1 is the set as tuned; more asks how the rules hold in a harsher world. Default 1.</param>
/// <param name="Speeds">Whether devices say the speeds they measure, as most do; without, the same fixes are judged on positions alone. Default true.</param>
/// <param name="Courses">Whether devices that say their speed say their course with it, as they do. Default true.</param>
/// <param name="Walks">Whether each threat's building has a walk graph (a door where its units' bearing meets the wall), so that their distances are walks. Default false.</param>
internal sealed record EvaluationArguments(int Seed, int Incidents, bool Details, UnitTrace? Trace, int? To = null, bool ByKind = false, double NoiseScale = 1, bool Speeds = true, bool Courses = true,
    bool Walks = false);

/// <summary>A unit to trace: its incident's index in the set and its id.</summary>
internal sealed record UnitTrace(int Incident, string UnitId);

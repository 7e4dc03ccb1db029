using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Domain.Assessment;

/// <summary>
/// Everything the assessment remembers between events, as a value: a keyframe stores it so a replay can resume
/// from that instant and reach exactly the states and flags a fold from the start would reach.
/// </summary>
public sealed record AssessmentMemory(ImmutableArray<TrackMemory> Tracks, ImmutableArray<StateMemory> States);

/// <summary>A unit's recent fixes in local metres.</summary>
public sealed record TrackMemory(string UnitId, ImmutableArray<FixMemory> Fixes);

/// <summary>One remembered fix.</summary>
public sealed record FixMemory(DateTimeOffset Time, LocalPoint Point, double? AccuracyM);

/// <summary>A unit's motion state and since when.</summary>
public sealed record StateMemory(string UnitId, MotionState State, DateTimeOffset Since);

using Command.Domain.Validation;
using Command.Simulation.Motion;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Files;

internal sealed partial class ScenarioReader
{
    private const string SpeedWhy = "the fastest ground speed a report may state";

    private Trajectory ReadScript(List<LegDocument> legs, TrajectoryBuilder builder, ThreatScript threat, string path)
    {
        if (!Countable(legs, ScenarioLimits.MaxSteps, path, "legs"))
        {
            return builder.Build();
        }

        for (var i = 0; i < legs.Count; i++)
        {
            var leg = legs[i];
            var at = $"{path}[{i}]";
            switch (leg.Do)
            {
                case "move":
                    var speed = RequiredAboveZero(leg.SpeedMps, ScenarioLimits.MaxSpeedMps, at + ".speedMps", "m/s", SpeedWhy);
                    if (Point(leg.To, at + ".to") is { } to)
                    {
                        UnitGround(to, at + ".to", "its waypoint");
                        builder.Move(to, speed, LegKind.Move, i);
                    }

                    break;
                case "path":
                    Path(leg, builder, at, i);
                    break;
                case "hold":
                    Hold(leg, builder, at, i);
                    break;
                case "retreat":
                    var distance = RequiredAboveZero(leg.DistanceM, ScenarioLimits.MaxRetreatM, at + ".distanceM", "m");
                    var retreatSpeed = RequiredAboveZero(leg.SpeedMps, ScenarioLimits.MaxSpeedMps, at + ".speedMps", "m/s", SpeedWhy);
                    if (threat.At(builder.TimeS) is { } from)
                    {
                        builder.Retreat(frame!.ToLocal(from.Position), distance, retreatSpeed, i);
                        UnitGround(builder.Position, at, "the end of its retreat");
                    }
                    else
                    {
                        Error(at, $"there is no threat at {N(builder.TimeS)} s to retreat from");
                    }

                    break;
                default:
                    Error(at + ".do", leg.Do is null ? "is required; one of move, path, hold or retreat" : $"{Quote(leg.Do)} is not a leg; expected move, path, hold or retreat");
                    break;
            }

            if (builder.TimeS > ScenarioLimits.MaxDurationS)
            {
                // The legs after it could never be played: no drill runs that long.
                Error(at, $"ends {Figures.Above(builder.TimeS, ScenarioLimits.MaxDurationS)} s into the script, after the longest a drill runs ({N(ScenarioLimits.MaxDurationS)} s)");
                break;
            }
        }

        return builder.Build();
    }

    private void Path(LegDocument leg, TrajectoryBuilder builder, string at, int index)
    {
        var pace = RequiredAboveZero(leg.SpeedMps, ScenarioLimits.MaxSpeedMps, at + ".speedMps", "m/s", SpeedWhy);
        if (Required(leg.Via, at + ".via") is { Count: 0 })
        {
            Error(at + ".via", "needs at least one waypoint");
        }

        if (!Countable(leg.Via, ScenarioLimits.MaxSteps, at + ".via", "waypoints"))
        {
            return;
        }

        foreach (var (p, j) in (leg.Via ?? []).Select((p, j) => (p, j)))
        {
            if (Point(p, $"{at}.via[{j}]") is { } waypoint)
            {
                UnitGround(waypoint, $"{at}.via[{j}]", "its waypoint");
                builder.Move(waypoint, pace, LegKind.Path, index);
            }
        }
    }

    /// <summary>A hold lasts a duration, or until a drill time so that units can be scripted to move off together.</summary>
    private void Hold(LegDocument leg, TrajectoryBuilder builder, string at, int index)
    {
        if ((leg.DurationS is null) == (leg.UntilS is null))
        {
            Error(at, "a hold needs exactly one of durationS or untilS");
        }
        else if (leg.UntilS is { } given)
        {
            var until = Moment(given, at + ".untilS");
            if (until > builder.TimeS)
            {
                builder.Hold(until - builder.TimeS, index);
            }
            else if (until == given)
            {
                Error(at + ".untilS", $"must be after the {N(builder.TimeS)} s the unit reaches this leg (was {N(until)})");
            }
        }
        else
        {
            builder.Hold(RequiredAboveZero(leg.DurationS, ScenarioLimits.MaxDurationS, at + ".durationS", "s", "no drill runs longer than a day"), index);
        }
    }
}

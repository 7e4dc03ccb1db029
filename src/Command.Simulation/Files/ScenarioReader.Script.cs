using Command.Simulation.Motion;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Files;

internal sealed partial class ScenarioReader
{
    private Trajectory ReadScript(List<LegDocument> legs, TrajectoryBuilder builder, ThreatScript threat, string path)
    {
        for (var i = 0; i < legs.Count; i++)
        {
            var leg = legs[i];
            var at = $"{path}[{i}]";
            switch (leg.Do)
            {
                case "move":
                    var speed = RequiredPositive(leg.SpeedMps, at + ".speedMps");
                    if (Point(leg.To, at + ".to") is { } to)
                    {
                        builder.Move(to, speed, LegKind.Move, i);
                    }

                    break;
                case "path":
                    var pace = RequiredPositive(leg.SpeedMps, at + ".speedMps");
                    if (Required(leg.Via, at + ".via") is { Count: 0 })
                    {
                        Error(at + ".via", "needs at least one waypoint");
                    }

                    foreach (var (p, j) in (leg.Via ?? []).Select((p, j) => (p, j)))
                    {
                        if (Point(p, $"{at}.via[{j}]") is { } waypoint)
                        {
                            builder.Move(waypoint, pace, LegKind.Path, i);
                        }
                    }

                    break;
                case "hold":
                    Hold(leg, builder, at, i);
                    break;
                case "retreat":
                    var distance = RequiredPositive(leg.DistanceM, at + ".distanceM");
                    var retreatSpeed = RequiredPositive(leg.SpeedMps, at + ".speedMps");
                    if (threat.At(builder.TimeS) is { } from)
                    {
                        builder.Retreat(frame!.ToLocal(from.Position), distance, retreatSpeed, i);
                    }
                    else
                    {
                        Error(at, $"there is no threat at {N(builder.TimeS)} s to retreat from");
                    }

                    break;
                default:
                    Error(at + ".do", leg.Do is null ? "is required; one of move, path, hold or retreat" : $"'{leg.Do}' is not a leg; expected move, path, hold or retreat");
                    break;
            }
        }

        return builder.Build();
    }

    /// <summary>A hold lasts a duration, or until a drill time so that units can be scripted to move off together.</summary>
    private void Hold(LegDocument leg, TrajectoryBuilder builder, string at, int index)
    {
        if ((leg.DurationS is null) == (leg.UntilS is null))
        {
            Error(at, "a hold needs exactly one of durationS or untilS");
        }
        else if (leg.UntilS is { } until)
        {
            if (until > builder.TimeS)
            {
                builder.Hold(until - builder.TimeS, index);
            }
            else
            {
                Error(at + ".untilS", $"must be after the {N(builder.TimeS)} s the unit reaches this leg (was {N(until)})");
            }
        }
        else
        {
            builder.Hold(RequiredPositive(leg.DurationS, at + ".durationS"), index);
        }
    }
}

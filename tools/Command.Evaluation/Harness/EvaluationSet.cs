using System.Collections.Immutable;
using Command.Domain.Units;

namespace Command.Evaluation.Harness;

/// <summary>
/// The labelled evaluation set: synthetic incidents with ground truth per second, seeded and deterministic.
/// Each incident has a subject doing one thing the assessment must tell apart (closing at 1-4 m/s, a tactical
/// approach, a hold of 10 s to 5 min, a retreat, a stair climb, a report outage), a backup coming up behind it
/// (near: 10-50 m; far: 0.6-1.2 km) and a unit in an exempt role going about its task.
/// </summary>
public static class EvaluationSet
{
    /// <summary>The kinds of subject track, in the order incidents cycle through them.</summary>
    public static readonly ImmutableArray<string> Kinds = ["closing", "tactical", "hold", "retreat", "stairs", "outage"];

    private static readonly int[] HoldLengths = [10, 20, 40, 75, 90, 120, 150, 180, 240, 300];
    private static readonly UnitRole[] ExemptRoles = [UnitRole.Perimeter, UnitRole.Staging, UnitRole.Medical, UnitRole.RescueTaskForce, UnitRole.Command];

    /// <summary>Generates <paramref name="incidents"/> incidents from <paramref name="seed"/>; the same arguments give the same set.</summary>
    public static ImmutableArray<EvaluationIncident> Generate(int seed = 2026, int incidents = 360) =>
        [.. Enumerable.Range(0, incidents).Select(i => Incident(seed, i))];

    private static EvaluationIncident Incident(int seed, int index)
    {
        var random = new Random(unchecked((seed * 7919) + index));
        var kind = Kinds[index % Kinds.Length];
        var round = index / Kinds.Length;
        var bearing = random.NextDouble() * 2 * Math.PI;
        var flat = random.NextDouble() < 0.3 ? 40.0 : (double?)null;
        var subject = kind switch
        {
            "closing" => new TrackPlan(bearing, Between(random, 300, 900), flat).Close(Between(random, 1, 4)).Hold(60, TruthLabel.Arrived),
            "tactical" => new TrackPlan(bearing, Between(random, 150, 300), flat).Close(Between(random, 0.6, 0.9)).Hold(60, TruthLabel.Arrived),
            "hold" => new TrackPlan(bearing, Between(random, 200, 600), flat).Close(Between(random, 1, 3), forS: random.Next(20, 60))
                .Hold(HoldLengths[round % HoldLengths.Length]).Close(Between(random, 1, 3)).Hold(30, TruthLabel.Arrived),
            "retreat" => new TrackPlan(bearing, Between(random, 200, 500), flat).Close(Between(random, 1, 3), forS: random.Next(20, 60))
                .Open(Between(random, 1, 2), random.Next(20, 90)).Hold(random.Next(0, 30)).Close(Between(random, 1, 3)).Hold(30, TruthLabel.Arrived),
            "stairs" => new TrackPlan(bearing, Between(random, 150, 400), 40).Close(Between(random, 1, 2.5), untilM: 20)
                .Climb(7, Between(random, 0.15, 0.3)).Close(Between(random, 1, 1.5)).Hold(30, TruthLabel.Arrived),
            _ => new TrackPlan(bearing, Between(random, 400, 900), flat).Close(Between(random, 1, 3)).Hold(30, TruthLabel.Arrived),
        };
        var length = subject.Length + 1;
        var near = round % 2 == 0;
        var backup = new TrackPlan(bearing, subject.StartM + (near ? Between(random, 10, 50) : Between(random, 600, 1200)), null)
            .Close(Between(random, 1.2, 2));
        var exemptRole = ExemptRoles[index % ExemptRoles.Length];
        var exemptStart = Between(random, 60, 300);
        var exempt = (index / 2 % 3) switch
        {
            0 => new TrackPlan(bearing + 1, exemptStart, null).Hold(length),
            1 => new TrackPlan(bearing + 1, exemptStart, null).Open(1.5, length),
            _ => new TrackPlan(bearing + 1, exemptStart, null).Close(1.5, untilM: 30).Open(1.2, length),
        };
        (int, int)? outage = kind == "outage" ? (random.Next(30, Math.Max(31, length / 2)), random.Next(60, 121)) : null;
        return new EvaluationIncident(index, kind, kind == "stairs" ? 2 : null,
        [
            Track($"s{index}", index % 2 == 0 ? UnitRole.Contact : UnitRole.Unassigned, subject.Build(length), random, outage),
            Track($"b{index}", UnitRole.Contact, backup.Build(length), random, null),
            Track($"x{index}", exemptRole, exempt.Build(length), random, null),
        ]);
    }

    private static LabelledTrack Track(string id, UnitRole role, ImmutableArray<TruthSecond> truth, Random random, (int, int)? outage)
    {
        var sensor = SensorModel.Draw(random);
        return new LabelledTrack(id, role, sensor.Profile, sensor.CadenceS, sensor.NoiseM, truth, sensor.Sample(truth, random, outage));
    }

    private static double Between(Random random, double low, double high) => low + (random.NextDouble() * (high - low));
}

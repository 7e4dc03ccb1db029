using System.Collections.Immutable;
using Command.Domain.Units;

namespace Command.Evaluation.Harness;

/// <summary>
/// The labelled evaluation set: synthetic incidents with ground truth per second, seeded and deterministic.
/// Each incident has a subject doing one thing the assessment must tell apart — closing at 1-4 m/s, a tactical
/// approach, a hold of 10 s to 5 min, a retreat, a stair climb, a report outage; holding just outside the building
/// the threat is in, on a floor above (a hand-placed marker, its uncertainty unknown); in contact indoors, where
/// fixes are 10-40 m off; reaching the threat and falling back down the hallway; standing off 100-300 m for ten
/// minutes and more; holding, then closing again — a backup (near: 10-50 m behind; far: 0.6-1.2 km; in contact
/// incidents it goes in too, in stand-offs it stands off too) and a unit in an exempt role going about its task.
/// </summary>
public static class EvaluationSet
{
    /// <summary>The kinds of subject track, in the order incidents cycle through them.</summary>
    public static readonly ImmutableArray<string> Kinds =
        ["closing", "tactical", "hold", "retreat", "stairs", "outage", "outside", "indoor", "fallback", "standoff", "resume"];

    private static readonly int[] HoldLengths = [10, 20, 40, 75, 90, 120, 150, 180, 240, 300];
    private static readonly UnitRole[] ExemptRoles = [UnitRole.Perimeter, UnitRole.Staging, UnitRole.Medical, UnitRole.RescueTaskForce, UnitRole.Command];

    /// <summary>
    /// Generates <paramref name="incidents"/> incidents from <paramref name="seed"/>; the same arguments give the same
    /// set. <paramref name="noiseScale"/> scales every device's noise, indoor noise, bias and burst rate: the same
    /// incidents and truths, noisier devices (1 is the set the rules were tuned on). Without <paramref name="speeds"/>, no
    /// device says the speed it measures: the same incidents and fixes, judged on positions alone; without
    /// <paramref name="courses"/>, devices say their speed but not their course.
    /// </summary>
    public static ImmutableArray<EvaluationIncident> Generate(int seed = 2026, int incidents = 360, double noiseScale = 1, bool speeds = true, bool courses = true, bool walks = false) =>
        [.. Enumerable.Range(0, incidents).Select(i => Incident(seed, i, noiseScale, speeds, courses) is var incident && walks && incident.Building is not null
            ? incident with { DoorBearingRad = Bearing(incident) } : incident)];

    // The bearing the subject walks in on, from the threat: where its building's door is when it has a walk graph.
    private static double Bearing(EvaluationIncident incident)
    {
        var start = incident.Tracks[0].Truth[0].Position;
        return Math.Atan2(start.East, start.North);
    }

    private static EvaluationIncident Incident(int seed, int index, double noiseScale, bool speeds, bool courses)
    {
        var random = new Random(unchecked((seed * 7919) + index));
        var kind = Kinds[index % Kinds.Length];
        var round = index / Kinds.Length;
        var bearing = random.NextDouble() * 2 * Math.PI;
        var flat = random.NextDouble() < 0.3 ? 40.0 : (double?)null;
        var building = kind switch
        {
            "outside" => Building(random, 20, 45),
            "indoor" => Building(random, 25, 50),
            "fallback" => Building(random, 60, 80),
            _ => null,
        };
        double? uncertainty = building is not null || random.NextDouble() < 0.5 ? null : Math.Round(Between(random, 5, 25));
        int? threatFloor = kind switch
        {
            "stairs" => 2,
            "outside" => random.NextDouble() < 0.5 ? 1 + random.Next(2) : null,
            _ => null,
        };
        TrackPlan Plan(double startM, double? altitude = null) => new(bearing, startM, altitude, building);
        var subject = kind switch
        {
            "closing" => Plan(Between(random, 300, 900), flat).Close(Between(random, 1, 4)).Hold(60, TruthLabel.Arrived),
            "tactical" => Plan(Between(random, 150, 300), flat).Close(Between(random, 0.6, 0.9)).Hold(60, TruthLabel.Arrived),
            "hold" => Plan(Between(random, 200, 600), flat).Close(Between(random, 1, 3), forS: random.Next(20, 60))
                .Hold(HoldLengths[round % HoldLengths.Length]).Close(Between(random, 1, 3)).Hold(30, TruthLabel.Arrived),
            "retreat" => Plan(Between(random, 200, 500), flat).Close(Between(random, 1, 3), forS: random.Next(20, 60))
                .Open(Between(random, 1, 2), random.Next(20, 90)).Hold(random.Next(0, 30)).Close(Between(random, 1, 3)).Hold(30, TruthLabel.Arrived),
            "stairs" => Plan(Between(random, 150, 400), 40).Close(Between(random, 1, 2.5), untilM: 20)
                .Climb(7, Between(random, 0.15, 0.3)).Close(Between(random, 1, 1.5)).Hold(30, TruthLabel.Arrived),
            "outside" => Outside(Plan(Between(random, 150, 400)), random),
            "indoor" => Plan(Between(random, 150, 300)).Close(Between(random, 1, 2.5), stopM: Between(random, 3, 10)).Hold(random.Next(300, 600), TruthLabel.Arrived),
            "fallback" => Plan(Between(random, 150, 300)).Close(Between(random, 1, 2.5), stopM: Between(random, 3, 8)).Hold(random.Next(20, 60), TruthLabel.Arrived)
                .OpenTo(Between(random, 1, 1.5), Between(random, 30, 50)).Hold(random.Next(120, 300)).Close(Between(random, 1, 2)).Hold(30, TruthLabel.Arrived),
            "standoff" => Plan(Between(random, 120, 320)).Close(Between(random, 1, 2), forS: random.Next(10, 30)).Hold(random.Next(600, 720)),
            "resume" => Plan(Between(random, 400, 800)).Close(Between(random, 1, 2), forS: random.Next(20, 60)).Hold(random.Next(90, 240))
                .Close(Between(random, 1, 2)).Hold(30, TruthLabel.Arrived),
            _ => Plan(Between(random, 400, 900), flat).Close(Between(random, 1, 3)).Hold(30, TruthLabel.Arrived),
        };
        var length = subject.Length + 1;
        var near = round % 2 == 0;
        var backup = kind switch
        {
            "indoor" when near => Plan(subject.StartM + Between(random, 10, 50)).Close(Between(random, 1.2, 2), stopM: Between(random, 3, 10)),
            "standoff" => Plan(Between(random, 120, 320)).Close(Between(random, 1, 2), forS: random.Next(10, 30)).Hold(length),
            _ => Plan(subject.StartM + (near ? Between(random, 10, 50) : Between(random, 600, 1200))).Close(Between(random, 1.2, 2)),
        };
        var exemptRole = ExemptRoles[index % ExemptRoles.Length];
        var exemptStart = Between(random, 60, 300);
        var exempt = (index / 2 % 3) switch
        {
            0 => new TrackPlan(bearing + 1, exemptStart, null).Hold(length),
            1 => new TrackPlan(bearing + 1, exemptStart, null).Open(1.5, length),
            _ => new TrackPlan(bearing + 1, exemptStart, null).Close(1.5, untilM: 30).Open(1.2, length),
        };
        (int, int)? outage = kind == "outage" ? (random.Next(30, Math.Max(31, length / 2)), random.Next(60, 121)) : null;
        return new EvaluationIncident(index, kind, threatFloor,
        [
            Track($"s{index}", index % 2 == 0 ? UnitRole.Contact : UnitRole.Unassigned, subject.Build(length), random, outage, noiseScale, speeds ? Doppler(seed, index, 0) : null, courses),
            Track($"b{index}", UnitRole.Contact, backup.Build(length), random, null, noiseScale, speeds ? Doppler(seed, index, 1) : null, courses),
            Track($"x{index}", exemptRole, exempt.Build(length), random, null, noiseScale, speeds ? Doppler(seed, index, 2) : null, courses),
        ], uncertainty, building);
    }

    // Closes to 5-25 m short of the wall of the threat's building and holds there for two to five minutes, then goes in.
    private static TrackPlan Outside(TrackPlan plan, Random random)
    {
        var holdAt = plan.WallM!.Value + Between(random, 5, 25);
        return plan.Close(Between(random, 1, 3), untilM: holdAt).Hold(random.Next(120, 300))
            .Close(Between(random, 1, 2), stopM: Between(random, 3, 8)).Hold(60, TruthLabel.Arrived);
    }

    private static EvaluationBuilding Building(Random random, double low, double high) =>
        new(Between(random, low, high), Between(random, low, high), Between(random, low, high), Between(random, low, high), 3);

    // The speeds a unit's device measures are drawn apart from everything else, so that a set with them has the same
    // incidents, fixes and noise as one without.
    private static Random Doppler(int seed, int index, int unit) => new(unchecked((((seed * 7919) + index) * 4) + unit + 1_000_003));

    private static LabelledTrack Track(string id, UnitRole role, ImmutableArray<TruthSecond> truth, Random random, (int, int)? outage, double noiseScale, Random? doppler, bool courses)
    {
        var sensor = SensorModel.Draw(random, noiseScale);
        return new LabelledTrack(id, role, sensor.Profile, sensor.NominalCadenceS, sensor.NoiseM, truth, sensor.Sample(truth, random, outage, doppler, courses),
            sensor.IndoorNoiseM, sensor.Stated, sensor.BiasM);
    }

    private static double Between(Random random, double low, double high) => low + (random.NextDouble() * (high - low));
}

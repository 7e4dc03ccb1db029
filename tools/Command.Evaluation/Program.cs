using System.Diagnostics;
using System.Globalization;
using Command.Domain.Assessment;
using Command.Domain.Geometry;
using Command.Evaluation;
using Command.Evaluation.Harness;
using Command.Tools.Cli;

// Runs the labelled evaluation set through the assessment and prints the figures.
// Usage: dotnet run --project tools/Command.Evaluation -- [--seed N [--to M [--by-kind]]] [--incidents N] [--noise-scale K] [--no-speeds] [--no-courses] [--walks] [--details] [--trace INCIDENT UNIT]
return await new EvaluationCommand(arguments => arguments.Trace is { } trace ? Trace(arguments, trace) : Score(arguments))
    .Parse(args).InvokeToolAsync();

// --trace INCIDENT UNIT: the unit's truth and assessment second by second.
static int Trace(EvaluationArguments arguments, UnitTrace trace)
{
    var set = EvaluationSet.Generate(arguments.Seed, arguments.Incidents, arguments.NoiseScale, arguments.Speeds, arguments.Courses, arguments.Walks);
    if (trace.Incident >= set.Length)
    {
        Console.Error.WriteLine($"--trace: the set has {set.Length} incidents, 0 to {set.Length - 1}; there is no incident {trace.Incident}.");
        return ToolInvocation.UsageError;
    }

    var incident = set[trace.Incident];
    var unit = trace.UnitId;
    if (incident.Tracks.SingleOrDefault(t => t.UnitId == unit) is not { } track)
    {
        Console.Error.WriteLine($"--trace: incident {trace.Incident} has no unit '{unit}'; it has {string.Join(", ", incident.Tracks.Select(t => t.UnitId))}.");
        return ToolInvocation.UsageError;
    }

    var options = AssessmentOptions.Default;
    Console.WriteLine($"{incident.Kind}: {track.Profile} every {track.CadenceS} s, noise {track.NoiseM} m (indoors {track.IndoorNoiseM} m), accuracy stated {track.Stated}, role {track.Role}");
    EvaluationRun.Run(incident, options, (second, projection) =>
    {
        var a = projection.Assess(unit)!;
        var truth = track.Truth[second];
        var sent = track.Fixes.FirstOrDefault(f => f.Second == second);
        var fix = sent is null ? "        " : $"* {sent.Point.Length,5:F0}{(sent.Multipath ? "m" : " ")}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{second,4}{fix} {truth.Label,-9} {truth.Position.Length,6:F1}{(truth.Indoors ? "i" : " ")} | {a.State,-8} d {a.DistanceM,6:F1}{(a.PathDistanceM is { } walk ? $" walk {walk,6:F1}" : "")} rate {a.ClosingRateMps,5:F2} hold {a.HoldS,5:F0} {a.Flag} {a.FlagReason}{a.ArrivalReason}{(a.HeldBackReason is { } held ? $" [{held}]" : "")}{(sent?.SpeedMps is { } said ? $" (said {said:F2} m/s{(sent.CourseDeg is { } course ? $" at {course:F0}°, {Toward(truth.Position, course) * said:F2} toward" : "")})" : "")}"));
    });
    return 0;
}

static int Score(EvaluationArguments arguments)
{
    var (seed, count, options, scale, speeds, courses, walks) = (arguments.Seed, arguments.Incidents, AssessmentOptions.Default, arguments.NoiseScale, arguments.Speeds, arguments.Courses, arguments.Walks);
    if (arguments.To is { } last)
    {
        return Range(seed, last, count, scale, speeds, courses, walks, options, arguments.ByKind);
    }

    var clock = Stopwatch.StartNew();
    var set = EvaluationSet.Generate(seed, count, scale, speeds, courses, walks);
    var runs = set.AsParallel().AsOrdered().Select(incident => (incident, EvaluationRun.Run(incident, options))).ToList();
    var figures = EvaluationScore.Score(runs, options);
    Console.WriteLine($"evaluation set: seed {seed}, {count} incidents{World(scale, speeds, courses, walks)}, {clock.Elapsed.TotalSeconds:F1} s");
    foreach (var line in figures.Lines())
    {
        Console.WriteLine(line);
    }

    if (arguments.Details)
    {
        foreach (var miss in figures.Missed)
        {
            Describe("missed", miss.ToString(), set[miss.Incident], miss.UnitId);
        }

        foreach (var flag in figures.FalseFlags)
        {
            Describe("false flag", flag.ToString(), set[flag.Incident], flag.UnitId);
        }

        foreach (var hold in figures.Flapped)
        {
            var cleared = runs[hold.Incident].Item2.Flags
                .Where(m => m.Subject == hold.UnitId && m.Kind == "cleared" && m.Second > hold.StartS && m.Second < hold.StartS + hold.LengthS)
                .Select(m => $"{m.Second}: {m.Reason}");
            Describe("flapped", $"{hold} cleared {string.Join(" | ", cleared)}", set[hold.Incident], hold.UnitId);
        }

        foreach (var hold in figures.Turned)
        {
            Describe("turned", hold.ToString(), set[hold.Incident], hold.UnitId);
        }

        foreach (var clear in figures.LateClears)
        {
            Describe("late clear", clear.ToString(), set[clear.Incident], clear.UnitId);
        }
    }

    return figures.Missed.Length == 0 ? 0 : 1;
}

// How much of a unit at position (from the threat) heading on a course moves toward the threat: 1 straight at it.
static double Toward(LocalPoint position, double courseDeg)
{
    var radians = courseDeg * Math.PI / 180;
    var length = Math.Max(position.Length, 1e-9);
    return -((Math.Sin(radians) * position.East) + (Math.Cos(radians) * position.North)) / length;
}

static string World(double scale, bool speeds, bool courses, bool walks) =>
    (scale == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $", noise scaled {scale:0.##}x")) + (speeds ? courses ? "" : ", no courses said" : ", no speeds said")
    + (walks ? ", buildings with walk graphs" : "");

static void Describe(string what, string outcome, EvaluationIncident incident, string unitId)
{
    var track = incident.Tracks.Single(t => t.UnitId == unitId);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: {outcome} ({incident.Kind}, {track.Profile} every {track.CadenceS} s, noise {track.NoiseM} m, indoors {track.IndoorNoiseM} m, stated {track.Stated})"));
}

// --seed N --to M: every seed of the range scored together, the figures a tuning run looks at.
static int Range(int first, int last, int count, double scale, bool speeds, bool courses, bool walks, AssessmentOptions options, bool byKind)
{
    var clock = Stopwatch.StartNew();
    var runs = Enumerable.Range(first, Math.Max(0, last - first + 1))
        .SelectMany(seed => EvaluationSet.Generate(seed, count, scale, speeds, courses, walks).Select(incident => (Seed: seed, Incident: incident)))
        .AsParallel().AsOrdered()
        .Select(r => (r.Incident, EvaluationRun.Run(r.Incident, options)))
        .ToList();
    var figures = EvaluationScore.Score(runs, options);
    Console.WriteLine($"evaluation sets: seeds {first} to {last}, {count} incidents each{World(scale, speeds, courses, walks)}, {clock.Elapsed.TotalSeconds:F1} s");
    foreach (var line in figures.Lines())
    {
        Console.WriteLine(line);
    }

    if (byKind)
    {
        var kinds = runs.Select(r => r.Incident.Kind).Distinct();
        foreach (var kind in kinds)
        {
            var f = EvaluationScore.Score(runs.Where(r => r.Incident.Kind == kind), options);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind,-9} must {f.MustFlag.Length,4} missed {f.Missed.Length,4} (arrived {f.MissedAsArrived.Length,3}, beyond {f.Missed.Count(h => !h.Showable),3}) falseClosing {f.Count("closing"),3} contact {f.ContactFlags,3} flapped {f.Flapped.Length,3} turns {f.Holds.Sum(h => h.Turns),3} clears {f.Clears.Length,4} late {f.LateClears.Length,3} (beyond {f.LateClears.Count(c => !c.Showable),3})"));
        }

        foreach (var device in figures.Holds.Select(h => h.Device).Distinct().Order(StringComparer.Ordinal))
        {
            var must = figures.MustFlag.Where(h => h.Device == device).ToList();
            var latencies = must.Where(h => h.LatencyS is not null).Select(h => Math.Max(0, h.LatencyS!.Value)).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{device,-11} must {must.Count,4} missed {must.Count(h => !h.FlaggedInTime),4} latency median {(latencies.Count == 0 ? 0 : latencies[latencies.Count / 2]),5:F0} s falseClosing {figures.FalseFlags.Count(f => f.Device == device && f.Truth == "closing"),3} flapped {figures.Flapped.Count(h => h.Device == device),3} clears {figures.Clears.Count(c => c.Device == device),4} late {figures.LateClears.Count(c => c.Device == device),3}"));
        }
    }

    return figures.Missed.Length == 0 ? 0 : 1;
}

using System.Diagnostics;
using System.Globalization;
using Command.Domain.Assessment;
using Command.Evaluation.Harness;

// Runs the labelled evaluation set through the assessment and prints the figures.
// Usage: dotnet run --project tools/Command.Evaluation -- [--seed N] [--incidents N] [--details]
var seed = Option("--seed", 2026);
var count = Option("--incidents", 360);
var details = args.Contains("--details");
var options = AssessmentOptions.Default;

if (Array.IndexOf(args, "--trace") is var at and >= 0)
{
    // --trace INCIDENT UNIT: the unit's truth and assessment second by second.
    var incident = EvaluationSet.Generate(seed, count)[int.Parse(args[at + 1], CultureInfo.InvariantCulture)];
    var unit = args[at + 2];
    var track = incident.Tracks.Single(t => t.UnitId == unit);
    Console.WriteLine($"{incident.Kind}: {track.Profile} every {track.CadenceS} s, noise {track.NoiseM} m, role {track.Role}");
    EvaluationRun.Run(incident, options, (second, projection) =>
    {
        var a = projection.Assess(unit)!;
        var truth = track.Truth[second];
        var fix = track.Fixes.Any(f => f.Second == second) ? "*" : " ";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{second,4}{fix} {truth.Label,-9} {truth.Position.Length,6:F1} | {a.State,-8} d {a.DistanceM,6:F1} rate {a.ClosingRateMps,5:F2} hold {a.HoldS,5:F0} {a.Flag} {a.FlagReason}"));
    });
    return 0;
}

var clock = Stopwatch.StartNew();
var set = EvaluationSet.Generate(seed, count);
var runs = set.Select(incident => (incident, EvaluationRun.Run(incident, options))).ToList();
var figures = EvaluationScore.Score(runs, options);
Console.WriteLine($"evaluation set: seed {seed}, {count} incidents, {clock.Elapsed.TotalSeconds:F1} s");
foreach (var line in figures.Lines())
{
    Console.WriteLine(line);
}

if (details)
{
    foreach (var miss in figures.Missed)
    {
        var track = set[miss.Incident].Tracks.Single(t => t.UnitId == miss.UnitId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"missed: {miss} ({set[miss.Incident].Kind}, {track.Profile} every {track.CadenceS} s, noise {track.NoiseM} m)"));
    }

    foreach (var flag in figures.FalseFlags)
    {
        var track = set[flag.Incident].Tracks.Single(t => t.UnitId == flag.UnitId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"false flag: {flag} ({set[flag.Incident].Kind}, {track.Profile} every {track.CadenceS} s, noise {track.NoiseM} m)"));
    }
}

return figures.Missed.Length == 0 ? 0 : 1;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

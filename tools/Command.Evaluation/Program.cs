using System.Diagnostics;
using System.Globalization;
using Command.Domain.Assessment;
using Command.Evaluation;
using Command.Evaluation.Harness;
using Command.Tools.Cli;

// Runs the labelled evaluation set through the assessment and prints the figures.
// Usage: dotnet run --project tools/Command.Evaluation -- [--seed N] [--incidents N] [--details] [--trace INCIDENT UNIT]
return await new EvaluationCommand(arguments => arguments.Trace is { } trace ? Trace(arguments, trace) : Score(arguments))
    .Parse(args).InvokeToolAsync();

// --trace INCIDENT UNIT: the unit's truth and assessment second by second.
static int Trace(EvaluationArguments arguments, UnitTrace trace)
{
    var set = EvaluationSet.Generate(arguments.Seed, arguments.Incidents);
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

static int Score(EvaluationArguments arguments)
{
    var (seed, count, options) = (arguments.Seed, arguments.Incidents, AssessmentOptions.Default);
    var clock = Stopwatch.StartNew();
    var set = EvaluationSet.Generate(seed, count);
    var runs = set.Select(incident => (incident, EvaluationRun.Run(incident, options))).ToList();
    var figures = EvaluationScore.Score(runs, options);
    Console.WriteLine($"evaluation set: seed {seed}, {count} incidents, {clock.Elapsed.TotalSeconds:F1} s");
    foreach (var line in figures.Lines())
    {
        Console.WriteLine(line);
    }

    if (arguments.Details)
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
}

using System.CommandLine;
using System.Globalization;
using Command.Tools.Cli;

namespace Command.Evaluation;

/// <summary>The evaluation's command line: the set to generate, and whether to list misses or trace one unit.</summary>
internal sealed class EvaluationCommand : RootCommand
{
    private readonly Option<int> seed = NumberOption.Any("--seed", "Seed of the generated set; the same seed gives the same set", 2026);
    private readonly Option<int?> to = new("--to")
    {
        Description = "Score the seeds from --seed to this one together (tune on one range, hold another out)",
        HelpName = "seed",
    };

    private readonly Option<bool> byKind = new("--by-kind") { Description = "With --to, also print the figures for each kind of subject track" };
    private readonly Option<int> incidents = NumberOption.AtLeast("--incidents", "Incidents in the set", 360, 1);
    private readonly Option<double> noiseScale = NumberOption.Between(
        "--noise-scale", "Scale every device's noise, indoor noise, bias and burst rate (1 is the set as tuned)", 1.0, 0.25, 4.0);

    private readonly Option<bool> noSpeeds = new("--no-speeds") { Description = "No device says the speed it measures: the same fixes, judged on positions alone" };
    private readonly Option<bool> noCourses = new("--no-courses") { Description = "Devices say their speed but not their course: the same fixes and speeds" };
    private readonly Option<bool> walks = new("--walks")
    {
        Description = "Give each threat's building a walk graph, a door where its units' bearing meets the wall and a room at the threat: their distances are walks",
    };

    private readonly Option<bool> details = new("--details") { Description = "List every missed hold, false flag, flapped or turned hold and late clear after the figures" };
    private readonly Option<UnitTrace?> trace = new("--trace")
    {
        Description = "Instead of scoring, print one unit's truth and assessment second by second",
        HelpName = "incident> <unit",
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result =>
        {
            var (incident, unit) = (result.Tokens[0].Value, result.Tokens[1].Value);
            if (int.TryParse(incident, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return new UnitTrace(index, unit);
            }

            result.AddError($"--trace takes an incident's index in the set (0, 1, ...) and a unit id (was '{incident} {unit}').");
            return null;
        },
    };

    public EvaluationCommand(Func<EvaluationArguments, int> evaluate)
        : base("Runs the labelled evaluation set through the assessment and prints the figures; exits 1 if a hold was missed.")
    {
        Options.Add(seed);
        Options.Add(incidents);
        Options.Add(details);
        Options.Add(trace);
        Options.Add(to);
        Options.Add(byKind);
        Options.Add(noiseScale);
        Options.Add(noSpeeds);
        Options.Add(noCourses);
        Options.Add(walks);
        SetAction(parsed => evaluate(Read(parsed)));
    }

    private EvaluationArguments Read(ParseResult parsed) =>
        new(parsed.GetValue(seed), parsed.GetValue(incidents), parsed.GetValue(details), parsed.GetValue(trace), parsed.GetValue(to), parsed.GetValue(byKind),
            parsed.GetValue(noiseScale), !parsed.GetValue(noSpeeds), !parsed.GetValue(noCourses), parsed.GetValue(walks));
}

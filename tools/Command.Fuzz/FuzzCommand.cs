using System.CommandLine;
using Command.Fuzz.Live;
using Command.Tools.Cli;

namespace Command.Fuzz;

/// <summary>The fuzzer's command line: a parser (or all), a message count and a seed; or the live verb, at a running host's ports.</summary>
internal sealed class FuzzCommand : RootCommand
{
    /// <summary>What --parser takes besides a target's name.</summary>
    public const string All = "all";

    private readonly Option<string> parser = ChoiceOption.OneOf(
        "--parser", "The parser fed mutated messages", [All, .. FuzzTarget.All().Select(t => t.Name)], All);

    private readonly Option<int> count = NumberOption.AtLeast("--count", "Messages fed to each parser", 100_000, 1);
    private readonly Option<int> seed = NumberOption.Any("--seed", "Seed of the mutations; the same seed gives the same messages", 1);

    public FuzzCommand(Func<FuzzArguments, int> fuzz, Func<LiveFuzzArguments, CancellationToken, Task<int>>? live = null)
        : base("Feeds mutated messages to a parser and prints messages per second and outcome counts by reason.")
    {
        if (live is not null)
        {
            Subcommands.Add(new LiveFuzzCommand(live));
        }

        Options.Add(parser);
        Options.Add(count);
        Options.Add(seed);
        SetAction(parsed => fuzz(new FuzzArguments(parsed.GetRequiredValue(parser), parsed.GetValue(count), parsed.GetValue(seed))));
    }
}

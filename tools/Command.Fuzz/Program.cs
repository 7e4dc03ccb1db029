using System.Diagnostics;
using Command.Fuzz;
using Command.Tools.Cli;

// dotnet run --project tools/Command.Fuzz -- --parser cot --count 1000000 [--seed 1]
return await new FuzzCommand(Fuzz).Parse(args).InvokeToolAsync();

static int Fuzz(FuzzArguments arguments)
{
    var (parser, count, seed) = arguments;
    foreach (var target in FuzzTarget.All().Where(t => parser == FuzzCommand.All || t.Name == parser))
    {
        var watch = Stopwatch.StartNew();
        var outcomes = target.Run(count, seed);
        watch.Stop();
        Console.WriteLine(FormattableString.Invariant($"{target.Name}: {count} messages in {watch.Elapsed.TotalSeconds:F2} s = {count / watch.Elapsed.TotalSeconds:F0} messages/s"));
        foreach (var (name, n) in outcomes.OrderByDescending(o => o.Value))
        {
            Console.WriteLine(FormattableString.Invariant($"  {name,-22} {n,10}"));
        }
    }

    return 0;
}

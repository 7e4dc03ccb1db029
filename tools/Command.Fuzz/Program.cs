using System.Diagnostics;
using System.Globalization;
using Command.Fuzz;

// dotnet run --project tools/Command.Fuzz -- --parser cot --count 1000000 [--seed 1]
// Feeds mutated messages to a parser and prints messages per second and outcome counts by reason.
var parser = Option("--parser") ?? "all";
var count = int.Parse(Option("--count") ?? "100000", CultureInfo.InvariantCulture);
var seed = int.Parse(Option("--seed") ?? "1", CultureInfo.InvariantCulture);
var targets = FuzzTarget.All().Where(t => parser == "all" || t.Name == parser).ToList();
if (targets.Count == 0)
{
    Console.Error.WriteLine($"unknown parser '{parser}'; one of: all, {string.Join(", ", FuzzTarget.All().Select(t => t.Name))}");
    return 2;
}

foreach (var target in targets)
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

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

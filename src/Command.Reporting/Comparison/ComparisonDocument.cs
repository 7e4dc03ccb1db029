using System.Globalization;
using Command.Domain.AfterAction;
using Command.Recording.Csv;
using Command.Reporting.Documents;

namespace Command.Reporting.Comparison;

/// <summary>A comparison of runs as a document (HTML, with its plot) and as CSV.</summary>
public static class ComparisonDocument
{
    public static IEnumerable<Block> Blocks(RunComparison c)
    {
        // At its top, as every other document made from an incident still open or a damaged recording says it: a run whose
        // figures are so far, or stop early, is not one slower.
        foreach (var caution in c.Cautions)
        {
            yield return new Para(caution.Said, caution.Label);
        }

        yield return new Heading(1, "Runs");
        yield return Table.Of(["Run", "Session", "Name", "Scenario", "Version", "Opened (UTC)"], c.Runs.Select((r, i) => new[]
        {
            $"{i + 1}", r.IncidentId, r.Name, r.Scenario ?? "", r.ScenarioVersion ?? "", r.OpenedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
        }));
        foreach (var compared in c.RoundsCompared)
        {
            yield return new Para(compared, "Rounds");
        }

        yield return new Heading(1, "Key times, from the threat going active");
        yield return Table.Of(new[] { "Figure" }.Concat(c.Runs.Select((_, i) => $"Run {i + 1}")), c.KeyTimes.Select(f => new[] { Figure(f) }.Concat(f.Values.Select(v => Value(f, v)))));
        yield return new Heading(1, "Units");
        yield return Table.Of(
            new[] { "Unit" }.Concat(c.Runs.SelectMany((_, i) => new[] { $"Run {i + 1} callsign", $"Run {i + 1} time to contact", $"Run {i + 1} longest hold", $"Run {i + 1} flags" })),
            c.Units.Select(u => new[] { u.Key }.Concat(u.Runs.SelectMany(r => r is null ? new[] { "", "", "", "" } : [r.Callsign, Clock(r.TimeToContactS), Clock(r.LongestHoldS), $"{r.Flags}"]))));
        yield return new Heading(1, "Time to contact");
        yield return new Plot("Each unit's time to contact, one bar per run.", ComparisonChart.Svg(c));
    }

    public static Task WriteHtmlAsync(RunComparison c, Stream stream, CancellationToken cancellationToken) =>
        HtmlWriter.WriteAsync(Title(c), Blocks(c), stream, cancellationToken);

    // Named after its scenario only where every run was played from it: a run recorded with none (driven by hand, or by
    // radios alone) beside a scenario's is two runs, not two of that scenario.
    private static string Title(RunComparison c) =>
        c.Runs.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).ToList() is [{ } scenario]
            ? $"Comparison of {c.Runs.Length} runs of {scenario}"
            : $"Comparison of {c.Runs.Length} runs";

    /// <summary>
    /// One row per unit and run: unit,run,session,callsign,time_to_contact_s,longest_hold_s,flags; then, one column a run,
    /// the rounds each session holds, and where one holds more, a "rounds compared" row; a "Draft" row of the runs still
    /// open and a "Damaged recording" row of those damaged (each only when one is, in the words of
    /// <see cref="RunComparison.Cautions"/>); and the key times as figure rows; seconds to the nearest millisecond.
    /// </summary>
    public static Task WriteCsvAsync(RunComparison c, Stream stream, CancellationToken cancellationToken) =>
        CsvWriter.WriteAsync(stream, CsvRows(c), cancellationToken);

    private static IEnumerable<IEnumerable<CsvCell>> CsvRows(RunComparison c)
    {
        yield return ["unit", "run", "session", "callsign", "time_to_contact_s", "longest_hold_s", "flags"];
        foreach (var u in c.Units)
        {
            for (var r = 0; r < c.Runs.Length; r++)
            {
                if (u.Runs[r] is { } f)
                {
                    yield return [u.Key, CsvCell.Number(r + 1), c.Runs[r].IncidentId, f.Callsign, Seconds(f.TimeToContactS), Seconds(f.LongestHoldS), CsvCell.Number(f.Flags)];
                }
            }
        }

        yield return [];
        yield return [.. c.Runs.Select((_, i) => CsvCell.Text($"run_{i + 1}")).Prepend("figure")];
        // How many rounds each session holds, and of one whose drill started over, that its first is compared, in the words
        // the HTML, the JSON and the page say it.
        yield return [.. c.Runs.Select(r => CsvCell.Number(r.Rounds)).Prepend(RoundsHeld)];
        if (c.Runs.Any(r => r.Rounds > 1))
        {
            yield return [.. c.Runs.Select(r => CsvCell.Text(AfterActionWords.RoundsCompared(r.IncidentId, r.Rounds) ?? "")).Prepend(RoundsCompared)];
        }

        // A run of an incident still open (its figures so far), then one whose recording is damaged (they stop there): one
        // row each, under the label and in the words the HTML's top, the JSON's cautions and the page say it, in its run's
        // column. It wrote "still open" and the damage alone, its own words, which could come to differ from theirs.
        foreach (var said in c.Cautions.GroupBy(k => k.Label))
        {
            yield return [.. c.Runs.Select((_, i) => CsvCell.Text(said.FirstOrDefault(k => k.Run == i + 1)?.Said ?? "")).Prepend(said.Key)];
        }

        foreach (var f in c.KeyTimes)
        {
            yield return [.. f.Values.Select(Seconds).Prepend(f.Name)];
        }
    }

    private const string RoundsHeld = "rounds held";

    private const string RoundsCompared = "rounds compared";

    // Seconds to the nearest millisecond, as the report's other CSV tables write them (CsvCell.Seconds).
    private static CsvCell Seconds(double? value) => CsvCell.Number(value, "0.###");

    // A person reads a time as every other document prints one, "3:58" (Durations.Clock); the CSV and JSON keep seconds
    // for machines, under names that say so ("first contact (s)").
    private const string InSeconds = " (s)";

    private static string Figure(ComparedFigure f) => f.Name.EndsWith(InSeconds, StringComparison.Ordinal) ? f.Name[..^InSeconds.Length] : f.Name;

    private static string Value(ComparedFigure f, double? value) =>
        f.Name.EndsWith(InSeconds, StringComparison.Ordinal) ? Clock(value) : value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";

    private static string Clock(double? seconds) => seconds is { } s ? Durations.Clock(s) : "";
}

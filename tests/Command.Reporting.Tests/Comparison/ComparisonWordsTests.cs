using System.Globalization;
using System.Text;
using Command.Domain.AfterAction;
using Command.Reporting.Comparison;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Comparison;

/// <summary>
/// A comparison says of a run still open, of one whose recording is damaged and of one whose drill started over, in one
/// set of words: those its JSON carries (<see cref="RunComparison.Cautions"/>, <see cref="RunComparison.RoundsCompared"/>),
/// which the page shows and the HTML prints. Its CSV wrote its own ("still open", the damage without what it means for
/// the figures, "(round 1 compared)"), so that one export could come to say it otherwise than the others.
/// </summary>
public sealed class ComparisonWordsTests
{
    private static readonly DateTimeOffset MadeAt = new(2026, 3, 14, 15, 30, 0, TimeSpan.Zero);

    private const string Torn = "the recording of 'golden-torn' is read up to line 90 of segment-000001.jsonl, at byte 35211, which is not an event: the rest of the recording from there is damaged and left out";

    [Fact]
    public async Task The_comparisons_csv_says_each_runs_cautions_and_rounds_in_the_words_its_json_carries()
    {
        var golden = await Golden.ReportAsync();
        var open = golden with { Incident = golden.Incident with { IncidentId = "golden-open", ClosedAt = null } };
        var torn = golden with { Incident = golden.Incident with { IncidentId = "golden-torn", RecordingDamaged = Torn } };
        var c = RunComparison.Compare([golden, open, torn, await TwoRounds.ReportAsync()], madeAt: MadeAt);
        using var csv = new MemoryStream();

        await ComparisonDocument.WriteCsvAsync(c, csv, TestContext.Current.CancellationToken);

        var figures = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(Cells)
            .SkipWhile(row => row[0] != "figure").Skip(1).ToList();
        var said = c.Cautions.Select(k => k.Said).Concat(c.RoundsCompared).ToList();
        Assert.Equal(3, said.Count);
        // Every sentence in the CSV is one the JSON carries, and every one the JSON carries is in the CSV, under its run.
        Assert.Equal(said.Order(StringComparer.Ordinal), figures.SelectMany(row => row.Skip(1)).Where(IsSentence).Order(StringComparer.Ordinal));
        Assert.All(c.Cautions, k => Assert.Equal(k.Said, figures.Single(row => row[0] == k.Label)[k.Run]));
        var rounds = Assert.Single(c.RoundsCompared);
        Assert.Equal(["", "", "", rounds], figures.Single(row => row.Skip(1).Contains(rounds))[1..]);
        Assert.Equal(["1", "1", "1", "2"], figures.Single(row => row[0] == "rounds held")[1..]);
    }

    private static bool IsSentence(string cell) => cell.Length > 0 && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // One CSV line's cells (RFC 4180: a quoted cell may hold commas, and a quote doubled).
    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"' when quoted && i + 1 < line.Length && line[i + 1] == '"':
                    cell.Append('"');
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                default:
                    cell.Append(line[i]);
                    break;
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}

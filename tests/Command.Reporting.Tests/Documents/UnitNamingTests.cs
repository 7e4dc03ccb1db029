using System.Collections.Immutable;
using System.Text;
using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Recording.AfterAction;
using Command.Reporting.Exercises;
using Command.Reporting.Ics214;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Documents;

/// <summary>The paperwork names a unit as its readers know it: by its callsign, never by an id a tracker gave it alone.</summary>
public sealed class UnitNamingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The golden drill with trackers' ids: each unit keeps its callsign ("Adam 1"), its id is nothing a person would know.
    private static readonly ImmutableDictionary<string, string> Ids = new Dictionary<string, string>
    {
        ["A1"] = "u-7f3a", ["A2"] = "u-21c0", ["P3"] = "u-90be", ["A4"] = "u-4d17", ["A5"] = "u-c3a5",
    }.ToImmutableDictionary();

    private static async Task<(AfterActionReport Report, ImmutableArray<Annotation> Notes)> SessionAsync()
    {
        var report = await AfterActionFold.BuildAsync(GoldenDrill.RunAgain("cedar-hollow-ids", 1.2, id => Ids[id]).ToAsyncEnumerable(), cancellationToken: Ct);
        ImmutableArray<Annotation> notes =
        [
            new EvaluatorNote("Went straight in through the south door", NoteMark.Strength, Ids["A2"], "OBJ-1") { Number = 1, About = GoldenDrill.T0.AddSeconds(200), Written = Golden.WrittenAt, Author = "eval.kim" },
            new EvaluatorNote("Waited at the car for a partner", NoteMark.AreaForImprovement, Ids["A1"]) { Number = 2, About = GoldenDrill.T0.AddSeconds(120), Written = Golden.WrittenAt, Author = "eval.ortiz" },
        ];
        return (report, notes);
    }

    [Fact]
    public async Task No_document_names_a_unit_by_its_id_alone_where_a_person_reads_it()
    {
        var (report, notes) = await SessionAsync();
        var draft = AarDraft.Build(report, notes);
        var readable = new List<(string Where, string Text)>();

        using (var word = new MemoryStream())
        {
            AarDocument.WriteDocx(draft, word);
            readable.AddRange(Readable("AAR/IP (Word)", Docx.Read(word.ToArray())));
        }

        using (var aar = new MemoryStream())
        {
            await AarDocument.WriteHtmlAsync(draft, aar, Ct);
            readable.Add(("AAR/IP (HTML)", WithoutSection(Encoding.UTF8.GetString(aar.ToArray()), "Participating units")));
        }

        using (var page = new MemoryStream())
        {
            await AfterActionExport.WriteHtmlAsync(report, page, Ct);
            readable.Add(("report (HTML)", WithoutSection(Encoding.UTF8.GetString(page.ToArray()), "Units")));
        }

        foreach (var form in Ics214Form.Build(report, NoteBook.Standing(notes), "eval.kim", Golden.WrittenAt))
        {
            using var word = new MemoryStream();
            Ics214Document.WriteDocx(form, word);
            readable.AddRange(Readable($"ICS-214 of {form.Subject}", Docx.Read(word.ToArray())));
            readable.AddRange(form.Activity.Select(a => ($"ICS-214 CSV of {form.Subject}", a.Activity)));
        }

        // What the report's CSV and JSON give a person to read: its timeline's and its activity's words.
        readable.AddRange(report.Timeline.Select(m => ("report timeline", m.Text)));
        readable.AddRange(report.Activity.Select(a => ("report activity", a.Text)));

        // The id may stand beside its callsign, "Adam 1 (u-7f3a)", and nowhere on its own.
        var callsigns = report.Units.ToDictionary(u => u.UnitId, u => u.Callsign);
        var bare = readable
            .SelectMany(r => Ids.Values.Where(id => r.Text.Replace($"{callsigns[id]} ({id}", "", StringComparison.Ordinal).Contains(id, StringComparison.Ordinal))
                .Select(id => $"{r.Where}: {id} in \"{r.Text[..Math.Min(r.Text.Length, 300)]}\""))
            .ToList();
        Assert.Empty(bare);

        // And those places do name them.
        Assert.Contains(readable, r => r.Text == "WATCH flag raised on Adam 1 (u-7f3a): holding 20 s at 200 m from the threat; backup level or ahead");
        Assert.Contains(readable, r => r.Text.StartsWith("first contact with the threat: 3:58 by Adam 2 (u-21c0);", StringComparison.Ordinal));
        Assert.Contains(readable, r => r.Text == "ACTIVITY LOG (ICS 214): Adam 1 (u-7f3a)");
    }

    // Paragraphs and table cells, but for a table's "Unit" column beside its "Callsign" one: an id kept as the key it is.
    private static IEnumerable<(string, string)> Readable(string where, Docx docx)
    {
        foreach (var (_, text) in docx.Paragraphs)
        {
            yield return (where, text);
        }

        foreach (var table in docx.Tables)
        {
            var key = table[0] is [.., _, _] header && header.IndexOf("Unit") is var u and >= 0 && u + 1 < header.Count && header[u + 1] == "Callsign" ? u : -1;
            foreach (var cell in table.Skip(1).SelectMany(row => row.Where((_, i) => i != key)))
            {
                yield return (where, cell);
            }
        }
    }

    // A page without its units table, whose first column is each unit's id beside its callsign's.
    private static string WithoutSection(string html, string heading)
    {
        var from = html.IndexOf($"<h2>{heading}</h2>", StringComparison.Ordinal);
        Assert.True(from > 0, $"no section {heading}");
        var to = html.IndexOf("<h2>", from + 4, StringComparison.Ordinal);
        return html[..from] + html[to..];
    }
}

using System.Collections.Immutable;
using System.Text;
using Command.Domain.Annotations;
using Command.Reporting.Exercises;
using Command.Reporting.Exports;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Exercises;

/// <summary>
/// The golden drill's notes, then corrected as evaluators correct them: the radio note withdrawn (written on the wrong
/// session), Adam 1's note reworded and moved to an objective, Adam 2's strength marked an area for improvement. Every
/// document prints each note as it now stands and none prints a withdrawn one, nor any note's earlier words.
/// </summary>
public sealed class AmendedNotesTests
{
    private const string Reworded = "Adam 1 held at the car for 4 minutes waiting on a partner";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ImmutableArray<Annotation> Corrected { get; } =
    [
        .. Golden.Notes,
        new NoteWithdrawn(2, "written on the wrong session") { Number = 4, About = Golden.Notes[1].About, Written = Golden.WrittenAt.AddMinutes(10), Author = "eval.kim" },
        new NoteAmended(3, Reworded, NoteMark.AreaForImprovement, "A1", "OBJ-2", "said how long") { Number = 5, About = Golden.Notes[2].About, Written = Golden.WrittenAt.AddMinutes(11), Author = "eval.ortiz" },
        new NoteAmended(1, "Adam 2 went in alone through the south door", NoteMark.AreaForImprovement, "A2", "OBJ-1", "a strength by mistake") { Number = 6, About = Golden.Notes[0].About, Written = Golden.WrittenAt.AddMinutes(12), Author = "admin" },
    ];

    [Fact]
    public async Task The_draft_reads_each_note_as_it_now_stands_and_leaves_a_withdrawn_one_out_of_the_objectives_and_the_plan()
    {
        var draft = AarDraft.Build(await Golden.ReportAsync(), Corrected);

        var first = draft.Objectives.Single(o => o.Objective.ObjectiveId == "OBJ-1");
        var second = draft.Objectives.Single(o => o.Objective.ObjectiveId == "OBJ-2");
        Assert.Empty(first.Strengths);
        Assert.Equal(["Adam 2 went in alone through the south door"], first.AreasForImprovement.Select(n => n.Current.Text));
        Assert.Equal([Reworded], second.AreasForImprovement.Select(n => n.Current.Text));
        // Moved to an objective, the note is no longer among the others.
        Assert.Empty(draft.OtherNotes);
        Assert.Contains(draft.Plan, r => r.Issue == Reworded);
        Assert.DoesNotContain(draft.Plan, r => r.Issue.Contains("Radio traffic", StringComparison.Ordinal));
        Assert.DoesNotContain(draft.Plan, r => r.Issue.Contains("waited at the car", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PaperworkKind.AarHtml)]
    [InlineData(PaperworkKind.Ics214Csv)]
    public async Task Every_document_prints_the_amended_words_and_none_prints_the_withdrawn_note_or_the_earlier_words(PaperworkKind kind)
    {
        using var document = new MemoryStream();
        await PaperworkExport.WriteAsync(kind, await Golden.ReportAsync(), Corrected, null, "eval.kim", Golden.WrittenAt, document, null, Ct);
        var text = Encoding.UTF8.GetString(document.ToArray());

        Assert.Contains(Reworded, text, StringComparison.Ordinal);
        Assert.Contains("Adam 2 went in alone through the south door", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Radio traffic stepped on the entry call", text, StringComparison.Ordinal);
        Assert.DoesNotContain("waited at the car for a partner", text, StringComparison.Ordinal);
        Assert.DoesNotContain("went straight in", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_document_says_who_amended_a_note_when_and_why_beside_its_author()
    {
        // Note 1 was eval.kim's; an admin rewrote it. Its words are the admin's, so no document prints them as eval.kim's alone.
        var unexplained = Corrected.Add(new NoteAmended(1, "Adam 2 went in alone through the south door, unannounced", NoteMark.AreaForImprovement, "A2", "OBJ-1")
        { Number = 7, About = Golden.Notes[0].About, Written = Golden.WrittenAt.AddMinutes(13), Author = "eval.ortiz" });
        const string ByAdmin = "eval.kim; amended by admin at 09:42:00 (16:42:00 UTC): a strength by mistake";
        const string Both = ByAdmin + "; amended by eval.ortiz at 09:43:00 (16:43:00 UTC): no reason given";
        var report = await Golden.ReportAsync();
        using var html = new MemoryStream();
        await PaperworkExport.WriteAsync(PaperworkKind.AarHtml, report, Corrected, null, "eval.kim", Golden.WrittenAt, html, null, Ct);
        using var docx = new MemoryStream();
        await PaperworkExport.WriteAsync(PaperworkKind.AarDocx, report, unexplained, null, "eval.kim", Golden.WrittenAt, docx, null, Ct);
        using var csv = new MemoryStream();
        await PaperworkExport.WriteAsync(PaperworkKind.Ics214Csv, report, Corrected, "A2", "eval.kim", Golden.WrittenAt, csv, null, Ct);

        Assert.Contains($"<td>Adam 2 went in alone through the south door</td><td>{ByAdmin}</td>", Encoding.UTF8.GetString(html.ToArray()), StringComparison.Ordinal);
        Assert.Contains(Docx.Read(docx.ToArray()).Tables.SelectMany(t => t), r => r.Count > 2 && r[^2] == "Adam 2 went in alone through the south door, unannounced" && r[^1] == Both);
        // Note 3 was amended by its own author: still said, for its words changed after they were written.
        Assert.Contains($"<td>{Reworded}</td><td>eval.ortiz; amended by eval.ortiz at 09:41:00 (16:41:00 UTC): said how long</td>", Encoding.UTF8.GetString(html.ToArray()), StringComparison.Ordinal);
        Assert.Contains(
            "\"Evaluator note (area for improvement, eval.kim): Adam 2 went in alone through the south door — amended by admin at 09:42:00 (16:42:00 UTC): a strength by mistake\"",
            Encoding.UTF8.GetString(csv.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_word_draft_and_the_ics214_logs_leave_the_withdrawn_note_out()
    {
        using var aar = new MemoryStream();
        await PaperworkExport.WriteAsync(PaperworkKind.AarDocx, await Golden.ReportAsync(), Corrected, null, "eval.kim", Golden.WrittenAt, aar, null, Ct);
        var docx = Docx.Read(aar.ToArray());
        var words = string.Join("\n", docx.Paragraphs.Select(p => p.Text).Concat(docx.Tables.SelectMany(t => t).SelectMany(r => r)));
        using var zip = new MemoryStream();
        await PaperworkExport.WriteAsync(PaperworkKind.Ics214Zip, await Golden.ReportAsync(), Corrected, null, "eval.kim", Golden.WrittenAt, zip, null, Ct);
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip.ToArray()));
        var csv = string.Concat(archive.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()));

        Assert.Contains(Reworded, words, StringComparison.Ordinal);
        Assert.DoesNotContain("Radio traffic", words, StringComparison.Ordinal);
        Assert.Contains(Reworded, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Radio traffic", csv, StringComparison.Ordinal);
    }
}

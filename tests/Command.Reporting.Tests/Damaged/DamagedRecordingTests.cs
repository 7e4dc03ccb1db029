using System.Text;
using Command.Domain.AfterAction;
using Command.Recording.AfterAction;
using Command.Reporting.Comparison;
using Command.Reporting.Exercises;
using Command.Reporting.Ics214;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Damaged;

/// <summary>
/// Paperwork made from a recording read only up to a damaged line says so at its top, in the report's words: without it
/// the AAR/IP and the ICS-214 logs read the recording's end as the drill's, where the report beside them said otherwise.
/// </summary>
public sealed class DamagedRecordingTests
{
    private const string Said = "the recording of 'golden' is read up to line 90 of segment-000001.jsonl, at byte 35211, which is not an event (JsonException: '#' is an invalid start of a value. (byte 0 of the line)): the rest of the recording from there is damaged and left out";

    private const string Sentence = $"Damaged recording: {Said}. Every figure below covers the recording up to there.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AfterActionReport> DamagedAsync()
    {
        var report = await Golden.ReportAsync();
        return report with { Incident = report.Incident with { RecordingDamaged = Said } };
    }

    [Fact]
    public async Task The_aar_ip_of_a_damaged_recording_says_so_at_its_top_as_the_report_does()
    {
        var report = await DamagedAsync();
        var draft = AarDraft.Build(report, Golden.Notes);
        using var word = new MemoryStream();
        using var page = new MemoryStream();
        using var reportPage = new MemoryStream();

        AarDocument.WriteDocx(draft, word);
        await AarDocument.WriteHtmlAsync(draft, page, Ct);
        await AfterActionExport.WriteHtmlAsync(report, reportPage, Ct);

        Assert.Equal((null, Sentence), Docx.Read(word.ToArray()).Paragraphs[1]);
        var expected = $"<p><b>Damaged recording:</b> {System.Net.WebUtility.HtmlEncode(Sentence["Damaged recording: ".Length..])}</p>";
        Assert.Contains(expected, Encoding.UTF8.GetString(page.ToArray()), StringComparison.Ordinal);
        Assert.Contains($"<p class=\"draft\"><b>Damaged recording:</b> {System.Net.WebUtility.HtmlEncode(Sentence["Damaged recording: ".Length..])}</p>", Encoding.UTF8.GetString(reportPage.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_ics_214_log_of_a_damaged_recording_says_so_at_its_top_as_the_report_does()
    {
        var forms = Ics214Form.Build(await DamagedAsync(), null, "eval.kim", Golden.WrittenAt);

        Assert.All(forms, form =>
        {
            using var word = new MemoryStream();
            Ics214Document.WriteDocx(form, word);
            Assert.Equal((null, Sentence), Docx.Read(word.ToArray()).Paragraphs[1]);
        });
    }

    [Fact]
    public async Task The_ics_214_csv_of_a_damaged_recording_says_so_on_every_row_as_the_reports_csv_does()
    {
        var forms = Ics214Form.Build(await DamagedAsync(), null, "eval.kim", Golden.WrittenAt);
        using var csv = new MemoryStream();

        await Ics214Document.WriteCsvAsync(forms, csv, Ct);

        var rows = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",recording_damaged,draft", rows[0], StringComparison.Ordinal);
        Assert.Equal(forms.Sum(f => f.Activity.Length), rows.Length - 1);
        Assert.All(rows.Skip(1), row => Assert.EndsWith($",\"{Said}\",", row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_comparison_with_a_damaged_run_says_which_run_stops_early_at_its_top_and_in_its_csv()
    {
        var c = RunComparison.Compare([await Golden.ReportAsync(), await DamagedAsync()]);
        using var html = new MemoryStream();
        using var csv = new MemoryStream();

        await ComparisonDocument.WriteHtmlAsync(c, html, Ct);
        await ComparisonDocument.WriteCsvAsync(c, csv, Ct);

        Assert.Equal([null, Said], c.Runs.Select(r => r.Damaged));
        var page = Encoding.UTF8.GetString(html.ToArray());
        var said = System.Net.WebUtility.HtmlEncode($"Run 2: {Said}. Run 2's figures below cover its recording up to there.");
        Assert.Contains($"<p><b>Damaged recording:</b> {said}</p>", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf(said, StringComparison.Ordinal) < page.IndexOf("<h2>Runs</h2>", StringComparison.Ordinal));
        Assert.Contains($"\r\nDamaged recording,,\"Run 2: {Said}. Run 2's figures below cover its recording up to there.\"\r\n", Encoding.UTF8.GetString(csv.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_paperwork_of_a_whole_recording_says_nothing_of_damage()
    {
        var report = await Golden.ReportAsync();
        using var word = new MemoryStream();
        using var log = new MemoryStream();

        AarDocument.WriteDocx(AarDraft.Build(report, Golden.Notes), word);
        Ics214Document.WriteDocx(Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt)[0], log);

        Assert.DoesNotContain(Docx.Read(word.ToArray()).Paragraphs, p => p.Text.Contains("Damaged", StringComparison.Ordinal));
        Assert.DoesNotContain(Docx.Read(log.ToArray()).Paragraphs, p => p.Text.Contains("Damaged", StringComparison.Ordinal));
        var c = RunComparison.Compare([report, report with { Incident = report.Incident with { IncidentId = "golden-2" } }]);
        using var html = new MemoryStream();
        using var csv = new MemoryStream();
        await ComparisonDocument.WriteHtmlAsync(c, html, Ct);
        await ComparisonDocument.WriteCsvAsync(c, csv, Ct);
        Assert.DoesNotContain("Damaged", Encoding.UTF8.GetString(html.ToArray()), StringComparison.Ordinal);
        Assert.DoesNotContain("amaged", Encoding.UTF8.GetString(csv.ToArray()), StringComparison.Ordinal);
    }
}

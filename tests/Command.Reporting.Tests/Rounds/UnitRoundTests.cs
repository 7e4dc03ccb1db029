using System.Text;
using System.Text.Json;
using Command.Domain.AfterAction;
using Command.Recording.AfterAction;
using Command.Reporting.Exercises;
using Command.Reporting.Ics214;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Rounds;

public sealed class UnitRoundTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_unit_has_a_row_for_each_round_it_played_with_that_rounds_figures_alone()
    {
        var report = await TwoRounds.ReportAsync();

        Assert.Equal(
            [("A1", 1), ("A2", 1), ("P3", 1), ("A4", 1), ("A5", 1), ("A1", 2), ("A2", 2), ("P3", 2)],
            report.Units.Select(u => (u.UnitId, u.Round)));
        var (a1, a1Again) = (report.Units.Single(u => u is { UnitId: "A1", Round: 1 }), report.Units.Single(u => u is { UnitId: "A1", Round: 2 }));
        Assert.Equal((1, 1, 1, 0), (a1.FlagsRaised, a1.Acknowledgements, a1Again.FlagsRaised, a1Again.Acknowledgements));
        Assert.Equal(a1.LongestFlaggedHold, a1.TotalFlaggedHold);
        Assert.Equal(a1Again.LongestFlaggedHold, a1Again.TotalFlaggedHold);

        // Each round's time to contact counts from that round's threat going active, its contact that round's.
        var (a2, a2Again) = (report.Units.Single(u => u is { UnitId: "A2", Round: 1 }), report.Units.Single(u => u is { UnitId: "A2", Round: 2 }));
        Assert.True(a2.ReachedContact < TwoRounds.StartedOver && a2Again.ReachedContact > TwoRounds.StartedOver);
        Assert.Equal(a2.ReachedContact - GoldenDrill.T0.AddSeconds(GoldenDrill.ThreatActiveS), a2.TimeToContact);
        Assert.Equal(a2Again.ReachedContact - TwoRounds.StartedOver.AddSeconds(GoldenDrill.ThreatActiveS), a2Again.TimeToContact);
        Assert.True(a2Again.TimeToContact > a2.TimeToContact);
        Assert.True(a2Again.FirstOnSite > TwoRounds.StartedOver && a2Again.FirstEntry > TwoRounds.StartedOver);
    }

    [Fact]
    public async Task The_units_csv_and_json_say_the_round_of_each_row()
    {
        var report = await TwoRounds.ReportAsync();
        using var csv = new MemoryStream();
        using var json = new MemoryStream();

        await AfterActionExport.WriteCsvAsync(report, csv, cancellationToken: Ct);
        await AfterActionExport.WriteJsonAsync(report, json, Ct);

        var rows = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        var (round, flags) = (Array.IndexOf(rows[0], "round"), Array.IndexOf(rows[0], "flags_raised"));
        Assert.Equal([("1", "1"), ("2", "1")], rows.Where(r => r[0] == "A1").Select(r => (r[round], r[flags])));
        Assert.Equal(["1"], rows.Where(r => r[0] == "A4").Select(r => r[round]));
        using var parsed = JsonDocument.Parse(json.ToArray());
        Assert.Equal([1, 1, 1, 1, 1, 2, 2, 2], parsed.RootElement.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("round").GetInt32()));
    }

    [Fact]
    public async Task The_units_tables_label_each_row_with_its_round_and_list_each_unit_once_in_paperwork()
    {
        var report = await TwoRounds.ReportAsync();
        using var html = new MemoryStream();

        await AfterActionExport.WriteHtmlAsync(report, html, Ct);
        var page = Encoding.UTF8.GetString(html.ToArray());
        var aar = AarDocument.Blocks(AarDraft.Build(report, [])).OfType<Command.Reporting.Documents.Table>().First(t => t.Header.Contains("Longest flagged hold"));

        Assert.Contains("<tr><th>round</th><th>unit</th>", page, StringComparison.Ordinal);
        Assert.Equal(5, page.Split("<h3>").Length - 1);
        Assert.Equal("Round", aar.Header[0]);
        Assert.Equal(["1", "1", "1", "1", "1", "2", "2", "2"], aar.Rows.Select(r => r[0]));
        Assert.Equal(["A1", "A2", "P3", "A4", "A5"], Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt).Skip(1).Select(f => f.Subject));
    }

    [Fact]
    public async Task A_units_log_records_its_arrival_entry_and_contact_in_each_round()
    {
        var report = await TwoRounds.ReportAsync();

        var a2 = Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt).Single(f => f.Subject == "A2");

        foreach (var line in (string[])["On site", "Entered the threat's building", "Reached the threat (contact)"])
        {
            Assert.Equal([true, false], a2.Activity.Where(a => a.Activity == line).Select(a => a.Time < TwoRounds.StartedOver));
        }
    }
}

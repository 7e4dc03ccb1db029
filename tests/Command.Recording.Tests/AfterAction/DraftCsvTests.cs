using System.Text;
using Command.Recording.AfterAction;
using Command.Recording.Tests.Scenarios;

namespace Command.Recording.Tests.AfterAction;

/// <summary>
/// The report's CSVs of an incident still open say they are a draft, as its HTML, the AAR/IP and the ICS-214 logs do:
/// a spreadsheet made from them mid-drill was taken for the final figures, and the incident CSV gave the recording's end
/// as the time the incident ended.
/// </summary>
public sealed class DraftCsvTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset MadeAt = Drill.T0.AddMinutes(5);

    [Fact]
    public async Task The_incident_csv_of_an_open_incident_says_it_is_a_draft_and_gives_no_end_but_where_the_recording_reaches()
    {
        var open = await AfterActionExport.BuildAsync(await (await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0)).OpenAsync(), cancellationToken: Ct);
        Assert.Null(open.Incident.ClosedAt);

        var rows = await Rows(open, AfterActionTable.Incident);

        Assert.Equal(
        [
            "metric,value",
            "draft,\"the incident was still open when this was made, at 15:05:00 UTC; its figures cover the recording up to 15:01:00 UTC, and what had not happened by then is not yet measured\"",
            "incident,drill-1",
        ], rows[..3]);
        Assert.Contains("ended,", rows);
        Assert.Contains("recorded_to,2026-03-14T15:01:00+00:00", rows);
    }

    [Fact]
    public async Task The_incident_csv_of_a_closed_incident_is_final_and_ends_where_it_closed()
    {
        var recorded = await AfterActionExport.BuildAsync(await (await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0)).OpenAsync(), cancellationToken: Ct);
        var closed = recorded with { Incident = recorded.Incident with { ClosedAt = recorded.Incident.EndedAt } };

        var rows = await Rows(closed, AfterActionTable.Incident);

        Assert.Equal(["metric,value", "draft,", "incident,drill-1"], rows[..3]);
        Assert.Contains("ended,2026-03-14T15:01:00+00:00", rows);
        Assert.Contains("recorded_to,2026-03-14T15:01:00+00:00", rows);
    }

    [Fact]
    public async Task The_units_and_flags_csvs_of_an_open_incident_mark_every_row_a_draft_and_those_of_a_closed_one_none()
    {
        var open = await AfterActionExport.BuildAsync(await (await RecordedDrill.RecordAsync(seconds: 240, snapshotEvery: 0)).OpenAsync(), cancellationToken: Ct);
        var closed = open with { Incident = open.Incident with { ClosedAt = open.Incident.EndedAt } };
        Assert.NotEmpty(open.Flags);

        foreach (var table in new[] { AfterActionTable.Units, AfterActionTable.Flags })
        {
            var draft = await Rows(open, table);
            var final = await Rows(closed, table);

            Assert.EndsWith(",draft", draft[0], StringComparison.Ordinal);
            Assert.Equal(draft[0], final[0]);
            Assert.All(draft[1..], row => Assert.EndsWith(",still open", row, StringComparison.Ordinal));
            Assert.All(final[1..], row => Assert.EndsWith(",", row, StringComparison.Ordinal));
            Assert.Equal(draft[1..].Select(r => r[..^"still open".Length]), final[1..]);
        }
    }

    private static async Task<string[]> Rows(Domain.AfterAction.AfterActionReport report, AfterActionTable table)
    {
        using var stream = new MemoryStream();
        await AfterActionExport.WriteCsvAsync(report, stream, table, MadeAt, Ct);
        return Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}

using System.Text;
using System.Text.Json;
using Command.Recording.AfterAction;
using Command.Recording.Tests.Scenarios;

namespace Command.Recording.Tests.AfterAction;

public sealed class AfterActionExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_report_of_a_recorded_drill_counts_its_units_flags_and_rejections()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 240, snapshotEvery: 0);
        var report = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);

        Assert.Equal(["P1", "P2", "P3"], report.Units.Select(u => u.UnitId));
        Assert.Equal(drill.Recorded.Count, report.Incident.EventCount);
        Assert.Equal(drill.Recorded.Count(e => e is Domain.Events.FlagRaised), report.Incident.FlagsRaised);
        Assert.Equal([new Domain.AfterAction.RejectionCount("implied-speed", 1)], report.Incident.Rejected);
        Assert.Equal(240, report.Distances.Count(d => d.UnitId == "P1"));
        Assert.Null(report.Units[0].ReachedContact);
        // Arrival takes the smoothed position at two fixes in a row within the contact radius.
        Assert.Equal(Drill.T0.AddSeconds(119), report.Units[1].ReachedContact);
    }

    [Fact]
    public async Task Json_csv_and_html_exports_carry_the_report()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 120, snapshotEvery: 0);
        var report = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);

        using var json = JsonDocument.Parse(await Write(s => AfterActionExport.WriteJsonAsync(report, s, Ct)));
        Assert.Equal("Drill one", json.RootElement.GetProperty("incident").GetProperty("name").GetString());
        Assert.Equal("contact", json.RootElement.GetProperty("units")[0].GetProperty("role").GetString()?.ToLowerInvariant());

        var csv = (await Write(s => AfterActionExport.WriteCsvAsync(report, s, cancellationToken: Ct))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("unit,callsign,role,enrolled,first_on_site,first_entry,reached_contact,time_to_contact_s,total_flagged_s,longest_flagged_s,flags_raised,acknowledgements,closest_approach_m,held_while_suppressed_s,reports_refused,reports_taken,usual_interval_s,clock_correction_s,roles,round,out_of_contact_s,week_rollover_eras,longest_gap_from,longest_gap_s,longest_gap_while,silent_from,silent_s,silent_while,draft", csv[0]);
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("P1,Adam 1,contact,2026-03-14T15:00:00+00:00,", csv[1], StringComparison.Ordinal);
        // A fix a second for 120 s: 120 reports taken, every 1 s; its device's clock never put right; one role, from enrolment;
        // never at the threat, so no time out of contact; its receiver keeps its dates; never unheard.
        Assert.EndsWith(",120,1,,contact@2026-03-14T15:00:00+00:00,1,,,,,,,,,still open", csv[1], StringComparison.Ordinal);

        var html = await Write(s => AfterActionExport.WriteHtmlAsync(report, s, Ct));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">120, every 1 s</td>", html, StringComparison.Ordinal);
        Assert.Equal(4, html.Split("<svg ").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_units_csv_gives_each_units_longest_gap_and_silence_with_the_host_or_source_down_while_it_went_unheard()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var recorded = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);
        var t = Drill.T0;
        var takServer = new Domain.AfterAction.SourceDownSpan("cot-takserver", "TAK Server at 10.0.0.5:8089", Throttled: false, t.AddSeconds(20), t.AddSeconds(200), t.AddSeconds(20));
        var osmAnd = takServer with { SourceId = "osmand", Name = "OsmAnd (Traccar Client) over HTTP on port 5055", Throttled = true, Until = null };
        var u = recorded.Units[0];
        var report = recorded with
        {
            Units =
            [
                // Unheard 95 s while its TAK Server was down, and silent from its last report, the server back before the end.
                u with { LongestGap = new(t.AddSeconds(15), t.AddSeconds(110), SourceDown: takServer), Silent = new(t.AddSeconds(130), 43, TimeSpan.FromSeconds(600.5), SourceDown: takServer) },
                // Unheard while its host was down, and silent while the listener it reported through refused part of what came.
                u with { UnitId = "P2", LongestGap = new(t.AddSeconds(15), t.AddSeconds(40), HostLeft: "10.0.0.5:11111"), Silent = new(t.AddSeconds(50), null, TimeSpan.FromSeconds(70), SourceDown: osmAnd) },
                // A gap and a silence the record gives no cause for.
                u with { UnitId = "P3", LongestGap = new(t, t.AddSeconds(12)), Silent = new(t.AddSeconds(30), 5, TimeSpan.FromSeconds(90)) },
            ],
        };

        var csv = (await Write(s => AfterActionExport.WriteCsvAsync(report, s, cancellationToken: Ct))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.EndsWith(",2026-03-14T15:00:15+00:00,95,TAK Server at 10.0.0.5:8089 was down,2026-03-14T15:02:10+00:00,600.5,TAK Server at 10.0.0.5:8089 was down until 2026-03-14T15:03:20+00:00,still open", csv[1], StringComparison.Ordinal);
        Assert.EndsWith(",2026-03-14T15:00:15+00:00,25,its host 10.0.0.5:11111 was down,2026-03-14T15:00:50+00:00,70,part of what came through OsmAnd (Traccar Client) over HTTP on port 5055 was refused,still open", csv[2], StringComparison.Ordinal);
        Assert.EndsWith(",2026-03-14T15:00:00+00:00,12,,2026-03-14T15:00:30+00:00,90,,still open", csv[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_report_gives_times_of_day_in_the_sites_zone_beside_utc_and_the_csv_keeps_iso()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 60, snapshotEvery: 0);
        var recorded = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);
        var denver = recorded with { Incident = recorded.Incident with { TimeZone = "America/Denver" } };

        var local = await Write(s => AfterActionExport.WriteHtmlAsync(denver, s, Ct));
        var utc = await Write(s => AfterActionExport.WriteHtmlAsync(recorded, s, Ct));
        var csv = await Write(s => AfterActionExport.WriteCsvAsync(denver, s, AfterActionTable.Incident, Ct));

        // Opened at 15:00 UTC on 14 March 2026: 09:00 in Denver, on daylight time since 8 March.
        Assert.Contains("Opened 2026-03-14 09:00 America/Denver (UTC-06:00; 15:00 UTC).", local, StringComparison.Ordinal);
        Assert.Contains("<tr><th>threat active</th><td>09:00:00 (15:00:00 UTC)</td></tr>", local, StringComparison.Ordinal);
        Assert.Contains("<tr><th>threat active</th><td>15:00:00 UTC</td></tr>", utc, StringComparison.Ordinal);
        Assert.Contains("threat_active,2026-03-14T15:00:00+00:00", csv, StringComparison.Ordinal);
        // The timeline plot's marks say their time on hover as the tables do.
        Assert.Contains("<title>09:00:00 (15:00:00 UTC) T1: ", local, StringComparison.Ordinal);
        Assert.Contains("<title>15:00:00 UTC T1: ", utc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_report_prints_the_incidents_durations_as_minutes_and_seconds_and_the_csv_keeps_seconds()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 240, snapshotEvery: 0);
        var recorded = await AfterActionExport.BuildAsync(await drill.OpenAsync(), cancellationToken: Ct);
        var report = recorded with { Incident = recorded.Incident with { TimeToContact = TimeSpan.FromSeconds(83.4), TimeToContained = TimeSpan.FromSeconds(3725.9) } };

        var html = await Write(s => AfterActionExport.WriteHtmlAsync(report, s, Ct));
        var csv = await Write(s => AfterActionExport.WriteCsvAsync(report, s, AfterActionTable.Incident, Ct));

        // As the AAR/IP prints a duration, truncated to the whole second: 83.4 s is 1:23, not "83.4".
        Assert.Contains("<tr><th>time to contact</th><td>1:23</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>time to contained</th><td>1:02:05</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>time to neutralized</th><td></td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>83.4</td>", html, StringComparison.Ordinal);
        Assert.Contains("time_to_contact_s,83.4", csv, StringComparison.Ordinal);
        Assert.Contains("time_to_contained_s,3725.9", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_positions_by_their_parts_gives_the_same_report_as_decoding_every_event()
    {
        var drill = await RecordedDrill.RecordAsync(seconds: 150, snapshotEvery: 0);
        var reader = await drill.OpenAsync();

        var quick = await AfterActionExport.BuildAsync(reader, cancellationToken: Ct);
        var full = await Domain.AfterAction.AfterActionFold.BuildAsync(reader.ReadAsync(cancellationToken: Ct), cancellationToken: Ct);

        Assert.Equal(450, quick.Distances.Length);
        Assert.Equal(await Write(s => AfterActionExport.WriteJsonAsync(full, s, Ct)), await Write(s => AfterActionExport.WriteJsonAsync(quick, s, Ct)));
    }

    [Fact]
    public async Task Fixes_a_device_held_and_sent_late_are_said_from_the_recordings_lines_as_from_its_events()
    {
        // P1's phone held 30 fixes of its first 30 s and sent them at 60 s; then a fix on time.
        var root = TestRecording.TempFolder();
        var store = new Recording.Storage.DiskSessionStore(Path.Combine(root, "sessions"));
        await using (var log = TestRecording.Log(store, TestRecording.Options(Path.Combine(root, "spill"))))
        {
            var recorder = new GrainLikeRecorder(log, RecordedDrill.IncidentId, 0);
            var arrived = Drill.T0.AddSeconds(60);
            await recorder.RecordAsync(Drill.Inputs(0)
                .Concat(Enumerable.Range(1, 30).Select(s => Fix("P1", Drill.T0.AddSeconds(s), arrived.AddMilliseconds(100 * s))))
                .Append(Fix("P1", Drill.T0.AddSeconds(61), Drill.T0.AddSeconds(61))));
        }

        var reader = await Recording.Reading.SessionReader.OpenAsync(store, RecordedDrill.IncidentId, Ct);
        var quick = await AfterActionExport.BuildAsync(reader, cancellationToken: Ct);
        var full = await Domain.AfterAction.AfterActionFold.BuildAsync(reader.ReadAsync(cancellationToken: Ct), cancellationToken: Ct);

        Assert.Equal(
            "Its fixes of 15:00:01–15:00:30 (30) reached the incident only at 15:01:00–15:01:03 UTC, 0:59 late: its device held them (out of network, or its link down); "
            + "the board showed it stale until then, and flagged what they show only as they came",
            Assert.Single(quick.Activity, a => a.Kind == "delivered-late").Text);
        Assert.Equal(await Write(s => AfterActionExport.WriteJsonAsync(full, s, Ct)), await Write(s => AfterActionExport.WriteJsonAsync(quick, s, Ct)));
    }

    private static Domain.Events.PositionAccepted Fix(string unit, DateTimeOffset fixTime, DateTimeOffset arrived) =>
        new(new Domain.Reports.PositionReport(unit, Domain.Reports.ReportSource.OsmAnd, fixTime, Drill.At(0, -100), AccuracyM: 5)) { Time = arrived };

    private static async Task<string> Write(Func<Stream, Task> write)
    {
        using var stream = new MemoryStream();
        await write(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

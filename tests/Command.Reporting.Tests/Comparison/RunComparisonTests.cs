using System.Text;
using System.Xml.Linq;
using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Recording.AfterAction;
using Command.Reporting.Comparison;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Comparison;

public sealed class RunComparisonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AfterActionReport> ReportOf(IEnumerable<IncidentEvent> recorded) => await AfterActionFold.BuildAsync(recorded.ToAsyncEnumerable());

    [Fact]
    public async Task Two_runs_of_one_scenario_compare_their_key_times_and_each_units_figures()
    {
        // Run 2: Adam 2 walks in at 2.4 m/s instead of 1.2, so reaches the threat (within 15 m, 285 m walked) 119 s after
        // it goes active instead of 238 s.
        var first = await Golden.ReportAsync();
        var second = await ReportOf(GoldenDrill.RunAgain("cedar-hollow-4", 2.4, id => id));

        var c = RunComparison.Compare([first, second]);

        Assert.Equal([("cedar-hollow-3", "cedar-hollow", "3"), ("cedar-hollow-4", "cedar-hollow", "3")], c.Runs.Select(r => (r.IncidentId, r.Scenario!, r.ScenarioVersion!)));
        Assert.Equal([238.0, 119.0], c.KeyTimes.Single(f => f.Name == "first contact (s)").Values);
        Assert.Equal([225.0, 113.0], c.KeyTimes.Single(f => f.Name == "first entry (s)").Values);
        Assert.Equal([2.0, 2.0], c.KeyTimes.Single(f => f.Name == "flags raised").Values);
        Assert.Equal(["A1", "A2", "P3", "A4", "A5"], c.Units.Select(u => u.Key));
        var a2 = c.Units.Single(u => u.Key == "A2");
        Assert.Equal([238.0, 119.0], a2.Runs.Select(r => r!.TimeToContactS));
        var a1 = c.Units.Single(u => u.Key == "A1");
        Assert.Equal([251.0, 251.0], a1.Runs.Select(r => r!.LongestHoldS));
    }

    [Fact]
    public async Task Flags_raised_are_compared_as_the_report_splits_them_on_units_and_on_zones_in_json_csv_and_html()
    {
        // "flags raised 2" beside units whose flags added up to 1: the other was a hot zone's, with no contact unit, and the
        // comparison read as the miscount the report once did.
        var runs = new[] { await Golden.ReportAsync(), await ReportOf(GoldenDrill.RunAgain("cedar-hollow-4", 2.4, id => id)) };
        var onUnits = runs.Select(r => (double?)r.Units.Sum(u => u.FlagsRaised)).ToArray();
        var onZones = runs.Select(r => (double?)r.Flags.Count(f => Command.Domain.Assessment.ClosingAssessment.IsZoneSubject(f.Subject))).ToArray();
        var c = RunComparison.Compare(runs);
        using var html = new MemoryStream();
        using var csv = new MemoryStream();

        await ComparisonDocument.WriteHtmlAsync(c, html, Ct);
        await ComparisonDocument.WriteCsvAsync(c, csv, Ct);

        Assert.True(onUnits.All(n => n > 0) && onZones.All(n => n > 0));
        Assert.Equal(["flags raised", "flags raised on units", "flags raised on zones", "flags acknowledged"], c.KeyTimes.Select(f => f.Name).Where(n => n.StartsWith("flags", StringComparison.Ordinal)));
        Assert.Equal(onUnits, c.KeyTimes.Single(f => f.Name == "flags raised on units").Values);
        Assert.Equal(onZones, c.KeyTimes.Single(f => f.Name == "flags raised on zones").Values);
        Assert.Equal(c.KeyTimes.Single(f => f.Name == "flags raised").Values, onUnits.Zip(onZones, (u, z) => u + z));
        var json = System.Text.Json.JsonSerializer.SerializeToElement(c, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        var keyTimes = json.GetProperty("keyTimes").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("values").EnumerateArray().Select(v => (double?)v.GetDouble()).ToArray());
        Assert.Equal(onUnits, keyTimes["flags raised on units"]);
        Assert.Equal(onZones, keyTimes["flags raised on zones"]);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n");
        Assert.Contains($"flags raised on units,{onUnits[0]},{onUnits[1]}", lines);
        Assert.Contains($"flags raised on zones,{onZones[0]},{onZones[1]}", lines);
        var page = Encoding.UTF8.GetString(html.ToArray());
        Assert.Contains($"<tr><td>flags raised on units</td><td>{onUnits[0]}</td><td>{onUnits[1]}</td></tr><tr><td>flags raised on zones</td><td>{onZones[0]}</td><td>{onZones[1]}</td></tr>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_runs_whose_unit_ids_differ_are_matched_by_the_callsigns_a_person_maps()
    {
        var first = await Golden.ReportAsync();
        var second = await ReportOf(GoldenDrill.RunAgain("cedar-hollow-live", 2.4, id => $"trk-{id}"));

        var byId = RunComparison.Compare([first, second]);
        var mapped = RunComparison.Compare([first, second], new Dictionary<string, string> { ["Adam 1"] = "first officer", ["Adam 2"] = "entry team" });

        Assert.Equal(10, byId.Units.Length);
        Assert.Equal(["first officer", "entry team", "P3", "A4", "A5", "trk-P3", "trk-A4", "trk-A5"], mapped.Units.Select(u => u.Key));
        var entry = mapped.Units.Single(u => u.Key == "entry team");
        Assert.Equal([("A2", 238.0), ("trk-A2", 119.0)], entry.Runs.Select(r => (r!.UnitId, r.TimeToContactS!.Value)));
    }

    [Fact]
    public async Task A_comparison_with_a_run_of_no_scenario_is_not_titled_after_the_others_scenario()
    {
        var unnamed = await ReportOf(GoldenDrill.RunAgain("cedar-hollow-5", 2.4, id => id));
        var c = RunComparison.Compare([await Golden.ReportAsync(), unnamed with { Incident = unnamed.Incident with { Scenario = null } }]);
        using var html = new MemoryStream();

        await ComparisonDocument.WriteHtmlAsync(c, html, Ct);

        Assert.Contains("<h1>Comparison of 2 runs</h1>", Encoding.UTF8.GetString(html.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_comparison_prints_as_a_table_and_a_plot_and_as_csv()
    {
        var c = RunComparison.Compare([await Golden.ReportAsync(), await ReportOf(GoldenDrill.RunAgain("cedar-hollow-4", 2.4, id => id))]);
        using var html = new MemoryStream();
        using var csv = new MemoryStream();

        await ComparisonDocument.WriteHtmlAsync(c, html, Ct);
        await ComparisonDocument.WriteCsvAsync(c, csv, Ct);

        // Durations as the AAR/IP prints them (Durations.Clock): 238 s is 3:58; counts stay counts; the CSV keeps seconds.
        var page = Encoding.UTF8.GetString(html.ToArray());
        Assert.Contains("<h1>Comparison of 2 runs of cedar-hollow</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>first contact</td><td>3:58</td><td>1:59</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>flags raised</td><td>2</td><td>2</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<th>Run 1 time to contact</th><th>Run 1 longest hold</th>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>A2</td><td>Adam 2</td><td>3:58</td><td>0:00</td><td>0</td><td>Adam 2</td><td>1:59</td><td>0:00</td><td>0</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>A1</td><td>Adam 1</td><td></td><td>4:11</td><td>", page, StringComparison.Ordinal);
        Assert.Contains("<title>A2 run 2: 1:59 to contact</title>", page, StringComparison.Ordinal);
        Assert.Contains(">3:58 to contact</text>", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[0-9] s\b|\(s\)", page);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n");
        Assert.Equal("unit,run,session,callsign,time_to_contact_s,longest_hold_s,flags", lines[0]);
        Assert.Contains("A2,2,cedar-hollow-4,Adam 2,119,0,0", lines);
        Assert.Contains("first contact (s),238,119", lines);
    }

    [Fact]
    public async Task The_plot_stands_alone_styled_reads_as_svg_whatever_a_mapped_name_holds_and_cuts_a_name_too_long_for_its_column()
    {
        const string Name = "first officer\u0007 <b>west</b> door, who waited at the car for a partner";
        var c = RunComparison.Compare([await Golden.ReportAsync(), await ReportOf(GoldenDrill.RunAgain("cedar-hollow-4", 2.4, id => id))], new Dictionary<string, string> { ["Adam 1"] = Name });

        // A control character typed into a name left the whole document unreadable as XML, to a page or to Word.
        var svg = XElement.Parse(StandaloneSvg.Of(ComparisonChart.Svg(c)));

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Contains(".end{text-anchor:end}", svg.Element(ns + "style")!.Value, StringComparison.Ordinal);
        Assert.Empty(svg.Descendants(ns + "b"));
        var key = svg.Elements(ns + "text").Single(t => (string?)t.Attribute("class") == "row end" && t.Element(ns + "title") is not null);
        Assert.Equal("first officer\uFFFD <b>west</b> door, who waited at the car for a partner", key.Element(ns + "title")!.Value);
        var shown = key.Nodes().OfType<XText>().First().Value;
        Assert.StartsWith("first officer\uFFFD <b>", shown, StringComparison.Ordinal);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.InRange(ComparisonChart.TextPx(shown), 0, ComparisonChart.MaxKeyPx - 16);
        // A name that fits is whole, with no tooltip; so is each run in the legend.
        Assert.Contains(svg.Elements(ns + "text"), t => t.Value == "A2" && t.Element(ns + "title") is null);
        Assert.Equal(["run 1: cedar-hollow-3", "run 2: cedar-hollow-4"], svg.Elements(ns + "text").Select(t => t.Value).Where(v => v.StartsWith("run ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_comparison_prints_each_time_as_every_other_document_does_truncated_from_the_unrounded_value()
    {
        // 435.9994 s rounded to a tenth first is 436.0, 7:16; a stopwatch, and the AAR/IP, read 7:15. 270.956 s is 4:30.
        var golden = await Golden.ReportAsync();
        var active = golden.Incident.ThreatActiveAt!.Value;
        var run = golden with
        {
            Incident = golden.Incident with { NeutralizedAt = active + TimeSpan.FromSeconds(435.9994) },
            Units = [.. golden.Units.Select(u => u.UnitId == "A1" ? u with { LongestFlaggedHold = TimeSpan.FromSeconds(270.956) } : u)],
        };
        var c = RunComparison.Compare([run, run]);
        using var html = new MemoryStream();
        using var csv = new MemoryStream();

        await ComparisonDocument.WriteHtmlAsync(c, html, Ct);
        await ComparisonDocument.WriteCsvAsync(c, csv, Ct);

        Assert.Equal("7:15", Durations.Clock(golden.Elapsed(active, run.Incident.NeutralizedAt!.Value)));
        var page = Encoding.UTF8.GetString(html.ToArray());
        Assert.Contains("<tr><td>neutralized</td><td>7:15</td><td>7:15</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>A1</td><td>Adam 1</td><td></td><td>4:30</td><td>", page, StringComparison.Ordinal);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n");
        Assert.Contains("neutralized (s),435.999,435.999", lines);
        Assert.Contains(lines, l => l.StartsWith("A1,1,cedar-hollow-3,Adam 1,,270.956,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_comparisons_csv_writes_a_callsign_that_looks_like_a_formula_as_text()
    {
        var golden = await Golden.ReportAsync();
        var odd = golden with { Units = [.. golden.Units.Select(u => u.UnitId == "A2" ? u with { Callsign = "=cmd|'/c calc'!A1" } : u)] };
        var c = RunComparison.Compare([odd, await ReportOf(GoldenDrill.RunAgain("cedar-hollow-4", 2.4, id => id))]);
        using var csv = new MemoryStream();

        await ComparisonDocument.WriteCsvAsync(c, csv, Ct);

        var lines = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n");
        Assert.Contains("A2,1,cedar-hollow-3,\"'=cmd|'/c calc'!A1\",238,0,0", lines);
    }
}

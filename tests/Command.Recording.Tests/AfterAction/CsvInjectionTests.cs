using System.Text;
using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Recording.AfterAction;

namespace Command.Recording.Tests.AfterAction;

/// <summary>Names a radio or a person typed in go into the report's CSV tables as text a spreadsheet shows, never runs.</summary>
public sealed class CsvInjectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Origin = new(44.0, -100.0);

    [Fact]
    public async Task A_unit_enrolled_under_formulas_is_written_as_text_and_its_negative_clock_correction_as_a_number()
    {
        var report = Report();

        var units = await CsvAsync(report, AfterActionTable.Units);

        Assert.StartsWith("\"'=1+1\",\"'=cmd|'/c calc'!A1\",contact,2026-03-14T15:00:00+00:00,", units[1], StringComparison.Ordinal);
        // Its device's clock ran 2.5 s ahead: a negative number, still a number; then its one role, from enrolment; it never
        // reached the threat, so no time out of contact.
        // Its receiver past its GPS week rollover, its dates put right by one era: the receivers to update are a column too;
        // it never went unheard.
        Assert.EndsWith(",1,,-2.5,contact@2026-03-14T15:00:00+00:00,1,,1,,,,,,,still open", units[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_incident_table_writes_a_formula_named_incident_as_text()
    {
        var incident = await CsvAsync(Report(), AfterActionTable.Incident);

        Assert.Contains("name,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"", incident);
        Assert.Contains("first_on_scene,\"'=1+1 2026-03-14T15:00:01+00:00\"", incident);
    }

    [Fact]
    public async Task The_distance_and_timeline_tables_write_the_unit_as_text()
    {
        var report = Report();

        var distances = await CsvAsync(report, AfterActionTable.Distances);
        var timeline = await CsvAsync(report, AfterActionTable.Timeline);

        Assert.StartsWith("\"'=1+1\",2026-03-14T15:00:01+00:00,", distances[1], StringComparison.Ordinal);
        Assert.Equal("2026-03-14T15:00:30+00:00,flag-raised,\"'=1+1\",\"'-holding 20 s\"", timeline[^1]);
    }

    private static AfterActionReport Report()
    {
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "=HYPERLINK(\"http://x\",\"click\")", new Site("School", Origin, [], []), true, "cmd") { Time = T0 });
        fold.Apply(new ThreatSet(new Threat("T1", Origin, 5, ThreatPhase.Active), "cmd") { Time = T0 });
        fold.Apply(new UnitEnrolled("=1+1", "=cmd|'/c calc'!A1", UnitRole.Contact, "cmd", "+SUM(1,2)", "-2+3", "@evil") { Time = T0 });
        fold.ApplyPosition("=1+1", Origin, T0.AddSeconds(1), T0.AddSeconds(1), clockCorrectionS: -2.5, weekRolloverEras: 1);
        fold.Apply(new FlagRaised("=1+1", Domain.Assessment.FlagLevel.Watch, "not-closing", "-holding 20 s") { Time = T0.AddSeconds(30) });
        return fold.Build();
    }

    private static async Task<string[]> CsvAsync(AfterActionReport report, AfterActionTable table)
    {
        using var stream = new MemoryStream();
        await AfterActionCsv.WriteAsync(report, table, stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}

using System.Text;
using Command.Domain.AfterAction;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Recording.AfterAction;

namespace Command.Recording.Tests.AfterAction;

/// <summary>A drill played at 2x: the CSV's durations are the drill's, its times of day the incident's, and it says so.</summary>
public sealed class DrillClockCsvTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Origin = new(44.0, -100.0);

    [Fact]
    public async Task A_flag_up_for_30_s_of_a_drill_played_at_2x_is_60_s_long_and_the_incident_table_says_how_the_drill_played()
    {
        var fold = new AfterActionFold();
        foreach (var e in new IncidentEvent[]
        {
            new IncidentOpened("inc-1", "Drill", new Site("School", Origin, [], []), true, "cmd") { Time = T0 },
            new DrillControlled("start", "demo", "drill", Speed: 2) { Time = T0 },
            new ThreatSet(new Threat("T1", Origin, 5, ThreatPhase.Active), "cmd") { Time = T0 },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = T0 },
            new FlagRaised("P1", FlagLevel.Watch, "not-closing", "holding") { Time = T0.AddSeconds(10) },
            new FlagCleared("P1", "not-closing", "closing") { Time = T0.AddSeconds(40) },
        })
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        var flags = await CsvAsync(report, AfterActionTable.Flags);
        var incident = await CsvAsync(report, AfterActionTable.Incident);

        Assert.Equal(["subject,level,raised,cleared,seconds,reason,escalated,acknowledged,acknowledged_by,acknowledged_reason,acknowledgements,unrecorded_s,draft",
            "P1,watch,2026-03-14T15:00:10+00:00,2026-03-14T15:00:40+00:00,60,holding,,,,,0,,still open"], flags);
        Assert.Contains("drill_clock,\"played at 2×: durations are the drill's time, times of day the incident's\"", incident);
    }

    private static async Task<string[]> CsvAsync(AfterActionReport report, AfterActionTable table)
    {
        using var stream = new MemoryStream();
        await AfterActionCsv.WriteAsync(report, table, stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}

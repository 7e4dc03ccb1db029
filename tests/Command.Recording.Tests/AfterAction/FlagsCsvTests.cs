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

/// <summary>The flags table says who first acknowledged each flag, when and why, and how often it was, as the units table counts.</summary>
public sealed class FlagsCsvTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Origin = new(44.0, -100.0);

    [Fact]
    public async Task Each_flag_gives_its_first_acknowledgement_by_whom_and_why_and_its_count_after_the_columns_it_had()
    {
        // P1 flagged at 10 s, acknowledged at 20 s, renewed by the same commander at 320 s, cleared at 400 s; P2 flagged
        // at 10 s and never acknowledged.
        var fold = new AfterActionFold();
        foreach (var e in new IncidentEvent[]
        {
            new IncidentOpened("inc-1", "Drill", new Site("School", Origin, [], []), true, "cmd") { Time = T0 },
            new ThreatSet(new Threat("T1", Origin, 5, ThreatPhase.Active), "cmd") { Time = T0 },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = T0 },
            new UnitEnrolled("P2", "Adam 2", UnitRole.Contact, "cmd") { Time = T0 },
            new FlagRaised("P1", FlagLevel.Watch, "not-closing", "holding") { Time = T0.AddSeconds(10) },
            new FlagRaised("P2", FlagLevel.Watch, "not-closing", "holding") { Time = T0.AddSeconds(10) },
            new FlagAcknowledged("P1", "Lt. Ortiz", "covering the west door") { Time = T0.AddSeconds(20) },
            new FlagAcknowledged("P1", "Lt. Ortiz", "still covering the west door") { Time = T0.AddSeconds(320) },
            new FlagCleared("P1", "not-closing", "closing") { Time = T0.AddSeconds(400) },
            new FlagCleared("P2", "not-closing", "closing") { Time = T0.AddSeconds(400) },
        })
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        var flags = await CsvAsync(report, AfterActionTable.Flags);
        var units = await CsvAsync(report, AfterActionTable.Units);

        Assert.Equal(
            [
                "subject,level,raised,cleared,seconds,reason,escalated,acknowledged,acknowledged_by,acknowledged_reason,acknowledgements,unrecorded_s,draft",
                "P1,watch,2026-03-14T15:00:10+00:00,2026-03-14T15:06:40+00:00,390,holding,,2026-03-14T15:00:20+00:00,Lt. Ortiz,covering the west door,2,,still open",
                "P2,watch,2026-03-14T15:00:10+00:00,2026-03-14T15:06:40+00:00,390,holding,,,,,0,,still open",
            ],
            flags);
        // The units table's `acknowledgements` (the 12th column) counts the same acknowledgements.
        Assert.Equal(["2", "0"], units.Skip(1).Select(row => row.Split(',')[11]));
    }

    [Fact]
    public async Task A_flag_across_its_hosts_downtime_gives_the_seconds_recorded_and_the_gap_apart()
    {
        // P1 flagged at 10 s; the host stopped at 40 s and the incident carried on at 292 s (4:12 later); cleared at 300 s.
        var fold = new AfterActionFold();
        foreach (var e in new IncidentEvent[]
        {
            new IncidentOpened("inc-1", "Drill", new Site("School", Origin, [], []), true, "cmd") { Time = T0 },
            new ThreatSet(new Threat("T1", Origin, 5, ThreatPhase.Active), "cmd") { Time = T0 },
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = T0 },
            new FlagRaised("P1", FlagLevel.Watch, "not-closing", "holding") { Time = T0.AddSeconds(10) },
            new IncidentResumed("127.0.0.1:11811", T0.AddSeconds(292)) { Time = T0.AddSeconds(40) },
            new FlagCleared("P1", "not-closing", "closing") { Time = T0.AddSeconds(300) },
            new IncidentClosed("exercise over", "cmd") { Time = T0.AddSeconds(310) },
        })
        {
            fold.Apply(e);
        }

        var flags = await CsvAsync(fold.Build(), AfterActionTable.Flags);

        Assert.Equal("P1,watch,2026-03-14T15:00:10+00:00,2026-03-14T15:05:00+00:00,38,holding,,,,,0,252,", flags[1]);
    }

    private static async Task<string[]> CsvAsync(AfterActionReport report, AfterActionTable table)
    {
        using var stream = new MemoryStream();
        await AfterActionCsv.WriteAsync(report, table, stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}

using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;

namespace Command.Domain.Tests.Assessment;

public sealed class StatedStaleTests
{
    /// <summary>
    /// An officer's ATAK phone relayed by a TAK server, at its default dynamic rate: walking in at 1.4 m/s it reports
    /// every 18 s and says each fix stands for 51 s; stopped 150 m out at 110 s, it reports once more when that runs low
    /// (42 s on) and then every 180 s, saying each fix stands for 375 s. Returns the seconds it was shown stale.
    /// </summary>
    private static List<int> RelayedOfficerHolding(Drill drill, int seconds)
    {
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        var shownStale = new List<int>();
        var stopAt = 110;
        int? lastReport = null;
        for (var second = 0; second <= seconds; second++)
        {
            var walking = second < stopAt;
            var due = lastReport is not { } last || (walking ? second - last >= 18 : second - last >= 42 && (last < stopAt || second - last >= 180));
            if (due)
            {
                var east = 300 - (1.4 * Math.Min(second, stopAt));
                drill.Fix("u1", new LocalPoint(east, 0), accuracyM: 5, standsFor: TimeSpan.FromSeconds(walking ? 51 : 375));
                lastReport = second;
            }

            drill.Run(1);
            if (drill.Assess("u1").State == MotionState.Stale)
            {
                shownStale.Add(second);
            }
        }

        return shownStale;
    }

    [Fact]
    public void An_officer_whose_phone_reports_every_three_minutes_standing_still_and_says_so_is_not_shown_stale_and_is_alerted()
    {
        var drill = new Drill();

        var shownStale = RelayedOfficerHolding(drill, 720);

        Assert.Empty(shownStale);
        var u1 = drill.Assess("u1");
        Assert.Equal(MotionState.Holding, u1.State);
        Assert.Equal(FlagLevel.Alert, u1.Flag);
        Assert.StartsWith("holding 10 min at 146 m from the threat", u1.FlagReason);
    }

    [Fact]
    public void With_what_reports_say_ignored_the_same_officer_is_shown_stale_between_his_reports()
    {
        // Learned from his walk in, his cadence is 18 s: three of them without a report and he is stale, for two of
        // every three minutes he holds.
        var drill = new Drill(new AssessmentOptions { LongestStatedStale = TimeSpan.Zero });

        var shownStale = RelayedOfficerHolding(drill, 720);

        Assert.Contains(300, shownStale);
        Assert.Contains(500, shownStale);
    }

    [Fact]
    public void A_fix_said_to_stand_for_hours_stands_only_as_long_as_the_longest_stated_stale()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Fix("u1", new LocalPoint(200, 0), standsFor: TimeSpan.FromHours(2));

        drill.Run(600);
        Assert.NotEqual(MotionState.Stale, drill.Assess("u1").State);
        drill.Run(1);
        Assert.Equal(MotionState.Stale, drill.Assess("u1").State);
    }

    [Fact]
    public void How_long_a_fix_stands_outlives_a_snapshot()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Fix("u1", new LocalPoint(200, 0), standsFor: TimeSpan.FromSeconds(300));
        drill.Run(100);

        var json = System.Text.Json.JsonSerializer.Serialize(drill.Stream.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
        var restored = new IncidentStream();
        restored.Restore(System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentSnapshot)!);

        restored.Tick(Drill.Start.AddSeconds(299), []);
        Assert.NotEqual(MotionState.Stale, restored.Projection.Assess("u1")?.State);
        restored.Tick(Drill.Start.AddSeconds(301), []);
        Assert.Equal(MotionState.Stale, restored.Projection.Assess("u1")?.State);
    }
}

using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Tests.Assessment;
using Command.Domain.Units;

namespace Command.Domain.Tests.Zones;

/// <summary>
/// A unit whose reports stopped is not known to be where it was: once the board shows it stale it covers no zone, and
/// it counts again as soon as it reports from inside.
/// </summary>
public sealed class SilentOccupantTests
{
    [Fact]
    public void A_collection_point_whose_only_medic_went_silent_is_watched_and_cleared_when_he_reports_there_again()
    {
        // M1 reports every second from inside CCP North and goes silent at 30 s: stale once 15 s have passed, at 46 s
        // (three of his intervals, and 15 s at least). The host restarts while he is silent.
        var drill = ZoneRuleTests.Campus();
        drill.Threat("T1", 0, 0);
        drill.Enrol("m1", UnitRole.Medical);
        drill.Move("m1", Drill.Still(0, 220));
        drill.Run(30);
        drill.Silence("m1");
        drill.Run(100);
        drill.Restart();
        drill.Run(110);
        var silent = (drill.Assess("m1").State, drill.Projection.SilentSince("m1"), drill.Projection.Occupancy!.Occupants("ccp")["m1"]);

        drill.Fix("m1", new LocalPoint(0, 220));
        drill.Run(5);

        // Still placed inside while silent, as where he was last heard; inside again from the report that ended it.
        Assert.Equal((MotionState.Stale, Drill.Start.AddSeconds(30), Drill.Start.AddSeconds(1)), silent);
        Assert.Equal((null, Drill.Start.AddSeconds(240)), (drill.Projection.SilentSince("m1"), drill.Projection.Occupancy!.Occupants("ccp")["m1"]));
        Assert.Equal(
            [
                "226 FlagRaised casualty collection point CCP North has had no medical unit for 3 min; stale there: M1 (last heard 3 min ago)",
                "240 FlagCleared a medical unit is at CCP North: M1",
            ],
            CollectionPoint(drill));
    }

    [Fact]
    public void A_unit_covers_its_zone_until_the_board_shows_it_stale_by_what_its_last_report_said()
    {
        // M1 reports every 10 s; his last report, at 55 s, says his fix stands for two minutes, as a device that reports
        // less often standing still does. The board shows him stale from 176 s, and the collection point's rule is
        // broken from then, not before.
        var drill = ZoneRuleTests.Campus();
        drill.Threat("T1", 0, 0);
        drill.Enrol("m1", UnitRole.Medical);
        drill.Move("m1", Drill.Still(0, 220), cadence: 10);
        drill.Run(55);
        drill.Silence("m1");
        drill.Fix("m1", new LocalPoint(0, 221), standsFor: TimeSpan.FromMinutes(2));
        double? shownStale = null, broken = null;
        while (drill.Elapsed < 240)
        {
            drill.Run(1);
            shownStale ??= drill.Assess("m1").State == MotionState.Stale ? drill.Elapsed : null;
            broken ??= drill.Projection.ZoneRuleBrokenSince("ccp") is { } since ? (since - Drill.Start).TotalSeconds : null;
        }

        Assert.Equal((176.0, 176.0), (shownStale, broken));
    }

    [Fact]
    public void A_unit_whose_device_signed_off_covers_its_zone_no_more_from_that_moment()
    {
        var drill = ZoneRuleTests.Campus();
        drill.Threat("T1", 0, 0);
        drill.Enrol("m1", UnitRole.Medical);
        drill.Move("m1", Drill.Still(0, 220), cadence: 30);
        drill.Run(60);
        drill.Silence("m1");
        drill.Feed(new UnitSignedOff("m1", "cot:m1@10.20.0.2"));
        var brokenSince = drill.Projection.ZoneRuleBrokenSince("ccp");
        drill.Run(200);

        Assert.Equal(Drill.Start.AddSeconds(60), brokenSince);
        Assert.Equal(["240 FlagRaised casualty collection point CCP North has had no medical unit for 3 min; stale there: M1 (last heard 3 min ago)"], CollectionPoint(drill));
    }

    [Fact]
    public void A_silent_units_zone_flags_replay_as_they_were_derived()
    {
        var drill = ZoneRuleTests.Campus();
        drill.Threat("T1", 0, 0);
        drill.Enrol("m1", UnitRole.Medical);
        drill.Move("m1", Drill.Still(0, 220), cadence: 5);
        drill.Run(40);
        drill.Silence("m1");
        drill.Run(300);
        drill.Fix("m1", new LocalPoint(0, 219));
        drill.Run(10);

        var replay = new IncidentStream();
        var folded = new List<IncidentEvent>();
        foreach (var e in drill.Recorded)
        {
            replay.Replay(e, folded);
        }

        replay.ReplayTo(drill.Now, folded);
        Assert.Equal(2, CollectionPoint(drill).Length);
        Assert.Equal(drill.Recorded.Select(EventJson.Serialize), folded.Select(EventJson.Serialize));
    }

    private static string[] CollectionPoint(Drill drill) =>
        [.. drill.Derived.Where(e => e is FlagRaised { Subject: "zone:ccp" } or FlagEscalated { Subject: "zone:ccp" } or FlagCleared { Subject: "zone:ccp" })
            .Select(e => $"{(e.Time - Drill.Start).TotalSeconds} {e.GetType().Name} {(e as FlagRaised)?.Reason ?? (e as FlagEscalated)?.Reason ?? (e as FlagCleared)?.Reason}")];
}

using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;

namespace Command.Domain.Tests.Assessment;

/// <summary>A drill drives the incident: units are judged on the drill's clock, paused with it and fast with it.</summary>
public sealed class DrillTimeTests
{
    // Walks in from 200 m at 1.5 m/s and stands 80 m out from the 80th second of the script on.
    private static LocalPoint WalksInAndHolds(double scriptS) => new(Math.Max(80, 200 - (1.5 * scriptS)), 0);

    [Fact]
    public void A_hold_the_script_makes_four_minutes_long_is_flagged_as_four_minutes_when_played_at_4x()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Feed(new DrillControlled("start", "demo", "drill", Speed: 4));

        Play(drill, "u1", WalksInAndHolds, scriptSeconds: 320, speed: 4);

        // 80 s passed here; the script's hold is 240 s long, and that is what the flag says and the board counts.
        Assert.Equal(80, drill.Elapsed, 3);
        var unit = drill.Assess("u1");
        var flag = drill.Projection.FlagOn("u1")!;
        Assert.Equal(FlagLevel.Alert, unit.Flag);
        Assert.Matches(@"^holding [34] min at 80 m", unit.FlagReason);
        Assert.InRange(unit.HoldS!.Value, 200, 260);
        Assert.InRange((drill.Now - unit.StateSince!.Value).TotalSeconds, 200, 260);
        // When the flag went up is shown on the incident's clock: within the 80 s that passed, not in the drill's future.
        Assert.InRange(flag.RaisedAt, Drill.Start, drill.Now);
    }

    [Fact]
    public void A_paused_drill_flags_nobody_for_the_pause_and_its_holds_go_on_from_where_they_stood()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Feed(new DrillControlled("start", "demo", "drill", Speed: 1));
        drill.Move("u1", WalksInAndHolds);
        drill.Run(90);
        var before = drill.Assess("u1");

        drill.Feed(new DrillControlled("pause", "demo", "commander", Speed: 0));
        drill.Silence("u1");
        drill.Run(300);
        var paused = drill.Assess("u1");
        var raisedInPause = drill.Derived.OfType<FlagRaised>().Count();

        drill.Feed(new DrillControlled("resume", "demo", "commander", Speed: 1));
        drill.Move("u1", t => WalksInAndHolds(t - 300));
        drill.Run(40);
        var resumed = drill.Assess("u1");

        Assert.Equal(0, raisedInPause);
        Assert.Equal(before.State, paused.State);
        Assert.NotEqual(MotionState.Stale, paused.State);
        Assert.Equal(before.HoldS, paused.HoldS);
        // Ten seconds of hold before the pause and forty after: flagged as a hold of under a minute, not of six.
        Assert.Equal(FlagLevel.Watch, resumed.Flag);
        Assert.Matches(@"^holding [2-5]\d s at 80 m", resumed.FlagReason);
    }

    [Fact]
    public void Without_the_pause_the_same_silence_reads_as_a_unit_gone_stale_and_a_hold_of_six_minutes()
    {
        // The case the paused clock exists for: the same five minutes with the drill's clock left running.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", WalksInAndHolds);
        drill.Run(90);
        drill.Silence("u1");
        drill.Run(300);
        var silent = drill.Assess("u1");
        drill.Move("u1", t => WalksInAndHolds(t - 300));
        drill.Run(40);

        Assert.Equal(MotionState.Stale, silent.State);
        Assert.Equal(FlagLevel.Alert, drill.Assess("u1").Flag);
        Assert.Matches(@"^holding [56] min at 80 m", drill.Assess("u1").FlagReason);
    }

    [Fact]
    public void A_drill_played_fast_and_paused_folds_the_same_after_a_snapshot_and_in_replay()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Feed(new DrillControlled("start", "demo", "drill", Speed: 4));
        Play(drill, "u1", WalksInAndHolds, scriptSeconds: 120, speed: 4);
        drill.Feed(new DrillControlled("pause", "demo", "commander", Speed: 0));
        drill.Run(60);
        var json = System.Text.Json.JsonSerializer.Serialize(drill.Projection.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
        var snapshot = System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentSnapshot)!;
        var paused = drill.Projection.DrillClockNotice;
        var taken = drill.Recorded.Count;
        drill.Feed(new DrillControlled("resume", "demo", "commander", Speed: 4));
        Play(drill, "u1", s => WalksInAndHolds(s + 120), scriptSeconds: 200, speed: 4);

        var replayed = new IncidentProjection();
        foreach (var e in drill.Recorded)
        {
            replayed.Apply(e);
        }

        var resumed = new IncidentProjection();
        resumed.Restore(snapshot);
        foreach (var e in drill.Recorded.Skip(taken))
        {
            resumed.Apply(e);
        }

        Assert.NotNull(snapshot.DrillClock);
        Assert.Equal(new DrillClockNotice(0, Drill.Start.AddSeconds(30), "commander", "demo"), paused);
        Assert.Equal(paused, snapshot.DrillClockNotice);
        Assert.Equal(new DrillClockNotice(4, drill.Projection.DrillClockNotice!.Since, "commander", "demo"), resumed.DrillClockNotice);
        Assert.Equal(drill.Assess("u1"), replayed.Assess("u1"));
        Assert.Equal(drill.Assess("u1"), resumed.Assess("u1"));
        Assert.Equal(drill.Projection.FlagOn("u1"), resumed.FlagOn("u1"));
    }

    // Plays the script second by second at the drill's speed: a fix and a tick each script second, 1/speed apart here.
    private static void Play(Drill drill, string id, Func<double, LocalPoint> path, double scriptSeconds, double speed)
    {
        for (var s = 1; s <= scriptSeconds; s++)
        {
            drill.Wait(TimeSpan.FromSeconds(1 / speed));
            drill.Fix(id, path(s));
            drill.Stream.Tick(drill.Now, drill.Recorded);
        }
    }

    [Fact]
    public void A_full_frame_says_units_are_judged_on_a_paused_drill_clock_and_on_the_incidents_once_it_stops()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Feed(new DrillControlled("start", "demo", "drill", Speed: 4));
        drill.Wait(TimeSpan.FromSeconds(10));
        drill.Feed(new DrillControlled("pause", "demo", "Lt. Ortiz", Speed: 0));

        var paused = Command.Domain.Views.FrameCoalescer.Full("I1", drill.Projection, 1).DrillClock;
        drill.Feed(new DrillControlled("stop", "demo", "Lt. Ortiz", Speed: 1));
        var stopped = Command.Domain.Views.FrameCoalescer.Full("I1", drill.Projection, 2).DrillClock;

        Assert.Equal(new DrillClockNotice(0, Drill.Start.AddSeconds(10), "Lt. Ortiz", "demo"), paused);
        Assert.Null(stopped);
    }
}

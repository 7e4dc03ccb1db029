using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;

namespace Command.Domain.Tests.Assessment;

/// <summary>
/// A unit whose device says its course with its speed is heard on which way it heads: toward the threat it is not
/// holding, whatever its fixes show, and once in a hold it is cleared on that word and fixes that do not contradict
/// it; away from it for 10 s it is moving away. Toward is along the walking paths where the site has them.
/// </summary>
public sealed class StatedCourseTests
{
    // Courses on this open ground: the threat is at the origin and every unit east of it.
    private const double West = 270;
    private const double East = 90;
    private const double North = 0;

    [Fact]
    public void A_unit_whose_receiver_says_it_heads_for_the_threat_is_not_held_on_fixes_that_scatter()
    {
        // A tracker every 10 s with 17 m of noise and a bias that wanders 8 m walks in from 500 m at 1 m/s for five
        // minutes. Twenty noise draws: heard heading in, none is flagged; on its speed alone, its fixes now and then
        // look like a stop long enough to be one.
        LocalPoint Path(double t) => new(500 - t, 0);
        var flaggedOnSpeed = 0;
        for (var seed = 1; seed <= 20; seed++)
        {
            var heard = Played(300, 10, Drill.Noisy(Path, 12, 8, seed), _ => (1.0, West));
            var speedOnly = Played(300, 10, Drill.Noisy(Path, 12, 8, seed), _ => (1.0, null));

            Assert.Empty(heard.Derived.OfType<FlagRaised>());
            flaggedOnSpeed += speedOnly.Derived.OfType<FlagRaised>().Count();
        }

        Assert.True(flaggedOnSpeed > 0, "on its speed alone no walk in was flagged: the test shows nothing");
    }

    [Fact]
    public void A_receiver_that_keeps_saying_it_walks_in_while_its_fixes_stand_still_is_not_believed()
    {
        // A tracker every 10 s with 4 m of noise walks in at 1.3 m/s and stops 150 m out at 60 s; its reports go on
        // saying 1.3 m/s toward the threat, as a device that repeats a speed it no longer measures sends them. Once its
        // fixes since its last progress rule out walking in over a minute, it is flagged holding: within 30 s of when
        // the same fixes with no speed said are (its noise moved its progress on a little after the stop).
        LocalPoint Path(double t) => new(t < 60 ? 228 - (1.3 * t) : 150, 0);
        var drill = Played(200, 10, Drill.Noisy(Path, 2.8, 0.5, seed: 4), _ => (1.3, West));
        var onFixes = Played(200, 10, Drill.Noisy(Path, 2.8, 0.5, seed: 4), _ => (0, null));

        var raised = Assert.Single(drill.Derived.OfType<FlagRaised>());
        Assert.StartsWith("holding", raised.Reason, StringComparison.Ordinal);
        Assert.InRange((raised.Time - Drill.Start).TotalSeconds, 80, 150);
        Assert.InRange((raised.Time - Assert.Single(onFixes.Derived.OfType<FlagRaised>()).Time).TotalSeconds, 0, 30);
    }

    [Fact]
    public void A_unit_whose_receiver_says_it_heads_away_is_flagged_moving_away_sooner_than_its_fixes_show_it()
    {
        // An ATAK phone every 8 s with 14 m of noise walks in to 150 m by 60 s, then turns and walks away at 1.2 m/s.
        LocalPoint Path(double t) => new(t < 60 ? 234 - (1.4 * t) : 150 + (1.2 * (t - 60)), 0);
        (double, double?) Said(double t) => t < 60 ? (1.4, West) : (1.2, East);
        var heard = Played(200, 8, Drill.Noisy(Path, 10, 1, seed: 3), Said);
        var speedOnly = Played(200, 8, Drill.Noisy(Path, 10, 1, seed: 3), t => (Said(t).Item1, null));

        var raised = Assert.Single(heard.Derived.OfType<FlagRaised>());
        Assert.Matches(@"^moving away for \d+ s \(its device says it heads away\), now \d+ m from the threat; no backup reporting$", raised.Reason);
        var raisedOnFixes = Assert.Single(speedOnly.Derived.OfType<FlagRaised>()).Time;
        Assert.InRange((raised.Time - Drill.Start).TotalSeconds, 70, 90);
        Assert.True(raised.Time < raisedOnFixes, $"heard heading away: flagged at {raised.Time:mm:ss}; on its speed alone at {raisedOnFixes:mm:ss}");
    }

    [Fact]
    public void The_board_shows_the_closing_rate_the_receiver_measured_outdoors()
    {
        // The phone that turns away at 60 s: on its second report after the turn the board shows it closing at the
        // -1.2 m/s its receiver measured; on its speed alone, the slope of 30 s of fixes that still span the turn.
        LocalPoint Path(double t) => new(t < 60 ? 234 - (1.4 * t) : 150 + (1.2 * (t - 60)), 0);
        (double, double?) Said(double t) => t < 60 ? (1.4, West) : (1.2, East);
        var heard = Played(72, 8, Drill.Noisy(Path, 5.6, 1, seed: 3), Said);
        var speedOnly = Played(72, 8, Drill.Noisy(Path, 5.6, 1, seed: 3), t => (Said(t).Item1, null));

        Assert.Equal(-1.2, heard.Assess("u1").ClosingRateMps!.Value, 2);
        Assert.True(speedOnly.Assess("u1").ClosingRateMps > -0.6, $"on its speed alone the board shows {speedOnly.Assess("u1").ClosingRateMps:F2} m/s");
    }

    [Fact]
    public void A_unit_in_a_hold_whose_receiver_says_it_heads_away_is_shown_moving_away_at_once()
    {
        // The same phone holds at 150 m from 60 s to 120 s, is flagged, and walks away at 1.2 m/s from 120 s.
        LocalPoint Path(double t) => new(t < 60 ? 234 - (1.4 * t) : t < 120 ? 150 : 150 + (1.2 * (t - 120)), 0);
        (double, double?) Said(double t) => t < 60 ? (1.4, West) : t < 120 ? (0.05, North) : (1.2, East);
        var heard = Played(136, 8, Drill.Noisy(Path, 5.6, 1, seed: 3), Said);
        var speedOnly = Played(136, 8, Drill.Noisy(Path, 5.6, 1, seed: 3), t => (Said(t).Item1, null));

        Assert.Single(heard.Derived.OfType<FlagRaised>());
        Assert.Equal(MotionState.Opening, heard.Assess("u1").State);
        Assert.Equal(MotionState.Holding, speedOnly.Assess("u1").State);
    }

    [Fact]
    public void A_unit_whose_receiver_says_it_heads_for_the_threat_again_is_cleared_sooner_with_the_words()
    {
        // A tracker every 10 s with 15 m of noise holds 200 m out from 40 s and walks in again at 1.2 m/s from 180 s.
        LocalPoint Path(double t) => new(t < 40 ? 250 - (1.25 * t) : t < 180 ? 200 : 200 - (1.2 * (t - 180)), 0);
        (double, double?) Said(double t) => t is >= 40 and < 180 ? (0.1, North) : (1.2, West);
        var heard = Played(300, 10, Drill.Noisy(Path, 10.6, 1, seed: 3), Said);
        var speedOnly = Played(300, 10, Drill.Noisy(Path, 10.6, 1, seed: 3), t => (Said(t).Item1, null));

        var cleared = Assert.Single(heard.Derived.OfType<FlagCleared>());
        var clearedOnSpeed = Assert.Single(speedOnly.Derived.OfType<FlagCleared>()).Time;
        Assert.Matches(@"^closing at 1\.2 m/s \(its device says it heads for the threat\), \d+ m nearer than where it held; \d+ m from the threat$", cleared.Reason);
        Assert.InRange((cleared.Time - Drill.Start).TotalSeconds, 190, 210);
        Assert.True(cleared.Time < clearedOnSpeed, $"heard heading in: cleared at {cleared.Time:mm:ss}; on its speed alone at {clearedOnSpeed:mm:ss}");
    }

    [Fact]
    public void A_unit_walking_back_in_from_a_retreat_is_not_held_on_fixes_from_the_retreat()
    {
        // An ATAK phone every 8 s with 4.5 m of noise walks in to 200 m by 40 s and holds; at 100 s it turns and walks
        // away at 1.1 m/s, stands at 288 m from 180 s, and walks back in at 1.6 m/s from 192 s, its receiver saying so
        // throughout; multipath throws its three fixes from 216 s 30-70 m behind it, as if it moved away again. Ten noise draws: its flag clears once as
        // it walks back in, and is not raised again. Before, a line through the last minute's fixes, retreat and all,
        // ruled out its walking in: it was flagged again, holding or moving away, at 1.6 m/s.
        LocalPoint Truth(double t) => new(t < 40 ? 256 - (1.4 * t) : t < 100 ? 200 : t < 180 ? 200 + (1.1 * (t - 100)) : t < 192 ? 288 : 288 - (1.6 * (t - 192)), 0);
        LocalPoint Path(double t) => Truth(t) + new LocalPoint(t is >= 216 and < 240 ? 30 + (1.6 * (t - 216)) : 0, 0);
        (double, double?) Said(double t) => t < 40 ? (1.4, West) : t < 100 ? (0.1, North) : t < 180 ? (1.1, East) : t < 192 ? (0.1, North) : (1.6, West);
        for (var seed = 1; seed <= 10; seed++)
        {
            var drill = Played(330, 8, Drill.Noisy(Path, 3.2, 1, seed), Said);

            var cleared = Assert.Single(drill.Derived.OfType<FlagCleared>()).Time;
            Assert.InRange((cleared - Drill.Start).TotalSeconds, 200, 240);
            Assert.DoesNotContain(drill.Derived.OfType<FlagRaised>(), r => r.Time > cleared);
            Assert.Equal(MotionState.Closing, drill.Assess("u1").State);
        }
    }

    [Fact]
    public void A_unit_whose_receiver_says_it_walks_across_is_not_cleared_on_its_speed()
    {
        // A phone every 3 s with 12 m of noise holds 200 m out, then walks round the threat at 1.2 m/s, no nearer.
        // Twenty noise draws: heard walking across, none clears; on its speed alone, its noise now and then does.
        LocalPoint Path(double t)
        {
            var angle = t < 120 ? 0 : 1.2 * (t - 120) / 200;
            return t < 30 ? new(236 - (1.2 * t), 0) : new(200 * Math.Cos(angle), 200 * Math.Sin(angle));
        }

        (double, double?) Said(double t) => t < 120 ? (t < 30 ? 1.2 : 0.1, West) : (1.2, (360 - (1.2 * (t - 120) / 200 * 180 / Math.PI)) % 360);
        var clearedOnSpeed = 0;
        for (var seed = 1; seed <= 20; seed++)
        {
            var heard = Played(400, 3, Drill.Noisy(Path, 8.5, 1, seed), Said);
            var speedOnly = Played(400, 3, Drill.Noisy(Path, 8.5, 1, seed), t => (Said(t).Item1, null));

            Assert.Contains(heard.Derived, e => e is FlagRaised);
            Assert.Empty(heard.Derived.OfType<FlagCleared>());
            clearedOnSpeed += speedOnly.Derived.OfType<FlagCleared>().Count();
        }

        Assert.True(clearedOnSpeed > 0, "on its speed alone no walk across cleared the flag: the test shows nothing");
    }

    [Fact]
    public void Where_the_site_has_walking_paths_a_unit_heads_for_the_threat_along_them()
    {
        // The threat is inside a building 200 m wide and 100 m deep whose only door faces south; a tracker every 10 s
        // with 4 m of noise holds 80 m north of it and 20 m east (the walk round the east side the shorter), and from
        // 150 s walks east along the north side to go round to the door. Each step east takes it further from the
        // threat by the straight line and nearer by the walking path: its receiver's course says it heads for the
        // threat, and the flag clears on its word. With no walking paths it says nothing: the straight line calls the
        // walk across, and the flag stays up.
        var probe = new Drill();
        var building = probe.Box("main", -100, -50, 100, 50);
        var walks = new WalkGraph(
            [
                new WalkNode("n", probe.Geo(0, 80), 0, "outdoor"), new WalkNode("ne", probe.Geo(110, 80), 0, "outdoor"),
                new WalkNode("se", probe.Geo(110, -70), 0, "outdoor"), new WalkNode("s", probe.Geo(0, -70), 0, "outdoor"),
                new WalkNode("door", probe.Geo(0, -50), 0, "door"), new WalkNode("hall", probe.Geo(0, -20), 0, "corridor"),
            ],
            [new WalkEdge("n", "ne"), new WalkEdge("ne", "se"), new WalkEdge("se", "s"), new WalkEdge("s", "door"), new WalkEdge("door", "hall")]);
        LocalPoint Path(double t) => new(20 + (t < 150 ? 0 : 1.2 * (t - 150)), 80);
        (double, double?) Said(double t) => t < 20 ? (1.2, 180) : t < 150 ? (0.1, North) : (1.2, East);

        var paths = Played(210, 10, Drill.Noisy(Path, 2.8, 0.5, seed: 2), Said, Drill.SiteWith([building], walks));
        var open = Played(210, 10, Drill.Noisy(Path, 2.8, 0.5, seed: 2), Said, Drill.SiteWith([building]));

        Assert.Single(paths.Derived.OfType<FlagRaised>());
        var cleared = Assert.Single(paths.Derived.OfType<FlagCleared>());
        Assert.Contains("(its device says it heads for the threat)", cleared.Reason, StringComparison.Ordinal);
        Assert.InRange((cleared.Time - Drill.Start).TotalSeconds, 160, 180);
        Assert.Single(open.Derived.OfType<FlagRaised>());
        Assert.Empty(open.Derived.OfType<FlagCleared>());
    }

    [Fact]
    public void What_a_report_said_of_its_course_outlives_a_snapshot()
    {
        // The walk back in of the clearing test, the incident restored from a snapshot taken after its first report
        // heading in: cleared on its receiver's word on the next, as without the restart (the two span the 10 s).
        LocalPoint Path(double t) => new(t < 40 ? 250 - (1.25 * t) : t < 180 ? 200 : 200 - (1.2 * (t - 180)), 0);
        (double, double?) Said(double t) => t is >= 40 and < 180 ? (0.1, North) : (1.2, West);
        var path = Drill.Noisy(Path, 10.6, 1, seed: 3);
        var drill = Played(185, 10, path, Said);
        var restored = drill.Restarted();
        var frame = new LocalFrame(Drill.Origin);
        List<IncidentEvent> recorded = [];
        for (var second = 186; second <= 300; second++)
        {
            var now = Drill.Start.AddSeconds(second);
            if (second % 10 == 0)
            {
                var (speed, course) = Said(second);
                restored.Record(new PositionAccepted(new PositionReport("u1", ReportSource.Simulator, now, frame.ToGeo(path(second)), null, 8, speed, course)), now, recorded);
            }

            restored.Tick(now, recorded);
        }

        var uninterrupted = Played(300, 10, Drill.Noisy(Path, 10.6, 1, seed: 3), Said);
        var cleared = Assert.Single(uninterrupted.Derived.OfType<FlagCleared>()).Time;
        Assert.Equal(Drill.Start.AddSeconds(190), cleared);
        Assert.Equal(cleared, Assert.Single(recorded.OfType<FlagCleared>()).Time);
    }

    // Threat T1 at the origin, contact unit u1 reporting every cadence seconds from the first with its 8 m accuracy and
    // the speed and course it says, run for the given seconds.
    private static Drill Played(int seconds, int cadence, Func<double, LocalPoint> path, Func<double, (double Speed, double? Course)> said, Site? site = null)
    {
        var drill = new Drill(site: site);
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        return drill.Report("u1", seconds, cadence, path, t => said(t), accuracyM: 8);
    }
}

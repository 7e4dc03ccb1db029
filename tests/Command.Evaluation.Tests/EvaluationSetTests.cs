using Command.Domain.Assessment;
using Command.Domain.Geometry;
using Command.Domain.Walking;
using Command.Evaluation.Harness;

namespace Command.Evaluation.Tests;

/// <summary>
/// The assessment over the whole labelled evaluation set (seed 2026, 360 incidents, about 130 unit-hours), fed
/// exactly as the incident grain feeds it. The figures are exact: a change to the doctrine or the filters that moves
/// any of them must update them here, on purpose. A held-out seed is held to the targets it meets.
/// </summary>
public sealed class EvaluationSetTests(ITestOutputHelper output)
{
    private static readonly Lazy<EvaluationFigures> Figures = new(() =>
    {
        var set = EvaluationSet.Generate();
        return EvaluationScore.Score(set.Select(i => (i, EvaluationRun.Run(i))), AssessmentOptions.Default);
    });

    [Fact]
    public void Set_is_the_same_every_time_it_is_generated()
    {
        var a = EvaluationSet.Generate(incidents: 12);
        var b = EvaluationSet.Generate(incidents: 12);

        Assert.Equal(a.SelectMany(i => i.Tracks.SelectMany(t => t.Fixes)), b.SelectMany(i => i.Tracks.SelectMany(t => t.Fixes)));
    }

    [Fact]
    public void A_harsher_world_has_the_same_incidents_and_noisier_devices()
    {
        var tuned = EvaluationSet.Generate(incidents: 24);
        var same = EvaluationSet.Generate(incidents: 24, noiseScale: 1);
        var harsher = EvaluationSet.Generate(incidents: 24, noiseScale: 2);

        Assert.Equal(tuned.SelectMany(i => i.Tracks.SelectMany(t => t.Fixes)), same.SelectMany(i => i.Tracks.SelectMany(t => t.Fixes)));
        Assert.Equal(tuned.SelectMany(i => i.Tracks.Select(t => t.Truth)), harsher.SelectMany(i => i.Tracks.Select(t => t.Truth)));
        // Each incident's first device is drawn before any fix is: the same device, twice as noisy.
        Assert.All(tuned.Zip(harsher), p =>
        {
            var (a, b) = (p.First.Tracks[0], p.Second.Tracks[0]);
            Assert.Equal(a.Profile, b.Profile);
            Assert.InRange(b.NoiseM, (2 * a.NoiseM) - 0.11, (2 * a.NoiseM) + 0.11);
            Assert.InRange(b.IndoorNoiseM, (2 * a.IndoorNoiseM) - 0.11, (2 * a.IndoorNoiseM) + 0.11);
        });
        Assert.InRange(Error(harsher) / Error(tuned), 1.6, 2.6);
    }

    [Fact]
    public void With_walks_each_threats_building_has_its_door_where_its_units_walk_in_and_the_walk_is_the_straight_line_there()
    {
        var plain = EvaluationSet.Generate(incidents: 36);
        var walks = EvaluationSet.Generate(incidents: 36, walks: true);

        // The same incidents and fixes; a door only where there is a building.
        Assert.Equal(plain.SelectMany(i => i.Tracks.SelectMany(t => t.Fixes)), walks.SelectMany(i => i.Tracks.SelectMany(t => t.Fixes)));
        Assert.Contains(walks, i => i.Building is not null);
        Assert.All(walks, i => Assert.Equal(i.Building is not null, i.DoorBearingRad is not null));
        Assert.All(plain, i => Assert.Null(i.DoorBearingRad));

        // The subject walks in on its bearing through the door: at every second of its walk, outside or in, the walk
        // to the threat is the straight line.
        var indoor = walks.First(i => i.Kind == "indoor");
        var frame = new LocalFrame(EvaluationRun.Origin);
        var field = new DistanceField(new WalkNetwork(EvaluationRun.SiteOf(indoor, frame), frame, 3.5), new LocalPoint(0, 0), 0, 40, 3);
        Assert.All(indoor.Tracks[0].Truth, s => Assert.Equal(s.Position.Length, field.PathDistance(s.Position, 0)!.Value, 6));
        // Off its bearing the building is in the way: the walk goes round to the door.
        var aside = new LocalPoint(-indoor.Tracks[0].Truth[0].Position.East, -indoor.Tracks[0].Truth[0].Position.North);
        Assert.True(field.PathDistance(aside, 0) > aside.Length + 10);
    }

    [Fact]
    public void Atak_at_its_dynamic_rate_reports_by_the_phones_speed_and_says_how_long_each_fix_stands()
    {
        var tracks = EvaluationSet.Generate().SelectMany(i => i.Tracks).Where(t => t.Profile is "atak-mesh" or "atak-server").ToList();

        Assert.Contains(tracks, t => t.Profile == "atak-mesh");
        Assert.Contains(tracks, t => t.Profile == "atak-server");
        Assert.All(tracks.SelectMany(t => t.Fixes.Select(f => (t.Profile, f))), x =>
        {
            // Standing still (below 1 mph) it says twice its still rate and 15 s; on the move, twice 2-20 s and 15 s.
            var still = x.f.SpeedMps < 0.44704;
            Assert.Equal(still, x.f.StandsS > 55);
            if (still)
            {
                Assert.Equal(x.Profile == "atak-server" ? 375 : 75, x.f.StandsS);
            }
        });
        // Through a TAK server a unit standing still is silent for three minutes at a time.
        Assert.Contains(tracks.Where(t => t.Profile == "atak-server"), t => t.Fixes.Zip(t.Fixes.Skip(1)).Any(p => p.Second.Second - p.First.Second >= 180));
    }

    // Root mean square distance of every fix from the truth at its second.
    private static double Error(IEnumerable<EvaluationIncident> set) =>
        Math.Sqrt(set.SelectMany(i => i.Tracks).SelectMany(t => t.Fixes.Select(f => (f.Point - t.Truth[f.Second].Position).Length))
            .Average(d => d * d));

    [Fact]
    public void Figures_for_the_shipped_seed_are_exactly_as_recorded()
    {
        // Pinned so that a change to the doctrine, the filters or the set moves them on purpose. They do not yet meet
        // the targets for missed holds, flags on units in contact, flaps and clear times.
        Assert.Equal(
            [
                "incidents 360, unit-hours evaluated 128.6 (closing at >= 1 m/s: 47.7)",
                "holds past grace by > 60 s: 201, flagged in time: 186, missed: 15 (shown arrived: 13; beyond what their fixes show by the deadline: 6)",
                "detection latency after grace: median 22.4 s, max 290.0 s",
                "shorter holds (within grace + 60 s) flagged: 18 of 26",
                "false flags on units closing at >= 1 m/s: 0 in 47.7 unit-hours (0.000 per unit-hour, 0.00 per 10 unit-hours)",
                "flags on tactical approaches (< 1 m/s): 2; on units in contact: 2 (indoors: 1); alerts on stair climbs: 0",
                "holds that flapped (a flag cleared or raised again while the unit held): 0 of 216 flagged",
                "flag turns to moving away while the unit only held (each brings back a flag acknowledged as holding): 0 in 0 holds",
                "flags cleared within 30 s or three fixes of closing again at >= 1 m/s: 130 of 146 (median 17 s, max 71 s); late or never: 16 (still up when the track ended: 6; beyond what their fixes show: 5)",
                "flags on exempt roles: 0",
                "reports from devices every 5 s or faster held back as multipath: 667 of 74656 that were not (0.9 %); 2397 of 2984 that were (80.3 %), the rest taken in",
            ],
            Print().Lines());
    }

    [Fact]
    public void The_fixes_marked_multipath_are_the_bursts_30_to_80_m_off()
    {
        var tracks = EvaluationSet.Generate(incidents: 60).SelectMany(i => i.Tracks).ToList();
        var off = tracks.SelectMany(t => t.Fixes.Select(f => (f.Multipath, OffM: f.Point.DistanceTo(t.Truth[f.Second].Position)))).ToList();
        var multipath = off.Where(f => f.Multipath).Select(f => f.OffM).ToList();

        // Each is 30-80 m off, give or take its device's noise and bias; few others are that far off.
        Assert.InRange(multipath.Count, 50, 5000);
        Assert.True(multipath.Count(m => m >= 20) >= 0.95 * multipath.Count, $"{multipath.Count(m => m < 20)} of {multipath.Count} multipath fixes are within 20 m of the truth");
        Assert.True(off.Count(f => !f.Multipath && f.OffM >= 30) <= 0.02 * off.Count, "more than 2 % of the other fixes are 30 m off the truth");
    }

    [Fact]
    public void Devices_say_the_speed_their_receiver_measures_and_without_it_send_the_same_fixes()
    {
        var said = EvaluationSet.Generate(incidents: 24).SelectMany(i => i.Tracks).ToList();
        var unsaid = EvaluationSet.Generate(incidents: 24, speeds: false).SelectMany(i => i.Tracks).ToList();

        Assert.Equal(unsaid.SelectMany(t => t.Fixes.Select(f => (f.Second, f.Point))), said.SelectMany(t => t.Fixes.Select(f => (f.Second, f.Point))));
        // Without, only ATAK at its dynamic rate says a speed (it reports by it).
        Assert.All(unsaid.Where(t => t.Profile is not ("atak-mesh" or "atak-server")).SelectMany(t => t.Fixes), f => Assert.Null(f.SpeedMps));

        // With, phones, ATAK and trackers always; radios and apps on the JSON API about half of them. Standing under the
        // sky a receiver reads within a quarter of a metre a second almost always, walking at walking pace; an APRS
        // radio in whole knots.
        Assert.All(said.Where(t => t.Profile is "phone" or "atak" or "tracker").SelectMany(t => t.Fixes), f => Assert.NotNull(f.SpeedMps));
        var stating = said.Where(t => t.Profile is "radio" or "app").Count(t => t.Fixes.Any(f => f.SpeedMps is not null));
        Assert.InRange(stating, said.Count(t => t.Profile is "radio" or "app") / 4, 3 * said.Count(t => t.Profile is "radio" or "app") / 4);
        var outdoors = said.Where(t => t.Profile is not ("atak-mesh" or "atak-server"))
            .SelectMany(t => t.Fixes.Where(f => f.SpeedMps is not null && !t.Truth[f.Second].Indoors).Select(f => (Truth: t.Truth[f.Second].SpeedMps, Said: f.SpeedMps!.Value)))
            .ToList();
        var standing = outdoors.Where(f => f.Truth == 0).ToList();
        Assert.True(standing.Count(f => f.Said < 0.25) >= 0.9 * standing.Count, $"{standing.Count(f => f.Said >= 0.25)} of {standing.Count} standing outdoors said 0.25 m/s or more");
        var walking = outdoors.Where(f => f.Truth >= 1).ToList();
        Assert.True(walking.Count(f => f.Said >= 0.8) >= 0.95 * walking.Count, $"{walking.Count(f => f.Said < 0.8)} of {walking.Count} walking outdoors said under 0.8 m/s");
        Assert.All(said.Where(t => t.Profile == "radio").SelectMany(t => t.Fixes).Where(f => f.SpeedMps is not null),
            f => Assert.Equal(0, Math.Round(f.SpeedMps!.Value / 0.514444, 6) % 1));
    }

    [Fact]
    public void Devices_say_their_course_with_their_speed_and_without_it_the_same_speeds()
    {
        var said = EvaluationSet.Generate(incidents: 24).SelectMany(i => i.Tracks).ToList();
        var unsaid = EvaluationSet.Generate(incidents: 24, courses: false).SelectMany(i => i.Tracks).ToList();

        Assert.Equal(unsaid.SelectMany(t => t.Fixes.Select(f => (f.Second, f.Point, f.SpeedMps))), said.SelectMany(t => t.Fixes.Select(f => (f.Second, f.Point, f.SpeedMps))));
        Assert.All(unsaid.SelectMany(t => t.Fixes), f => Assert.Null(f.CourseDeg));
        Assert.All(said.SelectMany(t => t.Fixes).Where(f => f.CourseDeg is not null), f => Assert.NotNull(f.SpeedMps));

        // Walking under the sky, the course is the way the unit heads, to a few degrees; an APRS radio's in whole degrees,
        // and none where its speed reads 0 knots.
        var walking = said.SelectMany(t => t.Fixes.Where(f => f.CourseDeg is not null && f.Second >= 2 && !t.Truth[f.Second].Indoors && t.Truth[f.Second].SpeedMps >= 1
                && t.Truth[f.Second - 1].SpeedMps >= 1).Select(f => (Heading: t.Truth[f.Second].Position - t.Truth[f.Second - 1].Position, Course: f.CourseDeg!.Value)))
            .ToList();
        Assert.True(walking.Count > 1000, $"only {walking.Count} walking fixes say a course");
        var off = walking.Select(w => Off(Math.Atan2(w.Heading.East, w.Heading.North) * 180 / Math.PI, w.Course)).ToList();
        Assert.True(off.Count(o => o <= 15) >= 0.95 * off.Count, $"{off.Count(o => o > 15)} of {off.Count} walking fixes said a course more than 15 degrees off");
        var radio = said.Where(t => t.Profile == "radio").SelectMany(t => t.Fixes).Where(f => f.SpeedMps is not null).ToList();
        Assert.All(radio.Where(f => f.CourseDeg is not null), f => Assert.Equal(0, f.CourseDeg!.Value % 1));
        Assert.All(radio.Where(f => f.SpeedMps == 0), f => Assert.Null(f.CourseDeg));

        static double Off(double a, double b) => Math.Abs(((a - b + 540) % 360) - 180);
    }

    [Theory]
    // On its buildings with walk graphs too: distances are walks there, round corners and through doors.
    [InlineData(false)]
    [InlineData(true)]
    public void A_held_out_seed_meets_the_false_flag_target_and_flags_no_exempt_role_and_no_stair_climb(bool walks)
    {
        var set = EvaluationSet.Generate(seed: 3, walks: walks);
        var figures = EvaluationScore.Score(set.Select(i => (i, EvaluationRun.Run(i))), AssessmentOptions.Default);

        Assert.Equal(0, figures.ExemptFlags);
        Assert.Equal(0, figures.Count("climbing-alert"));
        Assert.True(figures.FalseFlagsPerClosingUnitHour * 10 <= 1, $"{figures.FalseFlagsPerClosingUnitHour * 10:F2} false flags per 10 closing unit-hours on held-out seed 3{(walks ? " with walk graphs" : "")}; the target is 1");
    }

    [Fact]
    public void No_exempt_role_is_ever_flagged()
    {
        Assert.Equal(0, Print().ExemptFlags);
    }

    [Fact]
    public void Stair_climbs_raise_no_alert()
    {
        Assert.Equal(0, Print().Count("climbing-alert"));
    }

    private EvaluationFigures Print()
    {
        var figures = Figures.Value;
        foreach (var line in figures.Lines())
        {
            output.WriteLine(line);
        }

        return figures;
    }
}

using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Validation;

/// <summary>
/// Fixes further off than their device's stated speed could have taken the unit: a cloned ATAK install beside the
/// officer's phone, and the real moves, bursts and drills that must still be taken as before.
/// </summary>
public sealed class SuddenJumpTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 19, 9, 9, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(52.52, 13.405));

    // The threat is at (10, 0); BRAVO 2 holds 70 m south of it; the clone stands 210 m east of him and 110 m north.
    private static readonly LocalPoint Holding = new(10, -70);
    private static readonly LocalPoint Clone = new(220, 40);

    private static PositionReport At(double seconds, LocalPoint at, double? speedMps = 0, double accuracyM = 5, string unit = "ANDROID-u2") =>
        new(unit, ReportSource.CoT, T0.AddSeconds(seconds), Frame.ToGeo(at), AccuracyM: accuracyM, SpeedMps: speedMps);

    // As the drill throws an outdoor phone's fixes: a few metres mostly, 20-40 m one in twelve, 60 m one in twenty-five.
    private static LocalPoint Noisy(LocalPoint at, Random random)
    {
        var r = random.NextDouble();
        var metres = r < 0.04 ? 60 : r < 0.12 ? 20 + (20 * random.NextDouble()) : 1 + (4 * random.NextDouble());
        var angle = random.NextDouble() * 2 * Math.PI;
        return new LocalPoint(at.East + (metres * Math.Cos(angle)), at.North + (metres * Math.Sin(angle)));
    }

    // Each report in turn as the incident takes it: screened against the unit's latest fix taken; each one's refusal.
    private static List<(PositionReport Report, Rejection? Refused)> Feed(IEnumerable<PositionReport> reports, DrillClock? clock = null, Func<PositionReport, int>? roundOf = null)
    {
        var devices = new SecondDevices();
        var outcomes = new List<(PositionReport, Rejection?)>();
        PositionReport? latest = null;
        foreach (var report in reports.OrderBy(r => r.FixTime))
        {
            var round = roundOf?.Invoke(report) ?? 1;
            var sequence = FixSequence.Check(latest, report, ValidationOptions.Default, clock);
            var refusal = latest is null ? sequence : devices.Screen(report, latest, sequence, ValidationOptions.Default, clock, round);
            outcomes.Add((report, refusal));
            if (refusal is null)
            {
                latest = report;
                devices.Took(report, clock, round);
            }
        }

        return outcomes;
    }

    // The drill's traffic: the phone walks up from 230 m south at 1.5 m/s, saying so, and holds 70 m out saying 0 m/s,
    // every 5-12 s; the clone sends every 3-4 s, saying 0 m/s, from `after` s past the phone's first fix after 150 s, to
    // 190 s.
    private static (List<PositionReport> Phone, List<PositionReport> Clone) ClonedInstall(int seed, double after)
    {
        var random = new Random(seed);
        var phone = new List<PositionReport>();
        for (var s = 5.0; s < 300; s += 5 + (7 * random.NextDouble()))
        {
            var walked = Math.Min(160, 1.5 * (s - 5));
            phone.Add(At(s, Noisy(new LocalPoint(Holding.East, Holding.North - 160 + walked), random), walked < 160 ? 1.5 : 0));
        }

        var clone = new List<PositionReport>();
        var first = phone.First(p => p.FixTime > T0.AddSeconds(150)).FixTime.AddSeconds(after);
        for (var at = first; at < T0.AddSeconds(190); at = at.AddSeconds(3 + random.NextDouble()))
        {
            clone.Add(new PositionReport("ANDROID-u2", ReportSource.CoT, at, Frame.ToGeo(Noisy(Clone, random)), AccuracyM: 5, SpeedMps: 0));
        }

        return (phone, clone);
    }

    [Fact]
    public void A_cloned_install_whose_first_fix_jumps_from_a_phone_that_said_it_stood_still_is_never_taken_and_is_named_after_the_phones_next_fix()
    {
        // Its first fix 7.9 s after the phone's: 29 m/s, a speed a car reaches.
        var (phone, clone) = ClonedInstall(7, after: 7.9);

        var outcomes = Feed(phone.Concat(clone));

        var ofClone = outcomes.Where(o => clone.Contains(o.Report)).ToList();
        Assert.All(ofClone, o => Assert.NotNull(o.Refused));
        Assert.All(outcomes.Where(o => phone.Contains(o.Report)), o => Assert.Null(o.Refused));
        // Its first fix, saying 0 m/s 7.9 s after the phone's that said 0 m/s, is a dash no vehicle makes.
        Assert.Equal(RejectReason.SuddenJump, ofClone[0].Refused!.Reason);
        Assert.Matches(@"^2\d\d m in 7\.9 s from a fix that said 0\.0 m/s to one that says 0\.0 m/s: no vehicle gets that far gathering speed and braking at 5 m/s² \(at most 78 m\); held out until fixes from there have come for \d+ s$",
            ofClone[0].Refused!.Detail);
        // From its first fix after the phone's next, it is the second device, by name, for as long as it sends.
        var phoneNext = phone.First(p => p.FixTime > ofClone[0].Report.FixTime).FixTime;
        var named = ofClone.FindIndex(o => o.Report.FixTime > phoneNext);
        Assert.InRange(named, 1, 3);
        Assert.All(ofClone.Take(named), o => Assert.Contains(o.Refused!.Reason, new[] { RejectReason.SuddenJump, RejectReason.ImpliedSpeed }));
        Assert.All(ofClone.Skip(named), o => Assert.Contains(o.Refused!.Reason, new[] { RejectReason.SecondDevice, RejectReason.ImpliedSpeed }));
        Assert.EndsWith("from the place a fix jumped to faster than its device said it went, again after one where the track holds: two devices may be reporting as this unit",
            ofClone.First(o => o.Refused!.Reason == RejectReason.SecondDevice).Refused!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2026, 2)]
    [InlineData(42, 3.5)]
    [InlineData(9, 6)]
    [InlineData(5, 11)]
    public void A_cloned_install_is_never_taken_whichever_way_the_two_devices_interleave(int seed, double after)
    {
        var (phone, clone) = ClonedInstall(seed, after);

        var outcomes = Feed(phone.Concat(clone));

        Assert.All(outcomes, o => Assert.Equal(clone.Contains(o.Report), o.Refused is not null));
        Assert.Contains(outcomes, o => o.Refused?.Reason == RejectReason.SecondDevice);
    }

    [Fact]
    public void A_tracker_that_says_0_m_s_for_unknown_driving_off_at_25_m_s_is_taken_all_the_way()
    {
        // Parked for a minute, then off at 3 m/s² to 25 m/s, every 5 s, always saying 0 m/s.
        var drive = Enumerable.Range(0, 40).Select(i =>
        {
            var t = Math.Max(0, (5.0 * i) - 60);
            var metres = t <= 25.0 / 3 ? 1.5 * t * t : (1.5 * (25.0 / 3) * (25.0 / 3)) + (25 * (t - (25.0 / 3)));
            return At(5 * i, new LocalPoint(metres, 0), unit: "CAR-1");
        });

        Assert.All(Feed(drive), o => Assert.Null(o.Refused));
    }

    [Fact]
    public void A_car_that_says_its_speed_pulling_away_hard_is_taken_all_the_way()
    {
        // At rest, then off at 6 m/s² to 30 m/s, every 3 s.
        var drive = Enumerable.Range(0, 30).Select(i =>
        {
            var t = Math.Max(0, (3.0 * i) - 30);
            var (metres, speed) = t <= 5 ? (3 * t * t, 6 * t) : (75 + (30 * (t - 5)), 30.0);
            return At(3 * i, new LocalPoint(0, metres), speed, unit: "CAR-2");
        });

        Assert.All(Feed(drive), o => Assert.Null(o.Refused));
    }

    [Fact]
    public void Bursts_of_multipath_that_throw_a_standing_phones_fixes_far_are_refused_and_name_no_second_device()
    {
        // Every second, saying 0 m/s; three times, 40 s apart, three fixes thrown some 120 m the same way.
        var random = new Random(3);
        var fixes = Enumerable.Range(0, 150).Select(i => At(i, i % 40 is >= 20 and < 23 ? new LocalPoint(130 + (5 * random.NextDouble()), -70) : Noisy(Holding, random), unit: "MP-1")).ToList();

        var outcomes = Feed(fixes);

        Assert.All(outcomes, o => Assert.Equal(GreatCircle.DistanceM(o.Report.Position, Frame.ToGeo(Holding)) > 100, o.Refused is not null));
        Assert.DoesNotContain(outcomes, o => o.Refused?.Reason == RejectReason.SecondDevice);
    }

    [Fact]
    public void A_unit_that_walks_to_where_a_burst_once_threw_its_fixes_is_taken_there()
    {
        // Every 2 s, saying 0 m/s at staging; two bursts throw a fix 130 m east with one back on the track between; then
        // it walks there at 1.5 m/s, saying so, and stands.
        var fixes = new List<PositionReport>();
        for (var s = 0; s < 300; s += 2)
        {
            var (at, speed) = s switch
            {
                20 or 24 => (new LocalPoint(130, 0), 0.0),
                < 60 => (new LocalPoint(0, 0), 0.0),
                _ => (new LocalPoint(Math.Min(130, 1.5 * (s - 60)), 0), s - 60 < 87 ? 1.5 : 0),
            };
            fixes.Add(At(s, at, speed, unit: "W1"));
        }

        var outcomes = Feed(fixes);

        // The bursts are refused, the second as another device's; the walk there, and the stand there, are all taken.
        Assert.Equal([RejectReason.SuddenJump, RejectReason.SecondDevice], outcomes.Where(o => o.Refused is not null).Select(o => o.Refused!.Reason));
    }

    [Fact]
    public void A_phone_that_said_it_stood_still_and_is_next_heard_far_off_is_taken_there_once_its_fixes_go_on_from_there()
    {
        // Every 5 s at staging; then, its GPS back after a walk inside, 150 m off, and on from there.
        var fixes = Enumerable.Range(0, 30).Select(i => At(5 * i, i < 10 ? new LocalPoint(0, 0) : new LocalPoint(150, 5), unit: "IN-1")).ToList();

        var outcomes = Feed(fixes);

        // Held out for 10 s (twice the 5 s its device goes quiet), then taken, and every fix after it.
        Assert.Equal([RejectReason.SuddenJump, RejectReason.SuddenJump], outcomes.Skip(10).Take(2).Select(o => o.Refused?.Reason));
        Assert.All(outcomes.Skip(12), o => Assert.Null(o.Refused));
        Assert.All(outcomes.Take(10), o => Assert.Null(o.Refused));
    }

    [Fact]
    public void A_drill_played_at_60x_and_started_over_every_ten_seconds_is_taken_as_it_goes()
    {
        // Each round its officer is back at staging 300 m out, then walks in at 1.5 m/s on the drill's clock.
        var clock = new DrillClock();
        clock.Run(T0, 60);
        var rounds = Enumerable.Range(0, 6).SelectMany(r => new[]
        {
            At((10 * r) + 1, new LocalPoint(300, 0), 0, unit: "A1"), At((10 * r) + 6, new LocalPoint(150, 0), 1.5, unit: "A1"), At((10 * r) + 9, new LocalPoint(10, 0), 0, unit: "A1"),
        });

        Assert.All(Feed(rounds, clock, r => 1 + (int)((r.FixTime - T0).TotalSeconds / 10)), o => Assert.Null(o.Refused));
    }
}

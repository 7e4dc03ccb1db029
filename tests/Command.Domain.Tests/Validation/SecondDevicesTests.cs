using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Validation;

public sealed class SecondDevicesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(39.74, -104.99));

    private static PositionReport At(string unit, double seconds, double east, double north = 0) =>
        new(unit, ReportSource.CoT, T0.AddSeconds(seconds), Frame.ToGeo(new LocalPoint(east, north)), AccuracyM: 6);

    // Two phones under one uid, reporting in turn: one stands at staging, the other 220 m off.
    private static Rejection Refused(PositionReport latest, PositionReport next) => FixSequence.Check(latest, next, ValidationOptions.Default)!;

    [Fact]
    public void Refused_fixes_that_keep_coming_from_one_other_place_for_ten_seconds_say_two_devices_may_report_as_the_unit()
    {
        var devices = new SecondDevices();
        var said = new List<string>();
        for (var s = 0.0; s <= 15; s += 5)
        {
            var staging = At("A1", s, s / 5);
            var officer = At("A1", s + 2.5, 220 + s / 2.5, 3);
            said.Add(devices.Explain(officer, staging, Refused(staging, officer)).Detail);
        }

        Assert.Equal("220 m in 2.5 s implies 83 m/s (limit 80 m/s)", said[0]);
        Assert.DoesNotContain(said.Take(2), d => d.Contains("two devices", StringComparison.Ordinal));
        Assert.Equal("222 m in 2.5 s implies 84 m/s (limit 80 m/s); its refused fixes keep coming from one place 221 m from those taken: two devices may be reporting as this unit",
            said[2]);
        Assert.EndsWith("two devices may be reporting as this unit", said[3], StringComparison.Ordinal);
    }

    [Fact]
    public void A_burst_of_multipath_that_throws_a_phones_fixes_far_for_a_few_seconds_says_nothing_more()
    {
        var devices = new SecondDevices();
        // A phone every second, its fixes thrown some 120 m the same way for four seconds, each after one taken.
        var said = Enumerable.Range(1, 4).Select(s => devices.Explain(At("A1", s, 120 + s), At("A1", s - 0.5, 0), Refused(At("A1", s - 0.5, 0), At("A1", s, 120 + s))).Detail).ToList();

        Assert.DoesNotContain(said, d => d.Contains("two devices", StringComparison.Ordinal));
    }

    [Fact]
    public void Refused_fixes_from_different_places_or_for_other_reasons_or_other_units_say_nothing_more()
    {
        var devices = new SecondDevices();
        var latest = At("A1", 0, 0);
        devices.Explain(At("A1", 2.5, 220), latest, Refused(latest, At("A1", 2.5, 220)));

        var elsewhere = devices.Explain(At("A1", 3, -300), latest, Refused(latest, At("A1", 3, -300)));
        var otherUnit = devices.Explain(At("B1", 2.5, 225), At("B1", 0, 0), Refused(At("B1", 0, 0), At("B1", 2.5, 225)));
        var late = new Rejection(RejectReason.OutOfOrder, "fix is 2.5 s older than the latest accepted fix");

        Assert.DoesNotContain("two devices", elsewhere.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("two devices", otherUnit.Detail, StringComparison.Ordinal);
        Assert.Same(late, devices.Explain(At("A1", 7.5, 221), latest, late));
    }

    // Each report in turn as the incident takes it: screened against the unit's latest fix taken; the reason of each refused.
    private static List<(PositionReport Report, RejectReason? Refused)> Feed(IEnumerable<PositionReport> reports, Func<PositionReport, int>? roundOf = null)
    {
        var devices = new SecondDevices();
        var outcomes = new List<(PositionReport, RejectReason?)>();
        PositionReport? latest = null;
        foreach (var report in reports.OrderBy(r => r.FixTime))
        {
            var round = roundOf?.Invoke(report) ?? 1;
            var sequence = FixSequence.Check(latest, report, ValidationOptions.Default);
            var refusal = latest is null ? sequence : devices.Screen(report, latest, sequence, ValidationOptions.Default, round: round);
            outcomes.Add((report, refusal?.Reason));
            if (refusal is null)
            {
                latest = report;
                devices.Took(report, round: round);
            }
        }

        return outcomes;
    }

    [Fact]
    public void A_drill_started_over_every_few_seconds_puts_its_units_back_at_staging_and_that_is_no_second_device()
    {
        // Played at 60×, each round lasts ten seconds: the officer is back at staging 300 m out, then at the threat.
        var rounds = Enumerable.Range(0, 6).SelectMany(r => new[] { At("A1", (10 * r) + 1, 300), At("A1", (10 * r) + 6, 150), At("A1", (10 * r) + 9, 10) });

        Assert.DoesNotContain(Feed(rounds, r => 1 + (int)((r.FixTime - T0).TotalSeconds / 10)), o => o.Refused == RejectReason.SecondDevice);
        // Without the rounds, the same fixes read as a device at staging drawing the officer away.
        Assert.Contains(Feed(rounds), o => o.Refused == RejectReason.SecondDevice);
    }

    [Fact]
    public void A_second_device_far_enough_apart_in_time_to_be_taken_in_turn_is_refused_once_it_has_twice_drawn_the_unit_away()
    {
        // The officer's phone 70 m south of the threat every 7 s; from 20 s a cloned install 220 m east every 3.5 s, 3 s or
        // more after the phone's fix (no speed refused it) or 0.4 s (the phone's fix after it refused for its speed).
        var phone = Enumerable.Range(0, 18).Select(i => At("B2", 7 * i, 0, -70));
        var clone = Enumerable.Range(0, 12).Select(i => At("B2", 20.4 + (3.5 * i), 220, 0));

        var outcomes = Feed(phone.Concat(clone));

        var cloneTaken = outcomes.Where(o => o.Report.Position == Frame.ToGeo(new LocalPoint(220, 0)) && o.Refused is null).ToList();
        Assert.InRange(cloneTaken.Count, 1, 4);
        // Once it has drawn the unit away twice, every fix of it is refused, by name, and every fix of the phone taken.
        var confirmed = outcomes.FindIndex(o => o.Refused == RejectReason.SecondDevice);
        Assert.True(confirmed > 0);
        Assert.All(outcomes.Skip(confirmed), o => Assert.Equal(o.Report.Position == Frame.ToGeo(new LocalPoint(220, 0)) ? RejectReason.SecondDevice : null, o.Refused));
        Assert.All(outcomes.Where(o => o.Report.FixTime > T0.AddSeconds(40) && o.Report.Position != Frame.ToGeo(new LocalPoint(220, 0))), o => Assert.Null(o.Refused));
    }

    [Fact]
    public void A_walk_thrown_by_bursts_of_multipath_and_a_car_driving_off_are_not_taken_for_a_second_device()
    {
        // On foot at 1.5 m/s with every fifth fix thrown 80 m the same way, and every ninth 80 m the other way.
        var walk = Enumerable.Range(0, 60).Select(i => At("W1", 5 * i, (1.5 * 5 * i) + (i % 5 == 4 ? 80 : i % 9 == 8 ? -80 : 0), 0));
        // A car at 20 m/s that drives 300 m out and back twice.
        var car = Enumerable.Range(0, 60).Select(i => At("C1", 5 * i, 300 - Math.Abs(300 - (100 * i % 600)), 0));

        Assert.DoesNotContain(Feed(walk).Concat(Feed(car)), o => o.Refused == RejectReason.SecondDevice);
    }
}

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
}

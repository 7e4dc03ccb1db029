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
    public void The_second_fix_refused_from_one_other_place_says_two_devices_may_report_as_the_unit()
    {
        var devices = new SecondDevices();
        var staging = At("A1", 0, 0);

        var first = devices.Explain(At("A1", 2.5, 220), staging, Refused(staging, At("A1", 2.5, 220)));
        var second = devices.Explain(At("A1", 7.5, 224, 5), At("A1", 5, 1), Refused(At("A1", 5, 1), At("A1", 7.5, 224, 5)));

        Assert.Equal("220 m in 2.5 s implies 83 m/s (limit 80 m/s)", first.Detail);
        Assert.Equal(RejectReason.ImpliedSpeed, second.Reason);
        Assert.Equal("223 m in 2.5 s implies 84 m/s (limit 80 m/s); its refused fixes keep coming from one place 223 m from those taken: two devices may be reporting as this unit",
            second.Detail);
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

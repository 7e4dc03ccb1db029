using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Validation;

public sealed class FixSequenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(39.74, -104.99));

    private static PositionReport At(double seconds, double east, double? accuracy = null) =>
        new("P1", ReportSource.Json, T0.AddSeconds(seconds), Frame.ToGeo(new LocalPoint(east, 0)), AccuracyM: accuracy);

    [Fact]
    public void First_fix_of_a_unit_passes() => Assert.Null(FixSequence.Check(null, At(0, 0), ValidationOptions.Default));

    [Fact]
    public void Same_fix_time_is_a_duplicate() =>
        Assert.Equal(RejectReason.Duplicate, FixSequence.Check(At(10, 0), At(10, 3), ValidationOptions.Default)?.Reason);

    [Fact]
    public void Older_fix_is_out_of_order() =>
        Assert.Equal(
            new Rejection(RejectReason.OutOfOrder, "fix is 2.5 s older than the latest accepted fix"),
            FixSequence.Check(At(10, 0), At(7.5, 3), ValidationOptions.Default));

    [Fact]
    public void A_car_at_40_m_per_s_passes() => Assert.Null(FixSequence.Check(At(0, 0), At(1, 40), ValidationOptions.Default));

    [Fact]
    public void Three_hundred_metres_in_one_second_is_an_impossible_speed() =>
        Assert.Equal(RejectReason.ImpliedSpeed, FixSequence.Check(At(0, 0), At(1, 300), ValidationOptions.Default)?.Reason);

    [Fact]
    public void Stated_accuracy_is_allowed_for_before_judging_speed() =>
        Assert.Null(FixSequence.Check(At(0, 0, accuracy: 50), At(1, 120, accuracy: 50), ValidationOptions.Default));

    [Fact]
    public void A_drill_played_at_20x_is_not_refused_for_the_speed_its_script_drives_at()
    {
        // A patrol car at 25 m/s in the script: 500 m of drill time between fixes one second apart.
        var clock = new Command.Domain.Incidents.DrillClock();
        clock.Run(T0, 20);

        var onIncidentClock = FixSequence.Check(At(0, 0), At(1, 500), ValidationOptions.Default);
        var onDrillClock = FixSequence.Check(At(0, 0), At(1, 500), ValidationOptions.Default, clock);

        Assert.Equal(RejectReason.ImpliedSpeed, onIncidentClock?.Reason);
        Assert.Null(onDrillClock);
    }

    [Fact]
    public void While_a_drill_is_paused_a_fix_is_still_judged_on_the_time_that_passed()
    {
        // A radio keeps reporting through the pause: no drill time passes, so the speed is taken over real time.
        var clock = new Command.Domain.Incidents.DrillClock();
        clock.Run(T0, 0);

        Assert.Null(FixSequence.Check(At(0, 0), At(10, 15), ValidationOptions.Default, clock));
        Assert.Equal(RejectReason.ImpliedSpeed, FixSequence.Check(At(0, 0), At(1, 300), ValidationOptions.Default, clock)?.Reason);
    }
}

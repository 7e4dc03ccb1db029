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
    public void A_fix_of_the_same_instant_from_another_place_says_two_devices_may_be_reporting_and_one_within_its_accuracy_is_a_repeat()
    {
        Assert.Equal(
            new Rejection(RejectReason.Duplicate, "a fix at 2026-03-14T15:00:10.0000000+00:00 was already accepted, 11 m from this one: two fixes of one instant from two places, so two devices may be reporting as this unit"),
            FixSequence.Check(At(10, 0, accuracy: 4), At(10, 11, accuracy: 4), ValidationOptions.Default));
        Assert.Equal(
            new Rejection(RejectReason.Duplicate, "a fix at 2026-03-14T15:00:10.0000000+00:00 was already accepted"),
            FixSequence.Check(At(10, 0, accuracy: 4), At(10, 5, accuracy: 4), ValidationOptions.Default));
    }

    [Fact]
    public void A_fix_a_few_milliseconds_older_says_how_many_not_zero_seconds() =>
        Assert.Equal(
            new Rejection(RejectReason.OutOfOrder, "fix is 40 ms older than the latest accepted fix"),
            FixSequence.Check(At(10, 0), At(9.96, 0), ValidationOptions.Default));

    [Fact]
    public void Older_fix_is_out_of_order() =>
        Assert.Equal(
            new Rejection(RejectReason.OutOfOrder, "fix is 2.5 s older than the latest accepted fix"),
            FixSequence.Check(At(10, 0), At(7.5, 3), ValidationOptions.Default));

    [Fact]
    public void A_fix_out_of_order_by_the_clock_its_device_was_found_to_keep_says_the_clock_looks_off_by_that_much()
    {
        // A phone 4 min slow, its clock learned and its fixes put right, then sent to a host that has not learned it: its
        // fix arrives 240.4 s after the time it gives, 168 s older than the latest put right.
        var latest = At(72, 0) with { ClockCorrectionS = 240 };
        var heard = T0.AddSeconds(144.4);

        Assert.Equal(
            new Rejection(RejectReason.OutOfOrder,
                "fix is 168.0 s older than the latest accepted fix: the device's clock looks 4 min slow, as found before (this fix arrived 240.4 s after the time it gives; the latest was put right by 240.0 s)"),
            FixSequence.Check(latest, At(-96, 3), ValidationOptions.Default, heardAt: heard));
    }

    [Fact]
    public void A_fix_out_of_order_that_arrived_long_after_the_time_it_gives_behind_one_of_another_source_says_the_device_clock_looks_that_slow()
    {
        var heard = T0.AddSeconds(20);

        Assert.Equal(
            new Rejection(RejectReason.OutOfOrder, "fix is 2.0 s older than the latest accepted fix: the device's clock looks 12 s slow (this fix arrived 12.0 s after the time it gives)"),
            FixSequence.Check(At(10, 0) with { Source = ReportSource.CoT }, At(8, 3), ValidationOptions.Default, heardAt: heard));
    }

    [Fact]
    public void A_fix_older_than_the_latest_by_the_same_clock_is_said_older_with_both_times_however_late_it_arrived()
    {
        // Both stamped by the phone's clock as it came, the latest heard first: no slow clock puts this one behind it.
        var heard = T0.AddSeconds(20);

        Assert.Equal(
            new Rejection(RejectReason.OutOfOrder, "fix is 2.0 s older than the latest accepted fix (this fix 15:00:08.000 UTC, the latest 15:00:10.000 UTC)"),
            FixSequence.Check(At(10, 0), At(8, 3), ValidationOptions.Default, heardAt: heard));
    }

    [Fact]
    public void A_fix_put_right_for_a_clock_since_put_right_on_the_device_says_the_clock_looks_right_now()
    {
        // Taken for 30 s fast, moved 30 s earlier: the device keeps the host's time again.
        var heard = T0.AddSeconds(20);
        var next = At(-10.3, 3) with { ClockCorrectionS = -30 };

        Assert.Equal(
            new Rejection(RejectReason.OutOfOrder,
                "fix is 20.3 s older than the latest accepted fix: the device's clock looks to keep this host's time, not 30 s fast as this fix was put right for (it arrived 30.3 s after the time it gives once put right)"),
            FixSequence.Check(At(10, 0), next, ValidationOptions.Default, heardAt: heard));
    }

    [Fact]
    public void A_fix_out_of_order_that_arrived_within_a_network_delay_of_its_time_blames_the_order() =>
        Assert.Equal(
            new Rejection(RejectReason.OutOfOrder, "fix is 2.5 s older than the latest accepted fix"),
            FixSequence.Check(At(10, 0), At(7.5, 3), ValidationOptions.Default, heardAt: T0.AddSeconds(11)));

    [Fact]
    public void A_fix_older_than_the_latest_even_as_it_arrived_blames_the_order() =>
        Assert.Equal(
            new Rejection(RejectReason.OutOfOrder, "fix is 20.0 s older than the latest accepted fix"),
            FixSequence.Check(At(100, 0), At(80, 3), ValidationOptions.Default, heardAt: T0.AddSeconds(95)));

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

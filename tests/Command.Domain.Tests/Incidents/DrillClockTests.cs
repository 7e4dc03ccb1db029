using Command.Domain.Incidents;

namespace Command.Domain.Tests.Incidents;

public sealed class DrillClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void With_no_drill_the_drill_clock_is_the_incidents()
    {
        var clock = new DrillClock();

        Assert.True(clock.IsIncidentClock);
        Assert.Equal(1, clock.Rate);
        Assert.Equal(At(42), clock.At(At(42)));
        Assert.Equal(At(42), clock.IncidentTimeAt(At(42)));
    }

    [Fact]
    public void A_drill_at_4x_runs_four_seconds_to_each_and_a_pause_stops_it()
    {
        // 10 s before the drill, 30 s at 4x, paused for 5 minutes, resumed at 4x, stopped 10 s later.
        var clock = new DrillClock();
        clock.Run(At(10), 4);
        clock.Run(At(40), 0);
        clock.Run(At(340), 4);
        clock.Run(At(350), 1);

        Assert.Equal(At(5), clock.At(At(5)));
        Assert.Equal(At(10 + 80), clock.At(At(30)));
        Assert.Equal(At(130), clock.At(At(40)));
        Assert.Equal(At(130), clock.At(At(200)));
        Assert.Equal(At(130 + 20), clock.At(At(345)));
        Assert.Equal(At(170 + 10), clock.At(At(360)));
        Assert.Equal(1, clock.Rate);
    }

    [Fact]
    public void A_drill_time_is_shown_at_the_first_instant_the_drill_clock_read_it()
    {
        var clock = new DrillClock();
        clock.Run(At(10), 4);
        clock.Run(At(40), 0);
        clock.Run(At(340), 4);

        Assert.Equal(At(5), clock.IncidentTimeAt(At(5)));
        Assert.Equal(At(30), clock.IncidentTimeAt(At(90)));
        // The moment the pause began, not the resume five minutes later.
        Assert.Equal(At(40), clock.IncidentTimeAt(At(130)));
        Assert.Equal(At(345), clock.IncidentTimeAt(At(150)));
        foreach (var t in new[] { 0.0, 12.5, 39.9, 340.25, 500 })
        {
            Assert.Equal(At(t), clock.IncidentTimeAt(clock.At(At(t))));
        }
    }

    [Fact]
    public void The_same_rate_twice_or_a_control_stamped_before_the_latest_changes_nothing()
    {
        var clock = new DrillClock();
        clock.Run(At(10), 4);
        clock.Run(At(20), 4);
        clock.Run(At(5), 0);

        Assert.Single(clock.Spans);
        Assert.Equal(At(10 + 120), clock.At(At(40)));
    }

    [Fact]
    public void Only_the_latest_spans_are_kept_and_the_clock_still_never_runs_backwards()
    {
        var clock = new DrillClock();
        for (var i = 0; i < DrillClock.MostSpans + 20; i++)
        {
            clock.Run(At(i * 10), i % 2 == 0 ? 2 : 0);
        }

        Assert.Equal(DrillClock.MostSpans, clock.Spans.Count);
        var previous = DateTimeOffset.MinValue;
        for (var t = -50.0; t < (DrillClock.MostSpans + 30) * 10; t += 3.7)
        {
            var drill = clock.At(At(t));
            Assert.True(drill >= previous, $"the drill clock ran backwards at {t} s");
            previous = drill;
        }
    }

    [Fact]
    public void A_restored_clock_reads_as_the_one_it_was_taken_from()
    {
        var clock = new DrillClock();
        clock.Run(At(10), 4);
        clock.Run(At(40), 0);
        var restored = new DrillClock();

        restored.Restore(clock.Spans);

        Assert.Equal(clock.At(At(100)), restored.At(At(100)));
        Assert.Equal(0, restored.Rate);
    }
}

using Command.Domain.Views;
using Microsoft.Extensions.Time.Testing;

namespace Command.Domain.Tests.Views;

public sealed class FramePacerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Frames_in_step_with_reports_are_never_held_back_even_after_a_late_one()
    {
        var clock = new FakeTimeProvider();
        var pacer = new FramePacer(clock, Interval);

        // Reports every 100 ms, one of them 30 ms late: a strict 100 ms gap would hold every later frame 30 ms.
        foreach (var at in new[] { 0, 100, 230, 300, 400, 500, 600 })
        {
            clock.SetUtcNow(clock.Start.AddMilliseconds(at));
            Assert.Equal(TimeSpan.Zero, pacer.Wait());
            pacer.Sent();
        }
    }

    [Fact]
    public void A_burst_gets_one_frame_of_slack_then_waits_an_interval()
    {
        var clock = new FakeTimeProvider();
        var pacer = new FramePacer(clock, Interval);

        pacer.Sent();
        Assert.Equal(TimeSpan.Zero, pacer.Wait());
        pacer.Sent();

        Assert.Equal(Interval, pacer.Wait());
    }

    [Fact]
    public void A_greedy_sender_gets_its_one_frame_of_slack_once_then_one_frame_per_interval()
    {
        var clock = new FakeTimeProvider();
        var pacer = new FramePacer(clock, Interval);
        var random = new Random(5);
        var sent = new List<double>();
        for (var step = 0; step < 20_000; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(random.Next(0, 4)));
            if (pacer.Wait() == TimeSpan.Zero)
            {
                pacer.Sent();
                sent.Add((clock.GetUtcNow() - clock.Start).TotalMilliseconds);
            }
        }

        // Two at the start, then one per interval however late each one goes: lateness is not saved up as credit.
        var busiest = sent.Max(start => sent.Count(t => t >= start && t < start + 1000));
        Assert.Equal(11, busiest);
        Assert.Equal((int)(sent[^1] / 100) + 2, sent.Count);
    }

    [Fact]
    public void More_slack_lets_that_many_more_frames_go_at_once_and_keeps_the_average()
    {
        var clock = new FakeTimeProvider();
        var pacer = new FramePacer(clock, Interval, slack: 2);
        var sent = 0;
        for (var ms = 0; ms < 10_000; ms++)
        {
            clock.SetUtcNow(clock.Start.AddMilliseconds(ms));
            while (pacer.Wait() == TimeSpan.Zero)
            {
                pacer.Sent();
                sent++;
            }

            if (ms == 0)
            {
                Assert.Equal(3, sent);
                Assert.Equal(Interval, pacer.Wait());
            }
        }

        // Three at the start, then one per interval: 100 more over the next 9.999 s.
        Assert.Equal(3 + 99, sent);
    }
}

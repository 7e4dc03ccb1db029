using Command.Grains.Incidents;
using Microsoft.Extensions.Time.Testing;

namespace Command.Grains.Tests;

public sealed class IncidentTickerTests
{
    // Wakes are told in seconds past the minute; the clock starts half a second into its third second.
    private static readonly DateTimeOffset Minute = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = Minute.AddSeconds(2.5);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly List<double> wakes = [];
    private readonly IncidentTicker ticker;
    private bool watched;

    public IncidentTickerTests() =>
        ticker = new IncidentTicker(clock, new IncidentGrainOptions(), () =>
        {
            // As the incident's tick does: note the time, and set the pace again.
            wakes.Add((clock.GetUtcNow() - Minute).TotalSeconds);
            ticker!.Pace(watched);
        });

    [Fact]
    public void Unwatched_it_wakes_at_each_turn_of_five_seconds_on_the_clock()
    {
        ticker.Start(watched: false);

        Run(seconds: 20);

        Assert.Equal([5, 10, 15, 20], wakes);
    }

    [Fact]
    public void Watched_it_wakes_at_every_second_and_every_five_again_once_no_one_watches()
    {
        ticker.Start(watched: false);
        Run(seconds: 1);

        watched = true;
        ticker.Watched(true);
        Run(seconds: 4);
        watched = false;
        ticker.Watched(false);
        Run(seconds: 10);

        Assert.Equal([4, 5, 6, 7, 10, 15], wakes);
    }

    [Fact]
    public void Once_disposed_it_never_wakes_the_incident_again()
    {
        watched = true;
        ticker.Start(watched: true);
        Run(seconds: 2);

        ticker.Dispose();
        Run(seconds: 10);

        Assert.Equal([3, 4], wakes);
        Assert.False(ticker.Running);
    }

    // Moves the clock on in steps of 10 ms, so each wake sees the instant it was due.
    private void Run(int seconds)
    {
        for (var i = 0; i < seconds * 100; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }
    }
}

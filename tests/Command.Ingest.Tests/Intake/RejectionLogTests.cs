using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.Intake;

/// <summary>The rate-limited rejection log loses no count: a flood that stops is still counted in the log.</summary>
public sealed class RejectionLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private readonly RecordingLogger<RejectionLog> logger = new();

    private static Rejection Bad(int i) => new(RejectReason.Malformed, $"datagram {i} is not XML");

    [Fact]
    public void A_flood_that_stops_is_counted_when_its_interval_ends()
    {
        var clock = new FakeTimeProvider(Now);
        using var log = new RejectionLog(logger, clock);
        for (var i = 1; i <= 5_000; i++)
        {
            log.Rejected(ReportSource.CoT, Bad(i));
        }

        clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Single(logger.Lines);
        clock.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(
        [
            "Rejected CoT input: malformed (datagram 1 is not XML)",
            "Rejected 4999 more CoT input as malformed since the last line (the latest: datagram 5000 is not XML)",
        ], logger.Lines);
    }

    [Fact]
    public void A_count_written_starts_the_next_interval()
    {
        var clock = new FakeTimeProvider(Now);
        using var log = new RejectionLog(logger, clock);
        log.Rejected(ReportSource.CoT, Bad(1));
        log.Rejected(ReportSource.CoT, Bad(2));
        clock.Advance(TimeSpan.FromSeconds(10));
        log.Rejected(ReportSource.CoT, Bad(3));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, logger.Lines.Count);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("Rejected 1 more CoT input as malformed since the last line (the latest: datagram 3 is not XML)", logger.Lines[^1]);
        Assert.Equal(3, logger.Lines.Count);
    }

    [Fact]
    public void A_rejection_of_another_kind_writes_the_counts_whose_interval_ended()
    {
        var clock = new TimersNeverFire(Now);
        using var log = new RejectionLog(logger, clock);
        log.Rejected(ReportSource.CoT, Bad(1));
        log.Rejected(ReportSource.CoT, Bad(2));
        clock.Advance(TimeSpan.FromSeconds(11));
        log.Rejected(ReportSource.Nmea, new Rejection(RejectReason.NoFix, "GPRMC status is 'V', not A (valid)"));

        Assert.Equal(
        [
            "Rejected CoT input: malformed (datagram 1 is not XML)",
            "Rejected Nmea input: no-fix (GPRMC status is 'V', not A (valid))",
            "Rejected 1 more CoT input as malformed since the last line (the latest: datagram 2 is not XML)",
        ], logger.Lines);
    }

    [Fact]
    public void A_count_its_timer_has_not_yet_written_goes_on_its_own_line_before_the_next_rejection_like_it()
    {
        var clock = new TimersNeverFire(Now);
        using var log = new RejectionLog(logger, clock);
        log.Rejected(ReportSource.CoT, Bad(1));
        log.Rejected(ReportSource.CoT, Bad(2));
        clock.Advance(TimeSpan.FromSeconds(11));
        log.Rejected(ReportSource.CoT, Bad(3));

        Assert.Equal(
        [
            "Rejected CoT input: malformed (datagram 1 is not XML)",
            "Rejected 1 more CoT input as malformed since the last line (the latest: datagram 2 is not XML)",
            "Rejected CoT input: malformed (datagram 3 is not XML)",
        ], logger.Lines);
    }

    [Fact]
    public void Shutdown_writes_the_counts_of_intervals_still_running()
    {
        var clock = new FakeTimeProvider(Now);
        var log = new RejectionLog(logger, clock);
        log.Rejected(ReportSource.CoT, Bad(1));
        log.Rejected(ReportSource.CoT, Bad(2));
        log.Rejected(ReportSource.Aprs, new Rejection(RejectReason.NotAPosition, "an object"));
        log.Rejected(ReportSource.Aprs, new Rejection(RejectReason.NotAPosition, "an item"));
        clock.Advance(TimeSpan.FromSeconds(3));

        log.Dispose();
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(
        [
            "Rejected 1 more CoT input as malformed since the last line (the latest: datagram 2 is not XML)",
            "Rejected 1 more Aprs input as not-a-position since the last line (the latest: an item)",
        ], logger.Lines.Skip(2));
    }

    [Fact]
    public void Nothing_suppressed_writes_nothing_more()
    {
        var clock = new FakeTimeProvider(Now);
        var log = new RejectionLog(logger, clock);
        log.Rejected(ReportSource.CoT, Bad(1));
        clock.Advance(TimeSpan.FromSeconds(30));
        log.Dispose();

        Assert.Single(logger.Lines);
    }

    /// <summary>A clock whose timers never fire, so only the next rejection can end an interval.</summary>
    private sealed class TimersNeverFire(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Stopped();

        private sealed class Stopped : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

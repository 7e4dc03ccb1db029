using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Ingest.Intake;

namespace Command.Ingest.Tests.Intake;

/// <summary>Fixes a device held and sent late, refused as too old as they came, are given back once the fix after them shows a backlog, and only then.</summary>
public sealed class DeviceBacklogsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 10, 0, TimeSpan.Zero);
    private readonly DeviceBacklogs backlogs = new();

    [Fact]
    public void A_phones_backlog_sent_faster_than_it_was_taken_is_given_back_oldest_first_before_the_fix_that_ends_it()
    {
        // Fixes every 5 s from 8 min ago, sent 0.2 s apart: the first 36 are over 5 min old as they come.
        var sent = Enumerable.Range(0, 36).Select(i => (Fix(Now.AddSeconds(-480 + (5 * i))), Now.AddSeconds(0.2 * i))).ToList();
        foreach (var (fix, at) in sent)
        {
            backlogs.TooOld(fix, at);
        }

        var given = backlogs.Before("P1", Now.AddSeconds(-300), Now.AddSeconds(7.2), TimeSpan.Zero);

        Assert.Equal(sent.Select(s => s.Item1), given);
        // Given back once.
        Assert.Empty(backlogs.Before("P1", Now.AddSeconds(-295), Now.AddSeconds(7.4), TimeSpan.Zero));
    }

    [Fact]
    public void Fixes_of_a_clock_running_slow_lag_alike_and_are_no_backlog()
    {
        // A phone 6 min slow reporting every 5 s: each fix arrives 6 min after the time it gives.
        for (var i = 0; i < 4; i++)
        {
            backlogs.TooOld(Fix(Now.AddSeconds((5 * i) - 360)), Now.AddSeconds(5 * i));
        }

        Assert.Empty(backlogs.Before("P1", Now.AddSeconds(20), Now.AddSeconds(20.1), TimeSpan.Zero));
    }

    [Fact]
    public void One_refused_fix_alone_is_no_backlog_it_could_be_a_stamp_gone_wrong()
    {
        backlogs.TooOld(Fix(Now.AddMinutes(-7)), Now);

        Assert.Empty(backlogs.Before("P1", Now, Now.AddSeconds(0.2), TimeSpan.Zero));
    }

    [Fact]
    public void A_backlog_is_what_came_in_a_row_before_the_fix_that_ends_it_not_what_was_refused_long_before()
    {
        // Two refused a minute before the backlog: a pause of more than 10 s between them and it ends the run.
        backlogs.TooOld(Fix(Now.AddMinutes(-12)), Now.AddSeconds(-60));
        backlogs.TooOld(Fix(Now.AddMinutes(-11.9)), Now.AddSeconds(-59.9));
        var run = new[] { Fix(Now.AddSeconds(-400)), Fix(Now.AddSeconds(-395)), Fix(Now.AddSeconds(-390)) };
        for (var i = 0; i < run.Length; i++)
        {
            backlogs.TooOld(run[i], Now.AddSeconds(0.1 * i));
        }

        Assert.Equal(run, backlogs.Before("P1", Now.AddSeconds(-290), Now.AddSeconds(0.5), TimeSpan.Zero));
    }

    [Fact]
    public void A_fix_the_backlog_does_not_lead_up_to_takes_none_of_it()
    {
        backlogs.TooOld(Fix(Now.AddSeconds(-400)), Now);
        backlogs.TooOld(Fix(Now.AddSeconds(-395)), Now.AddSeconds(0.1));

        // Older than the backlog's newest: not the fix after it.
        Assert.Empty(backlogs.Before("P1", Now.AddSeconds(-396), Now.AddSeconds(0.2), TimeSpan.Zero));
        // Another unit's fix takes nothing of P1's.
        backlogs.TooOld(Fix(Now.AddSeconds(-400)), Now);
        backlogs.TooOld(Fix(Now.AddSeconds(-395)), Now.AddSeconds(0.1));
        Assert.Empty(backlogs.Before("P2", Now.AddSeconds(-290), Now.AddSeconds(0.2), TimeSpan.Zero));
        Assert.Equal(2, backlogs.Before("P1", Now.AddSeconds(-290), Now.AddSeconds(0.2), TimeSpan.Zero).Count);
    }

    [Fact]
    public void At_most_an_hours_fixes_of_one_device_are_kept_the_latest()
    {
        var count = DeviceBacklogs.MostPerDevice + 10;
        for (var i = 0; i < count; i++)
        {
            backlogs.TooOld(Fix(Now.AddSeconds(-4000 + (5 * i))), Now.AddSeconds(0.01 * i));
        }

        var given = backlogs.Before("P1", Now.AddSeconds(-200), Now.AddSeconds(0.01 * count), TimeSpan.Zero);

        Assert.Equal(DeviceBacklogs.MostPerDevice, given.Count);
        Assert.Equal(Now.AddSeconds(-4000 + 50), given[0].FixTime);
    }

    private static PositionReport Fix(DateTimeOffset fixTime, string unit = "P1") =>
        new(unit, ReportSource.OsmAnd, fixTime, new GeoPoint(39.7, -104.9), AccuracyM: 8);
}

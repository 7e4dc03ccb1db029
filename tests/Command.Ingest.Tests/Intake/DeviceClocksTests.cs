using System.Diagnostics.Metrics;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Tests.Listeners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.Intake;

/// <summary>A device whose clock is off this host's, learned from its reports, through the intake every source comes through.</summary>
public sealed class DeviceClocksTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly FakeIncidentPort port = new();
    private readonly RecordingLogger<DeviceClocks> clockLog = new();
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ReportIntake intake;

    public DeviceClocksTests()
    {
        var rejections = new RejectionLog(new RecordingLogger<RejectionLog>(), clock);
        intake = new ReportIntake(port, new IntakeMetrics(services.GetRequiredService<IMeterFactory>()), rejections, clock, ValidationOptions.Default,
            deviceClocks: new DeviceClocks(ValidationOptions.Default, clockLog));
    }

    public void Dispose() => services.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A report taken now by a device whose clock is aheadS seconds ahead of the host's, delayed delayS by the network.
    private async Task<IntakeOutcome> SendAsync(string unit, double aheadS, double delayS = 0.4, ReportSource source = ReportSource.CoT, DateTimeOffset? staleAt = null)
    {
        var taken = clock.GetUtcNow().AddMilliseconds(Math.Round((aheadS - delayS) * 1000));
        var report = new PositionReport(unit, source, taken, new GeoPoint(39.7, -104.9), StaleAt: staleAt);
        return await intake.SubmitAsync("drill-1", [IncomingReport.Parsed(source, $"raw {unit}", report)], UnknownUnitPolicy.Enrol, Ct);
    }

    private static DateTimeOffset At(double seconds) => Start.AddMilliseconds(Math.Round(seconds * 1000));

    private List<PositionReport> Accepted(string unit) => [.. port.Snapshot().Where(d => d.Report?.UnitId == unit).Select(d => d.Report!)];

    [Fact]
    public async Task A_device_whose_clock_runs_ahead_is_heard_from_its_third_report_on_at_the_time_this_host_would_have_stamped_and_its_first_two_taken_then()
    {
        var outcomes = new List<IntakeOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await SendAsync("P1", aheadS: 30, delayS: i == 1 ? 0.4 : 1.5));
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal([RejectReason.FutureFix, RejectReason.FutureFix], outcomes.Take(2).Select(o => o.Rejected.Single().Rejection.Reason));
        // Each sender is answered for what it sent: the two taken late were answered when they came.
        Assert.All(outcomes.Skip(2), o => Assert.Equal(1, o.Accepted));
        // Taken 1.5 s (0.4 s) before it arrived, by a clock found 29.6 s fast (its least delayed report's lag): the two
        // refused while that was not known are taken with the third, before it, at the times this host would have given.
        Assert.Equal([At(-1.1), At(5), At(10 - 1.1), At(15 - 1.1), At(20 - 1.1)], Accepted("P1").Select(r => r.FixTime));
        Assert.Equal("The device reporting for unit P1 over CoT keeps a clock 29.6 s ahead of this host's: its fix times are taken 29.6 s earlier", clockLog.Lines.Single());
        // Each report taken in says by how much, for the unit's row; the refusals stay on the record as they were.
        Assert.All(Accepted("P1"), r => Assert.Equal(-29.6, r.ClockCorrectionS));
        Assert.Equal(2, port.Snapshot().Count(d => d.Refused is { Reason: RejectReason.FutureFix, UnitId: "P1" }));
    }

    [Fact]
    public async Task A_report_refused_as_a_future_fix_that_lags_unlike_the_run_the_clock_is_learned_from_is_not_taken_late()
    {
        // Stamped 12 s ahead once, then the device's clock is found to run 30 s ahead.
        await SendAsync("P1", aheadS: 12);
        clock.Advance(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 3; i++)
        {
            await SendAsync("P1", aheadS: 30);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        // The three of the run are taken; the one that lagged otherwise stays refused.
        Assert.Equal([At(5), At(10), At(15)], Accepted("P1").Select(r => r.FixTime));
        Assert.Equal(3, port.Snapshot().Count(d => d.Refused is { Reason: RejectReason.FutureFix }));
    }

    [Fact]
    public async Task A_marker_an_alert_or_a_deletion_from_a_device_whose_clock_is_known_to_run_ahead_is_timed_by_it()
    {
        for (var i = 0; i < 3; i++)
        {
            await SendAsync("P1", aheadS: 30, delayS: 0);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        var sent = clock.GetUtcNow().AddSeconds(30);
        var threat = new Domain.Threats.Threat("T1", new GeoPoint(39.7, -104.9), null, Domain.Threats.ThreatPhase.Active);

        Assert.Null(intake.ScreenMarker(threat, sent, "P1"));
        Assert.Null(intake.ScreenAlert(new UnitAlert("P1", "911", false, null), sent));
        Assert.Null(intake.ScreenDeletion(sent, "P1"));
        Assert.Equal(RejectReason.FutureFix, intake.ScreenMarker(threat, sent, "P2")?.Reason);
        Assert.Equal(RejectReason.FutureFix, intake.ScreenDeletion(sent)?.Reason);
    }

    [Fact]
    public async Task A_device_whose_clock_runs_behind_is_not_shown_silent_and_the_time_its_fix_stands_moves_with_it()
    {
        for (var i = 0; i < 4; i++)
        {
            await SendAsync("P1", aheadS: -25, staleAt: clock.GetUtcNow().AddSeconds(35));
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        var accepted = Accepted("P1");
        Assert.Equal(4, accepted.Count);
        // The first two as they came; from the third, as this host would have stamped them when they arrived (its least
        // delayed report's lag is all the clock is taken to be off by).
        Assert.Equal([At(-25.4), At(5 - 25.4), At(10), At(15)], accepted.Select(r => r.FixTime));
        Assert.Equal(TimeSpan.FromMilliseconds(60_400), accepted[^1].StaleAt - At(15));
        Assert.Equal("The device reporting for unit P1 over CoT keeps a clock 25.4 s behind this host's: its fix times are taken 25.4 s later", clockLog.Lines.Single());
    }

    [Fact]
    public async Task A_clock_put_right_on_the_device_is_heard_as_it_is_once_its_reports_agree_again()
    {
        for (var i = 0; i < 3; i++)
        {
            await SendAsync("P1", aheadS: -40);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        for (var i = 0; i < 4; i++)
        {
            await SendAsync("P1", aheadS: 0);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(At(30 - 0.4), Accepted("P1")[^1].FixTime);
        Assert.Equal("The device reporting for unit P1 over CoT keeps this host's time again: its fix times are taken as they come", clockLog.Lines[^1]);
    }

    [Fact]
    public async Task A_fast_clock_put_right_on_the_device_is_heard_as_it_is_from_its_third_report_and_the_two_refused_meanwhile_are_taken_then()
    {
        // The incident refuses a fix older than the latest it took, as the grain does.
        var taken = new List<PositionReport>();
        port.Answer = r => taken.Count > 0 && r.FixTime <= taken[^1].FixTime ? new Rejection(RejectReason.OutOfOrder, "older than the latest accepted fix") : Take(r);
        for (var i = 0; i < 5; i++)
        {
            await SendAsync("P1", aheadS: 300);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        // Set right: put right by the 5 min it was found fast, its first is too old here, its second (less delayed) older than
        // the latest taken; its third says its clock keeps this host's time.
        var outcomes = new List<IntakeOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await SendAsync("P1", aheadS: 0, delayS: i == 0 ? 1.5 : 0.4));
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal([RejectReason.TooOld, RejectReason.OutOfOrder], outcomes.Take(2).Select(o => o.Rejected.Single().Rejection.Reason));
        Assert.All(outcomes.Skip(2), o => Assert.Equal(1, o.Accepted));
        // The two refused while its clock was learned again are taken with the third, before it, as they came.
        Assert.Equal([At(0), At(5), At(10), At(15), At(20), At(25 - 1.5), At(30 - 0.4), At(35 - 0.4), At(40 - 0.4)], taken.Select(r => r.FixTime));
        Assert.Equal([-299.6, -299.6, -299.6, -299.6, -299.6, null, null, null, null], taken.Select(r => r.ClockCorrectionS));
        Assert.Equal(
            [
                "The device reporting for unit P1 over CoT keeps a clock 299.6 s ahead of this host's: its fix times are taken 299.6 s earlier",
                "The device reporting for unit P1 over CoT keeps this host's time again: its fix times are taken as they come",
            ],
            clockLog.Lines);

        Rejection? Take(PositionReport report)
        {
            taken.Add(report);
            return null;
        }
    }

    [Fact]
    public async Task A_clock_set_back_5_min_is_learned_from_its_third_report_and_the_two_refused_before_it_are_taken_then()
    {
        for (var i = 0; i < 3; i++)
        {
            await SendAsync("P1", aheadS: 0);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        // Its fixes are older than the newest heard now, each newer than the one before: a clock set back, not a fix sent again.
        var outcomes = new List<IntakeOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await SendAsync("P1", aheadS: -300));
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal([RejectReason.TooOld, RejectReason.TooOld], outcomes.Take(2).Select(o => o.Rejected.Single().Rejection.Reason));
        Assert.Equal([At(-0.4), At(5 - 0.4), At(10 - 0.4), At(15), At(20), At(25), At(30)], Accepted("P1").Select(r => r.FixTime));
        Assert.Equal("The device reporting for unit P1 over CoT keeps a clock 300.4 s behind this host's: its fix times are taken 300.4 s later", clockLog.Lines.Single());
    }

    [Fact]
    public async Task A_report_stamped_wrong_once_is_refused_and_teaches_nothing()
    {
        await SendAsync("P1", aheadS: 0);
        clock.Advance(TimeSpan.FromSeconds(5));
        var wrong = await SendAsync("P1", aheadS: 45);
        clock.Advance(TimeSpan.FromSeconds(5));
        await SendAsync("P1", aheadS: 0);
        clock.Advance(TimeSpan.FromSeconds(5));
        await SendAsync("P1", aheadS: 0);

        Assert.Equal(RejectReason.FutureFix, wrong.Rejected.Single().Rejection.Reason);
        Assert.Equal([At(-0.4), At(10 - 0.4), At(15 - 0.4)], Accepted("P1").Select(r => r.FixTime));
        Assert.Empty(clockLog.Lines);
    }

    [Fact]
    public async Task A_single_stamp_an_hour_ahead_does_not_keep_a_fast_clock_from_being_learned()
    {
        // A receiver's time glitch, then the phone's own clock, 30 s fast.
        var glitch = await SendAsync("P1", aheadS: 3_600);
        clock.Advance(TimeSpan.FromSeconds(5));
        var outcomes = new List<IntakeOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await SendAsync("P1", aheadS: 30));
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(RejectReason.FutureFix, glitch.Rejected.Single().Rejection.Reason);
        Assert.Equal([0, 0, 1, 1], outcomes.Select(o => o.Accepted));
        Assert.Equal([At(5), At(10), At(15), At(20)], Accepted("P1").Select(r => r.FixTime));
    }

    [Fact]
    public async Task A_clock_put_an_hour_ahead_is_learned_as_any_clock_off()
    {
        for (var i = 0; i < 3; i++)
        {
            await SendAsync("P1", aheadS: 0);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        for (var i = 0; i < 4; i++)
        {
            await SendAsync("P1", aheadS: 3_600);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        // The first two an hour ahead are refused, then taken with the third, at the time each arrived (the least
        // delayed report's lag is the clock's).
        Assert.Equal([At(-0.4), At(5 - 0.4), At(10 - 0.4), At(15), At(20), At(25), At(30)], Accepted("P1").Select(r => r.FixTime));
    }

    [Fact]
    public async Task A_backlog_sent_at_once_after_an_outage_is_no_clock_that_runs_behind()
    {
        // Six fixes of the last minute arrive within a second of each other, then the device reports live again.
        for (var i = 0; i < 6; i++)
        {
            await SendAsync("P1", aheadS: -60 + (i * 10));
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await SendAsync("P1", aheadS: 0);
        }

        Assert.Equal(9, Accepted("P1").Count);
        Assert.Equal(clock.GetUtcNow().AddMilliseconds(-400), Accepted("P1")[^1].FixTime);
        Assert.Empty(clockLog.Lines);
    }

    [Fact]
    public async Task Batches_of_a_devices_fixes_over_the_last_minute_say_its_clock_by_their_newest()
    {
        // An app posting what it recorded since its last post: ten fixes 5 s apart, the newest a second old.
        for (var post = 0; post < 4; post++)
        {
            var now = clock.GetUtcNow();
            var batch = Enumerable.Range(0, 10).Select(i => IncomingReport.Parsed(ReportSource.Json, "raw",
                new PositionReport("P1", ReportSource.Json, now.AddSeconds(-1 - (5 * (9 - i))), new GeoPoint(39.7, -104.9)))).ToList();
            var outcome = await intake.SubmitAsync("drill-1", batch, UnknownUnitPolicy.Enrol, Ct);
            Assert.Equal(10, outcome.Accepted);
            clock.Advance(TimeSpan.FromSeconds(50));
        }

        Assert.Equal(clock.GetUtcNow().AddSeconds(-51), Accepted("P1")[^1].FixTime);
        Assert.Empty(clockLog.Lines);
    }

    [Fact]
    public async Task A_report_sent_again_while_it_went_unanswered_teaches_nothing_and_is_taken_at_its_own_time()
    {
        // A client retries the fix it took every 0.6 s for 12 s while the incident cannot be reached (each try screened
        // here, none answered), then it gets through and the client reports on.
        var taken = clock.GetUtcNow().AddMilliseconds(-100);
        var report = new PositionReport("P1", ReportSource.Json, taken, new GeoPoint(39.7, -104.9));
        port.FailNext = 20;
        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => intake.SubmitAsync("drill-1", [IncomingReport.Parsed(ReportSource.Json, "raw", report)], UnknownUnitPolicy.Enrol, Ct));
            clock.Advance(TimeSpan.FromMilliseconds(600));
        }

        await intake.SubmitAsync("drill-1", [IncomingReport.Parsed(ReportSource.Json, "raw", report)], UnknownUnitPolicy.Enrol, Ct);
        clock.Advance(TimeSpan.FromSeconds(5));
        await SendAsync("P1", aheadS: 0, source: ReportSource.Json);

        Assert.Equal([taken, clock.GetUtcNow().AddMilliseconds(-400)], Accepted("P1").Select(r => r.FixTime));
        Assert.Empty(clockLog.Lines);
    }

    [Fact]
    public async Task Devices_are_told_apart_by_their_unit_and_a_clock_a_day_off_is_not_put_right()
    {
        for (var i = 0; i < 3; i++)
        {
            await SendAsync("P1", aheadS: 20);
            await SendAsync("P2", aheadS: 0);
            await SendAsync("P3", aheadS: 86_400 + 60);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        // P1's first two, refused while its clock was learned, are taken with its third.
        Assert.Equal(3, Accepted("P1").Count);
        Assert.Equal(3, Accepted("P2").Count);
        Assert.Empty(Accepted("P3"));
        Assert.Single(clockLog.Lines);
    }

    [Fact]
    public async Task Reports_a_sender_may_not_make_for_a_unit_teach_nothing_of_its_devices_clock()
    {
        var bound = new ReportIntake(port, new IntakeMetrics(services.GetRequiredService<IMeterFactory>()), new RejectionLog(new RecordingLogger<RejectionLog>(), clock),
            clock, ValidationOptions.Default, new BoundUnits(), new DeviceClocks(ValidationOptions.Default, clockLog));
        for (var i = 0; i < 3; i++)
        {
            var report = new PositionReport("P1", ReportSource.CoT, clock.GetUtcNow().AddSeconds(-90), new GeoPoint(39.7, -104.9));
            var outcome = await bound.SubmitAsync("drill-1", [IncomingReport.Parsed(ReportSource.CoT, "raw", report)], UnknownUnitPolicy.Enrol, Ct);
            Assert.Equal(RejectReason.UnitBoundToDevice, outcome.Rejected.Single().Rejection.Reason);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Empty(clockLog.Lines);
    }

    // The latest fix of P1 an incident took, put right for a device clock 240 s slow, <paramref name="agoS"/> before now.
    private void IncidentTook(double agoS, ReportSource source = ReportSource.OsmAnd) =>
        port.LatestFixes["P1"] = new PositionReport("P1", source, clock.GetUtcNow().AddSeconds(-agoS), new GeoPoint(39.7, -104.9), ClockCorrectionS: 240);

    [Fact]
    public async Task A_host_that_has_not_heard_a_device_puts_its_reports_right_from_the_first_by_the_clock_its_incident_found()
    {
        // The phone's host was killed and started again (or the phone now reaches another host): its incident took a fix
        // put right for a clock 4 min slow 72 s ago.
        IncidentTook(agoS: 72);

        var first = await SendAsync("P1", aheadS: -240, source: ReportSource.OsmAnd);
        clock.Advance(TimeSpan.FromSeconds(5));
        var second = await SendAsync("P1", aheadS: -240, source: ReportSource.OsmAnd);

        Assert.Equal((1, 1), (first.Accepted, second.Accepted));
        Assert.Equal([(At(-0.4), 240.0), (At(5 - 0.4), 240.0)], Accepted("P1").Select(r => (r.FixTime, r.ClockCorrectionS ?? 0)));
        // Asked once, for the device it did not follow; not again once it does.
        Assert.Equal([["P1"]], port.ClockLookups);
        Assert.Equal("The device reporting for unit P1 over OsmAnd was found keeping a clock 240 s behind this host's before: its fix times are taken 240 s later from its first report here",
            clockLog.Lines.Single());
    }

    [Theory]
    [InlineData(ReportSource.CoT, 72)]
    [InlineData(ReportSource.OsmAnd, 16 * 60)]
    public async Task A_clock_found_for_another_source_or_not_heard_for_long_is_learned_afresh(ReportSource tookOver, double agoS)
    {
        IncidentTook(agoS, tookOver);

        await SendAsync("P1", aheadS: -240, source: ReportSource.OsmAnd);

        Assert.Null(Accepted("P1").Single().ClockCorrectionS);
        Assert.Empty(clockLog.Lines);
    }

    [Fact]
    public async Task A_clock_put_right_on_the_device_after_its_host_started_again_is_heard_as_it_is_once_its_reports_agree()
    {
        IncidentTook(agoS: 72);
        var outcomes = new List<IntakeOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await SendAsync("P1", aheadS: 0, source: ReportSource.OsmAnd));
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        // Put right by the 4 min it was found slow, its first two are 4 min ahead; its third says its clock keeps this host's
        // time, and from there it is taken as it comes, the two refused meanwhile with it, before it.
        Assert.Equal([RejectReason.FutureFix, RejectReason.FutureFix], outcomes.Take(2).Select(o => o.Rejected.Single().Rejection.Reason));
        Assert.Equal([(At(-0.4), (double?)null), (At(5 - 0.4), null), (At(10 - 0.4), null), (At(15 - 0.4), null), (At(20 - 0.4), null)],
            Accepted("P1").Select(r => (r.FixTime, r.ClockCorrectionS)));
        Assert.Equal("The device reporting for unit P1 over OsmAnd keeps this host's time again: its fix times are taken as they come", clockLog.Lines[^1]);
    }

    private sealed class BoundUnits : IUnitBindings
    {
        public string? BoundTo(string unitId) => unitId == "P1" ? "device:phone-1" : null;
    }
}

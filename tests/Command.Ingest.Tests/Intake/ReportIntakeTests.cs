using System.Diagnostics.Metrics;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Tests.Listeners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.Intake;

public sealed class ReportIntakeTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);
    private readonly FakeIncidentPort port = new();
    private readonly RecordingLogger<RejectionLog> logger = new();
    private readonly ServiceProvider services;
    private readonly MeterListener meters = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> measured = [];

    public ReportIntakeTests()
    {
        services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        meters.Start();
        Intake = new ReportIntake(port, new IntakeMetrics(factory), new RejectionLog(logger, clock), clock, ValidationOptions.Default);
    }

    private ReportIntake Intake { get; }

    private static IncomingReport Good(string unit, int secondsAgo = 1) =>
        IncomingReport.Parsed(ReportSource.Aprs, $"raw {unit}", new PositionReport(unit, ReportSource.Aprs, Now.AddSeconds(-secondsAgo), new GeoPoint(39.7, -104.9)));

    private static IncomingReport Bad(RejectReason reason, string raw) =>
        IncomingReport.Refused(ReportSource.Nmea, raw, new Rejection(reason, "because"), "GPS1");

    [Fact]
    public async Task A_batch_the_incident_could_not_be_handed_is_said_with_how_many_reports_it_carried_and_the_failure_goes_to_the_sender()
    {
        port.FailNext = 1;

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => Intake.SubmitAsync("drill-1", [Good("A"), Bad(RejectReason.NoFix, "$GPRMC,V"), Good("B")],
            UnknownUnitPolicy.Enrol, TestContext.Current.CancellationToken));

        Assert.Equal([("drill-1", 2, (Exception)failure)], port.NotHandedBatches);
    }

    [Fact]
    public async Task A_refusal_names_the_unit_by_its_id_cut_to_the_longest_an_id_may_be()
    {
        var id = new string('Z', 3_000_000);

        var outcome = await Intake.SubmitAsync("drill-1", [IncomingReport.Refused(ReportSource.Json, "{}", new Rejection(RejectReason.TooLong, "unit id is too long"), id)],
            UnknownUnitPolicy.Enrol, TestContext.Current.CancellationToken);

        Assert.Equal(new string('Z', InputLimits.MaxIdChars) + "…", Assert.Single(outcome.Rejected).UnitId);
        Assert.Equal(new string('Z', InputLimits.MaxIdChars) + "…", Assert.Single(port.Snapshot()).Refused?.UnitId);
    }

    [Fact]
    public async Task Reports_the_incident_could_not_record_are_said_so_unless_the_caller_hands_them_over_again()
    {
        port.Answer = r => r.UnitId == "B" ? null : new Rejection(RejectReason.Unavailable, "storage did not answer");
        var ct = TestContext.Current.CancellationToken;

        await Intake.SubmitAsync("drill-1", [Good("A"), Good("B"), Good("C")], UnknownUnitPolicy.Enrol, ct, triedAgain: true);
        Assert.Empty(port.NotRecordedBatches);

        await Intake.SubmitAsync("drill-1", [Good("A"), Good("B"), Good("C")], UnknownUnitPolicy.Enrol, ct);
        Assert.Equal([("drill-1", 2, "storage did not answer")], port.NotRecordedBatches);
    }

    [Fact]
    public async Task A_batch_the_incident_could_not_be_handed_and_that_is_handed_over_again_is_not_said_lost()
    {
        port.FailNext = 1;

        await Assert.ThrowsAsync<TimeoutException>(() => Intake.SubmitAsync("drill-1", [Good("A")], UnknownUnitPolicy.Enrol, TestContext.Current.CancellationToken, triedAgain: true));

        Assert.Empty(port.NotHandedBatches);
    }

    [Fact]
    public async Task Rejections_are_counted_by_source_and_reason_and_acceptances_by_source()
    {
        var outcome = await Intake.SubmitAsync("drill-1", [Good("A"), Bad(RejectReason.NoFix, "$GPRMC,V"), Good("B", secondsAgo: 600), Bad(RejectReason.NoFix, "$GPGGA,0")],
            UnknownUnitPolicy.Enrol, TestContext.Current.CancellationToken);

        Assert.Equal(1, outcome.Accepted);
        Assert.Equal([1, 2, 3], outcome.Rejected.Select(r => r.Index));
        var rejected = measured.Where(m => m.Instrument == "command.ingest.rejected").Select(m => ($"{m.Tags["source"]}/{m.Tags["reason"]}", m.Value));
        Assert.Equal([("Nmea/no-fix", 1L), ("Aprs/too-old", 1L), ("Nmea/no-fix", 1L)], rejected);
        Assert.Equal([("Aprs", 1L)], measured.Where(m => m.Instrument == "command.ingest.accepted").Select(m => ((string)m.Tags["source"]!, m.Value)));
    }

    [Fact]
    public async Task A_devices_backlog_refused_as_too_old_is_taken_before_the_first_of_its_fixes_that_is_not_and_answered_to_no_one()
    {
        // A phone back in network sends what it held, oldest first, one request a fix: 7, 6.9 and 6.8 min old, then 4.9.
        var ages = new[] { 420, 414, 408, 294 };
        var outcomes = new List<IntakeOutcome>();
        foreach (var age in ages)
        {
            outcomes.Add(await Intake.SubmitAsync("drill-1", [Good("A", secondsAgo: age)], UnknownUnitPolicy.Enrol, TestContext.Current.CancellationToken));
            clock.Advance(TimeSpan.FromMilliseconds(200));
        }

        // Each sender was answered as its fix came: the three too old refused.
        Assert.Equal([0, 0, 0, 1], outcomes.Select(o => o.Accepted));
        Assert.All(outcomes.Take(3), o => Assert.Equal(RejectReason.TooOld, Assert.Single(o.Rejected).Rejection.Reason));
        // The incident heard the refusals, then the backlog and the fix after it, in order.
        var delivered = port.Snapshot();
        Assert.Equal(3, delivered.Count(d => d.Refused is { Reason: RejectReason.TooOld }));
        Assert.Equal(ages.Select(a => Now.AddSeconds(-a)), delivered.Where(d => d.Report is not null).Select(d => d.Report!.FixTime));
    }

    [Fact]
    public async Task Refused_inputs_reach_the_incident_with_their_raw_text()
    {
        await Intake.SubmitAsync("drill-1", [Bad(RejectReason.Malformed, "$GPRMC,garbage*00"), Good("B", secondsAgo: 600)], UnknownUnitPolicy.Enrol, TestContext.Current.CancellationToken);
        var refused = port.Snapshot().Select(d => d.Refused!).ToList();
        Assert.Equal([(RejectReason.Malformed, "$GPRMC,garbage*00", "GPS1"), (RejectReason.TooOld, "raw B", "B")], refused.Select(r => (r.Reason, r.Raw, r.UnitId)));
        Assert.All(refused, r => Assert.Equal(Now, r.Time));
    }

    [Fact]
    public async Task A_batch_none_of_whose_reports_passed_says_why_the_incident_takes_nothing_and_records_nothing_there()
    {
        port.Refuses = id => id == "gone" ? new Rejection(RejectReason.UnknownIncident, "incident 'gone' does not exist") : null;

        var gone = await Intake.SubmitAsync("gone", [Bad(RejectReason.Malformed, "1"), Bad(RejectReason.NoFix, "2")], UnknownUnitPolicy.Enrol, TestContext.Current.CancellationToken);
        var open = await Intake.SubmitAsync("drill-1", [Bad(RejectReason.Malformed, "3")], UnknownUnitPolicy.Enrol, TestContext.Current.CancellationToken);

        Assert.Equal((RejectReason.UnknownIncident, 2), (gone.Incident?.Reason, gone.Rejected.Count));
        Assert.Null(open.Incident);
        Assert.Equal(["drill-1"], port.Snapshot().Select(d => d.Incident));
    }

    [Fact]
    public async Task An_empty_batch_says_why_the_incident_takes_nothing_and_is_taken_where_it_takes_reports()
    {
        port.Refuses = id => id == "gone" ? new Rejection(RejectReason.UnknownIncident, "incident 'gone' does not exist") : null;

        var gone = await Intake.SubmitAsync("gone", [], UnknownUnitPolicy.Enrol, TestContext.Current.CancellationToken);
        var open = await Intake.SubmitAsync("drill-1", [], UnknownUnitPolicy.Enrol, TestContext.Current.CancellationToken);

        Assert.Equal(new Rejection(RejectReason.UnknownIncident, "incident 'gone' does not exist"), gone.Incident);
        Assert.Equal((0, 0, (Rejection?)null), (open.Accepted, open.Rejected.Count, open.Incident));
        Assert.Empty(port.Snapshot());
    }

    [Fact]
    public async Task Rejection_log_writes_the_first_then_one_line_per_interval_with_the_count_suppressed()
    {
        var ct = TestContext.Current.CancellationToken;
        await Intake.SubmitAsync("drill-1", [Bad(RejectReason.NoFix, "1"), Bad(RejectReason.NoFix, "2"), Bad(RejectReason.NoFix, "3")], UnknownUnitPolicy.Enrol, ct);
        clock.Advance(TimeSpan.FromSeconds(9));
        await Intake.SubmitAsync("drill-1", [Bad(RejectReason.NoFix, "4"), Bad(RejectReason.Malformed, "5")], UnknownUnitPolicy.Enrol, ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Intake.SubmitAsync("drill-1", [Bad(RejectReason.NoFix, "6")], UnknownUnitPolicy.Enrol, ct);
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(
        [
            "Rejected Nmea input: no-fix (because)",
            "Rejected Nmea input: malformed (because)",
            "Rejected 3 more Nmea input as no-fix since the last line (the latest: because)",
            "Rejected 1 more Nmea input as no-fix since the last line (the latest: because)",
        ], logger.Lines);
    }

    public void Dispose()
    {
        meters.Dispose();
        services.Dispose();
    }
}

/// <summary>Keeps every formatted log line.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public List<string> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Add(formatter(state, exception));
}

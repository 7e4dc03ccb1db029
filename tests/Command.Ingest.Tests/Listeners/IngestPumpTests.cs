using Command.Domain.Validation;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Command.Ingest.Tests.Listeners;

public sealed class IngestPumpTests
{
    private static IngestItem Report(string incident, string unit) =>
        new(incident, UnknownUnitPolicy.Enrol, IncomingReport.Parsed(ReportSource.Nmea, unit,
            new PositionReport(unit, ReportSource.Nmea, IngestRig.Now, new GeoPoint(39.7, -104.9))));

    [Fact(Timeout = 30_000)]
    public async Task Waiting_items_go_to_each_incident_in_one_call_and_a_threat_waits_for_the_reports_before_it()
    {
        var port = new FakeIncidentPort();
        await using var services = new ServiceCollection()
            .AddSingleton<IIncidentPort>(port)
            .AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IngestRig.Now))
            .AddCommandIngest(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .BuildServiceProvider();
        var queue = services.GetRequiredService<IngestQueue>();
        var ct = TestContext.Current.CancellationToken;
        foreach (var item in new[] { Report("a", "A1"), Report("b", "B1"), Report("a", "A2"), Report("a", "A3") })
        {
            await queue.EnqueueAsync(item, ct);
        }

        await queue.EnqueueAsync(new IngestItem("a", UnknownUnitPolicy.Enrol, null, new Threat("T1", new GeoPoint(39.7, -104.9), 10, ThreatPhase.Active), "cot:H"), ct);
        await queue.EnqueueAsync(Report("a", "A4"), ct);

        var pump = services.GetServices<IHostedService>().OfType<IngestPump>().Single();
        await pump.StartAsync(ct);
        var delivered = await port.WaitForAsync(6);
        await pump.StopAsync(ct);

        Assert.Equal([3, 1, 1], port.BatchSizes);
        Assert.Equal(["a:A1", "a:A2", "a:A3", "b:B1", "a:T1", "a:A4"],
            delivered.Select(d => $"{d.Incident}:{d.Report?.UnitId ?? d.Threat?.ThreatId}"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_unit_enrolled_in_an_incident_is_routed_there_and_others_go_to_the_listeners_incident()
    {
        var port = new FakeIncidentPort();
        await using var services = new ServiceCollection()
            .AddSingleton<IIncidentPort>(port)
            .AddSingleton<IUnitRoutes>(new EnrolledUnits(new Dictionary<string, string> { ["E1"] = "drill-east" }))
            .AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IngestRig.Now))
            .AddCommandIngest(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .BuildServiceProvider();
        var queue = services.GetRequiredService<IngestQueue>();
        var ct = TestContext.Current.CancellationToken;
        foreach (var item in new[] { Report("fallback", "E1"), Report("fallback", "U1") })
        {
            await queue.EnqueueAsync(item, ct);
        }

        var pump = services.GetServices<IHostedService>().OfType<IngestPump>().Single();
        await pump.StartAsync(ct);
        var delivered = await port.WaitForAsync(2);
        await pump.StopAsync(ct);

        Assert.Equal(["drill-east:E1", "fallback:U1"], delivered.Select(d => $"{d.Incident}:{d.Report!.UnitId}").Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_failed_delivery_is_tried_again_and_what_still_fails_is_counted_as_lost()
    {
        var port = new FakeIncidentPort { FailNext = 2 };
        await using var services = Services(port, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IngestRig.Now), ["Ingest:DeliveryRetryDelay=00:00:00"]);
        var queue = services.GetRequiredService<IngestQueue>();
        var lost = new List<long>();
        using var listener = LostCounter(lost);
        var ct = TestContext.Current.CancellationToken;
        var pump = services.GetServices<IHostedService>().OfType<IngestPump>().Single();
        await pump.StartAsync(ct);

        await queue.EnqueueAsync(Report("a", "A1"), ct);
        var delivered = await port.WaitForAsync(1);
        port.FailNext = 100;
        await queue.EnqueueAsync(Report("a", "A2"), ct);
        await pump.StopAsync(ct);

        Assert.Equal(["a:A1"], delivered.Select(d => $"{d.Incident}:{d.Report!.UnitId}"));
        Assert.Equal(2 + 4, port.Failures);
        Assert.Equal([1L], lost);
        // Only what was lost is said not handed over: A1, taken at its third attempt, is in the record.
        Assert.Equal([("a", 1)], port.NotHandedBatches.Select(b => (b.Incident, b.Reports)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_delivery_the_cluster_gives_up_on_as_cancelled_is_tried_again_and_the_pump_goes_on()
    {
        // A message that expired while the cluster's storage did not answer comes back as a cancellation: taken for the
        // pump's own stopping, it ended the pump, and with it the host, and every radio that host heard.
        var port = new FakeIncidentPort { FailNext = 2, FailWith = () => new OperationCanceledException("the message expired (test)") };
        await using var services = Services(port, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IngestRig.Now), ["Ingest:DeliveryRetryDelay=00:00:00"]);
        var (queue, pump) = await StartedAsync(services);
        var ct = TestContext.Current.CancellationToken;

        await queue.EnqueueAsync(Report("a", "A1"), ct);
        await port.WaitForAsync(1);
        await queue.EnqueueAsync(Report("a", "A2"), ct);
        var delivered = await port.WaitForAsync(2);
        await pump.StopAsync(ct);

        Assert.Equal(["a:A1", "a:A2"], delivered.Select(d => $"{d.Incident}:{d.Report!.UnitId}"));
        Assert.Equal(2, port.Failures);
        Assert.Empty(port.NotHandedBatches);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_batch_the_incident_could_not_record_at_first_and_took_on_a_later_attempt_is_not_counted_missing_from_the_record()
    {
        // The incident's storage did not answer for a moment: its first answers were "unavailable", its next took the fix.
        var unavailable = 2;
        var port = new FakeIncidentPort();
        port.Answer = _ => Interlocked.Decrement(ref unavailable) >= 0 ? new Rejection(RejectReason.Unavailable, "storage did not answer") : null;
        await using var services = Services(port, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IngestRig.Now), ["Ingest:DeliveryRetryDelay=00:00:00"]);
        var (queue, pump) = await StartedAsync(services);
        var ct = TestContext.Current.CancellationToken;

        await queue.EnqueueAsync(Report("a", "A1"), ct);
        await port.WaitForAsync(3);
        unavailable = 100;
        await queue.EnqueueAsync(Report("a", "A2"), ct);
        await port.WaitForAsync(3 + 4);
        await pump.StopAsync(ct);

        // A2 was answered "unavailable" at each of its four attempts: it alone is missing from the record.
        Assert.Equal([("a", 1, "storage did not answer")], port.NotRecordedBatches);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_unit_whose_route_cannot_be_looked_up_is_counted_as_lost_and_the_pump_goes_on()
    {
        // The unit grains of a host that died cannot be asked until the cluster moves them: that failed the pump, which
        // stopped the host, and with it every radio the surviving host heard.
        var port = new FakeIncidentPort();
        var routes = new UnreachableUnits("GONE");
        await using var services = Services(port, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IngestRig.Now), ["Ingest:DeliveryRetryDelay=00:00:00"], routes);
        var queue = services.GetRequiredService<IngestQueue>();
        var lost = new List<long>();
        using var listener = LostCounter(lost);
        var ct = TestContext.Current.CancellationToken;
        var pump = services.GetServices<IHostedService>().OfType<IngestPump>().Single();
        await pump.StartAsync(ct);

        await queue.EnqueueAsync(Report("a", "A1"), ct);
        await queue.EnqueueAsync(Report("a", "GONE"), ct);
        await queue.EnqueueAsync(Report("a", "A2"), ct);
        var before = await port.WaitForAsync(2);
        await queue.EnqueueAsync(Report("a", "A3"), ct);
        var after = await port.WaitForAsync(3);
        await pump.StopAsync(ct);

        Assert.Equal(["a:A1", "a:A2"], before.Select(d => $"{d.Incident}:{d.Report!.UnitId}"));
        Assert.Equal("a:A3", $"{after[^1].Incident}:{after[^1].Report!.UnitId}");
        Assert.Equal(4, routes.Failures);
        Assert.Equal([1L], lost);
        Assert.False(pump.ExecuteTask!.IsFaulted);
    }

    [Fact(Timeout = 30_000)]
    public async Task What_is_queued_when_the_host_stops_is_still_delivered()
    {
        var port = new FakeIncidentPort { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var services = Services(port, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IngestRig.Now));
        var queue = services.GetRequiredService<IngestQueue>();
        var ct = TestContext.Current.CancellationToken;
        var pump = services.GetServices<IHostedService>().OfType<IngestPump>().Single();
        await pump.StartAsync(ct);

        // The first report is on its way to the incident and held there; two more queue up behind it; the host stops.
        await queue.EnqueueAsync(Report("a", "A1"), ct);
        while (queue.Count > 0)
        {
            await Task.Yield();
        }

        await queue.EnqueueAsync(Report("a", "A2"), ct);
        await queue.EnqueueAsync(Report("a", "A3"), ct);
        var stopping = pump.StopAsync(ct);
        port.Gate.SetResult();
        await stopping;

        Assert.Equal(["A1", "A2", "A3"], port.Snapshot().Select(d => d.Report!.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_new_unit_reporting_from_two_incidents_sites_in_one_batch_goes_to_the_incident_of_its_first_report()
    {
        var port = new FakeIncidentPort();
        // drill-1's site is west of -104.9, drill-east's east of it; a unit is enrolled where it was first taken.
        var routes = new FirstTakenEnrols(port, (at, listeners) => listeners == "drill-1" && at.Longitude > -104.9 ? "drill-east" : null);
        await using var services = Services(port, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IngestRig.Now), routes: routes);
        var ct = TestContext.Current.CancellationToken;
        var queue = services.GetRequiredService<IngestQueue>();
        // Another unit's report first, so drill-1 is the first incident of the batch; then the newcomer on drill-east's
        // site, and a moment later on drill-1's.
        await queue.EnqueueAsync(At("Y1", -104.95, IngestRig.Now), ct);
        await queue.EnqueueAsync(At("N1", -104.85, IngestRig.Now), ct);
        await queue.EnqueueAsync(At("N1", -104.95, IngestRig.Now.AddSeconds(5)), ct);

        var pump = services.GetServices<IHostedService>().OfType<IngestPump>().Single();
        await pump.StartAsync(ct);
        var delivered = await port.WaitForAsync(3);
        await pump.StopAsync(ct);

        Assert.Equal(["drill-1:Y1", "drill-east:N1@-104.85", "drill-east:N1@-104.95"],
            delivered.Select(d => d.Report!.UnitId == "Y1" ? $"{d.Incident}:Y1" : FormattableString.Invariant($"{d.Incident}:{d.Report.UnitId}@{d.Report.Position.Longitude}")));
    }

    private static IngestItem At(string unit, double longitude, DateTimeOffset time) =>
        new("drill-1", UnknownUnitPolicy.Enrol, IncomingReport.Parsed(ReportSource.Nmea, unit, new PositionReport(unit, ReportSource.Nmea, time, new GeoPoint(39.7, longitude))));

    // Units enrolled in the incident first handed a report of theirs (as an incident that enrols on first report does),
    // and the incident whose site a position lies on as the test says.
    private sealed class FirstTakenEnrols(FakeIncidentPort port, Func<GeoPoint, string, string?> sites) : IUnitRoutes
    {
        public ValueTask<string?> IncidentOfAsync(string unitId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(port.Snapshot().FirstOrDefault(d => d.Report?.UnitId == unitId)?.Incident);

        public ValueTask<string?> IncidentAtAsync(GeoPoint position, string listeners, CancellationToken cancellationToken) =>
            ValueTask.FromResult(sites(position, listeners));

        public ValueTask<string?> IncidentOfMarkerAsync(string marker, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
    }

    // The pump of these services, started, and the queue it drains.
    private static async Task<(IngestQueue Queue, IngestPump Pump)> StartedAsync(ServiceProvider services)
    {
        var pump = services.GetServices<IHostedService>().OfType<IngestPump>().Single();
        await pump.StartAsync(TestContext.Current.CancellationToken);
        return (services.GetRequiredService<IngestQueue>(), pump);
    }

    private static ServiceProvider Services(FakeIncidentPort port, TimeProvider clock, string[]? settings = null, IUnitRoutes? routes = null) => new ServiceCollection()
        .AddSingleton<IIncidentPort>(port)
        .AddSingleton(routes ?? new ListenerIncidentOnly())
        .AddSingleton(clock)
        .AddCommandIngest(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection((settings ?? []).Select(s => s.Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]))
            .Build())
        .BuildServiceProvider();

    private static System.Diagnostics.Metrics.MeterListener LostCounter(List<long> lost)
    {
        var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "command.ingest.lost")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            lock (lost)
            {
                lost.Add(value);
            }
        });
        listener.Start();
        return listener;
    }
}

using System.Diagnostics.Metrics;
using System.Reflection;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Validation;
using Command.Host.Drills;
using Command.Ingest.Intake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Host.Tests.Api;

/// <summary>A drill plays on while its incident's host has died and the cluster has not yet moved the incident.</summary>
public sealed class DrillSinkTests
{
    [Fact]
    public async Task Fixes_that_find_the_incident_unreachable_are_not_delivered_and_the_drill_plays_on_and_any_other_fault_still_stops_it()
    {
        var port = new UnreachablePort();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var log = new RejectionLog(NullLogger<RejectionLog>.Instance, TimeProvider.System);
        var intake = new ReportIntake(port, new IntakeMetrics(services.GetRequiredService<IMeterFactory>()), log, TimeProvider.System, ValidationOptions.Default);
        var sink = new IncidentDrillSink("demo", "demo", null!, intake);
        PositionReport[] fixes = [new("P1", ReportSource.Simulator, DateTimeOffset.UtcNow, new GeoPoint(38.65, -98.43))];

        port.Throw = new SiloUnavailableException("silo S127.0.0.1:11203:0 is unavailable");
        await sink.ReportsAsync(fixes, TestContext.Current.CancellationToken);
        port.Throw = new InvalidOperationException("a fault of the drill's own");

        await Assert.ThrowsAsync<InvalidOperationException>(() => sink.ReportsAsync(fixes, TestContext.Current.CancellationToken));
        Assert.Equal(2, port.Calls);
    }

    [Fact]
    public async Task A_drills_command_is_sent_again_until_the_incident_is_reached_on_its_new_host()
    {
        var incident = DispatchProxy.Create<Grains.Incidents.IIncidentGrain, MovingIncident>();
        ((MovingIncident)(object)incident).FailuresLeft = 1;
        var grains = DispatchProxy.Create<IGrainFactory, OneGrain>();
        ((OneGrain)(object)grains).Grain = incident;
        var sink = new IncidentDrillSink("demo", "demo", grains, null!);

        await sink.ThreatAsync(new Threat("T1", new GeoPoint(38.65, -98.43), 5, ThreatPhase.Contained), "subject barricaded", TestContext.Current.CancellationToken);

        // Failed once as a silo gone does, answered on the second: no exception stops the drill.
        Assert.Equal(2, ((MovingIncident)(object)incident).Calls);
    }

    [Fact]
    public async Task A_drills_threat_set_as_it_stands_plays_on_and_one_refused_stops_it()
    {
        // A round started over where the last left its threat: the incident records nothing, and the drill plays on.
        var incident = DispatchProxy.Create<Grains.Incidents.IIncidentGrain, MovingIncident>();
        var grains = DispatchProxy.Create<IGrainFactory, OneGrain>();
        ((OneGrain)(object)grains).Grain = incident;
        var sink = new IncidentDrillSink("demo", "demo", grains, null!);
        var threat = new Threat("T1", new GeoPoint(38.65, -98.43), 5, ThreatPhase.Active);
        ((MovingIncident)(object)incident).Answer = new Rejection(RejectReason.Duplicate, "threat T1 already stands as sent, active: nothing recorded");

        await sink.ThreatAsync(threat, null, TestContext.Current.CancellationToken);
        ((MovingIncident)(object)incident).Answer = new Rejection(RejectReason.InvalidCoordinates, "threat T1 is 20 km from site Demo");

        var refused = await Assert.ThrowsAsync<DrillRefusedException>(() => sink.ThreatAsync(threat, null, TestContext.Current.CancellationToken));
        Assert.Equal(RejectReason.InvalidCoordinates, refused.Rejection.Reason);
    }

    /// <summary>A grain factory that hands out one grain.</summary>
    public class OneGrain : DispatchProxy
    {
        public object? Grain { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => Grain;
    }

    /// <summary>An incident whose host died: its first calls fail as a silo gone does, then it answers from its new host.</summary>
    public class MovingIncident : DispatchProxy
    {
        public int FailuresLeft { get; set; }

        public int Calls { get; private set; }

        /// <summary>What it answers once reached; null takes the command.</summary>
        public Rejection? Answer { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls++;
            return FailuresLeft-- > 0
                ? Task.FromException<Rejection?>(new SiloUnavailableException("silo S127.0.0.1:11202:0 is unavailable"))
                : Task.FromResult(Answer);
        }
    }

    private sealed class UnreachablePort : IIncidentPort
    {
        public Exception Throw { get; set; } = new TimeoutException();

        public int Calls { get; private set; }

        public Task<IReadOnlyList<Rejection?>> SubmitAsync(string incidentId, IReadOnlyList<PositionReport> reports, IReadOnlyList<InputRejected> refused, UnknownUnitPolicy unknownUnits, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromException<IReadOnlyList<Rejection?>>(Throw);
        }

        public Task<IReadOnlyList<PositionReport>> ClockCorrectedFixesAsync(string incidentId, IReadOnlyList<string> unitIds, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromException<IReadOnlyList<PositionReport>>(Throw);
        }

        public Task<Rejection?> TakesAsync(string incidentId, CancellationToken cancellationToken) => Task.FromResult<Rejection?>(null);

        public Task<Rejection?> SetThreatAsync(string incidentId, Threat threat, string actor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Rejection?> AlertAsync(string incidentId, UnitAlert alert, string actor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Rejection?> DeleteMarkerAsync(string incidentId, DeletedMarker deletion, string actor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Rejection?> SignOffAsync(string incidentId, string unitId, string actor, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

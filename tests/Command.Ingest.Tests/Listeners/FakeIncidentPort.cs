using System.Threading.Channels;
using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Ingest.Tests.Listeners;

/// <summary>One thing an incident was handed.</summary>
internal sealed record Delivered(string Incident, UnknownUnitPolicy? Policy, PositionReport? Report = null, InputRejected? Refused = null, Threat? Threat = null, string? Actor = null,
    UnitAlert? Alert = null, string? DeletedMarker = null, string? Device = null, string? Became = null, string? SignedOff = null);

/// <summary>Records what it is handed and lets a test await a number of deliveries without polling.</summary>
internal sealed class FakeIncidentPort : IIncidentPort
{
    private readonly List<Delivered> delivered = [];
    private readonly Channel<bool> arrivals = Channel.CreateUnbounded<bool>();

    public List<int> BatchSizes { get; } = [];

    /// <summary>How many of the next submissions throw (an incident moving between silos, say).</summary>
    public int FailNext { get; set; }

    /// <summary>What a failing submission throws; a timeout unless set.</summary>
    public Func<Exception> FailWith { get; set; } = () => new TimeoutException("the incident did not answer (test)");

    /// <summary>Submissions that threw.</summary>
    public int Failures { get; private set; }

    /// <summary>What the intake said it could not hand over, and why.</summary>
    public List<(string Incident, int Reports, Exception Failure)> NotHandedBatches { get; } = [];

    public void NotHanded(string incidentId, int reports, Exception failure)
    {
        lock (delivered)
        {
            NotHandedBatches.Add((incidentId, reports, failure));
        }
    }

    /// <summary>What the intake said the incident answered as not recorded, and why.</summary>
    public List<(string Incident, int Reports, string Why)> NotRecordedBatches { get; } = [];

    public void NotRecorded(string incidentId, int reports, string why)
    {
        lock (delivered)
        {
            NotRecordedBatches.Add((incidentId, reports, why));
        }
    }

    /// <summary>What the incident answers each report it is handed; null takes every one.</summary>
    public Func<PositionReport, Rejection?>? Answer { get; set; }

    /// <summary>Why an incident takes nothing now, by its id; null (the default) has every incident take input.</summary>
    public Func<string, Rejection?>? Refuses { get; set; }

    /// <summary>What the incident answers a marker's deletion, by the incident asked and the marker's uid; null takes every one.</summary>
    public Func<string, string, Rejection?>? DeletionAnswer { get; set; }

    /// <summary>While set, submissions wait for it before they are taken.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public async Task<IReadOnlyList<Rejection?>> SubmitAsync(string incidentId, IReadOnlyList<PositionReport> reports, IReadOnlyList<InputRejected> refused,
        UnknownUnitPolicy unknownUnits, CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        return await TakeAsync(incidentId, reports, refused, unknownUnits);
    }

    private Task<IReadOnlyList<Rejection?>> TakeAsync(string incidentId, IReadOnlyList<PositionReport> reports, IReadOnlyList<InputRejected> refused, UnknownUnitPolicy unknownUnits)
    {
        lock (delivered)
        {
            if (FailNext > 0)
            {
                FailNext--;
                Failures++;
                arrivals.Writer.TryWrite(true);
                return Task.FromException<IReadOnlyList<Rejection?>>(FailWith());
            }

            BatchSizes.Add(reports.Count + refused.Count);
            delivered.AddRange(reports.Select(r => new Delivered(incidentId, unknownUnits, Report: r)));
            delivered.AddRange(refused.Select(r => new Delivered(incidentId, unknownUnits, Refused: r)));
        }

        arrivals.Writer.TryWrite(true);
        return Task.FromResult<IReadOnlyList<Rejection?>>(reports.Select(r => Answer?.Invoke(r)).ToList());
    }

    /// <summary>The latest fix the incident took of each unit, by unit id: what it answers for the clocks of devices a host does not follow.</summary>
    public Dictionary<string, PositionReport> LatestFixes { get; } = new(StringComparer.Ordinal);

    /// <summary>The units each lookup of devices' clocks asked for, in order.</summary>
    public List<IReadOnlyList<string>> ClockLookups { get; } = [];

    public Task<IReadOnlyList<PositionReport>> ClockCorrectedFixesAsync(string incidentId, IReadOnlyList<string> unitIds, CancellationToken cancellationToken)
    {
        lock (delivered)
        {
            ClockLookups.Add(unitIds);
            return Task.FromResult<IReadOnlyList<PositionReport>>(
                [.. unitIds.Select(LatestFixes.GetValueOrDefault).OfType<PositionReport>().Where(f => f.ClockCorrectionS is not null and not 0)]);
        }
    }

    public Task<Rejection?> TakesAsync(string incidentId, CancellationToken cancellationToken) => Task.FromResult(Refuses?.Invoke(incidentId));

    public Task<Rejection?> AlertAsync(string incidentId, UnitAlert alert, string actor, CancellationToken cancellationToken)
    {
        lock (delivered)
        {
            delivered.Add(new Delivered(incidentId, null, Alert: alert, Actor: actor));
        }

        arrivals.Writer.TryWrite(true);
        return Task.FromResult<Rejection?>(null);
    }

    /// <summary>What the incident answers a threat it is handed; null takes every one.</summary>
    public Func<Threat, Rejection?>? ThreatAnswer { get; set; }

    public Task<Rejection?> SetThreatAsync(string incidentId, Threat threat, string actor, CancellationToken cancellationToken)
    {
        lock (delivered)
        {
            delivered.Add(new Delivered(incidentId, null, Threat: threat, Actor: actor));
        }

        arrivals.Writer.TryWrite(true);
        return Task.FromResult(ThreatAnswer?.Invoke(threat));
    }

    public Task<Rejection?> DeleteMarkerAsync(string incidentId, DeletedMarker deletion, string actor, CancellationToken cancellationToken)
    {
        lock (delivered)
        {
            delivered.Add(new Delivered(incidentId, null, Actor: actor, DeletedMarker: deletion.Marker, Device: deletion.By, Became: deletion.Became));
        }

        arrivals.Writer.TryWrite(true);
        return Task.FromResult(DeletionAnswer?.Invoke(incidentId, deletion.Marker));
    }

    /// <summary>
    /// What the incident answers a unit's sign-off, by the unit's id; null (the default) has no unit enrolled, and
    /// answers unknown-unit. A sign-off is delivered only where the incident has the unit.
    /// </summary>
    public Func<string, Rejection?>? SignOffAnswer { get; set; }

    public Task<Rejection?> SignOffAsync(string incidentId, string unitId, string actor, CancellationToken cancellationToken)
    {
        var answer = SignOffAnswer is { } answers ? answers(unitId) : new Rejection(RejectReason.UnknownUnit, $"unit '{unitId}' is not enrolled: its device's sign-off is not taken");
        if (answer?.Reason == RejectReason.UnknownUnit)
        {
            return Task.FromResult<Rejection?>(answer);
        }

        lock (delivered)
        {
            delivered.Add(new Delivered(incidentId, null, Actor: actor, SignedOff: unitId));
        }

        arrivals.Writer.TryWrite(true);
        return Task.FromResult(answer);
    }

    public IReadOnlyList<Delivered> Snapshot()
    {
        lock (delivered)
        {
            return [.. delivered];
        }
    }

    /// <summary>Waits until a report of <paramref name="unitId"/> has been delivered: everything delivered by then.</summary>
    public async Task<IReadOnlyList<Delivered>> WaitForUnitAsync(string unitId)
    {
        while (Snapshot() is var now && !now.Any(d => d.Report?.UnitId == unitId))
        {
            await arrivals.Reader.ReadAsync(TestContext.Current.CancellationToken);
        }

        return Snapshot();
    }

    /// <summary>Waits until at least <paramref name="count"/> items have been delivered.</summary>
    public async Task<IReadOnlyList<Delivered>> WaitForAsync(int count)
    {
        while (Snapshot() is var now && now.Count < count)
        {
            await arrivals.Reader.ReadAsync(TestContext.Current.CancellationToken);
        }

        return Snapshot();
    }
}

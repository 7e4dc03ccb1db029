using Command.Ingest.Intake;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// Units enrolled in incidents as the test says, and the open incidents holding threats placed from markers; any other
/// unit is enrolled nowhere, and any other marker placed no threat.
/// </summary>
internal sealed class EnrolledUnits(IReadOnlyDictionary<string, string> enrolled, IReadOnlyDictionary<string, string>? threatMarkers = null) : IUnitRoutes
{
    public ValueTask<string?> IncidentOfAsync(string unitId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(enrolled.GetValueOrDefault(unitId));

    public ValueTask<string?> IncidentOfMarkerAsync(string marker, CancellationToken cancellationToken) =>
        ValueTask.FromResult(threatMarkers?.GetValueOrDefault(marker));
}

/// <summary>Units enrolled nowhere, but for one whose route cannot be looked up at all: its grain's host is gone.</summary>
internal sealed class UnreachableUnits(string unreachable) : IUnitRoutes
{
    private int failures;

    public int Failures => Volatile.Read(ref failures);

    public ValueTask<string?> IncidentOfAsync(string unitId, CancellationToken cancellationToken)
    {
        if (unitId == unreachable)
        {
            Interlocked.Increment(ref failures);
            return ValueTask.FromException<string?>(new TimeoutException($"unit {unitId}'s grain could not be reached"));
        }

        return ValueTask.FromResult<string?>(null);
    }

    public ValueTask<string?> IncidentOfMarkerAsync(string marker, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}

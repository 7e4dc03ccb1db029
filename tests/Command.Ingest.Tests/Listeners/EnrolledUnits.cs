using Command.Ingest.Intake;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// Units enrolled in incidents as the test says, the open incidents holding threats placed from markers, and the open
/// incident whose site a position lies on (by <see cref="Sites"/>, given the listener's incident); any other unit is
/// enrolled nowhere, any other marker placed no threat, and any other position lies on no other incident's site.
/// </summary>
internal sealed class EnrolledUnits(IReadOnlyDictionary<string, string> enrolled, IReadOnlyDictionary<string, string>? threatMarkers = null) : IUnitRoutes
{
    public Func<Domain.Geometry.GeoPoint, string, string?>? Sites { get; init; }

    public ValueTask<string?> IncidentAtAsync(Domain.Geometry.GeoPoint position, string listeners, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Sites?.Invoke(position, listeners));

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

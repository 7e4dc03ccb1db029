using Command.Ingest.Intake;

namespace Command.Ingest.Tests.Listeners;

/// <summary>Units enrolled in incidents as the test says; any other unit is enrolled nowhere.</summary>
internal sealed class EnrolledUnits(IReadOnlyDictionary<string, string> enrolled) : IUnitRoutes
{
    public ValueTask<string?> IncidentOfAsync(string unitId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(enrolled.GetValueOrDefault(unitId));
}

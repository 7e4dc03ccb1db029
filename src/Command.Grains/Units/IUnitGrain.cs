using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Grains.Units;

/// <summary>A unit: its identity, its assignment, and its latest accepted fix. Keyed by <see cref="UnitKey"/>.</summary>
public interface IUnitGrain : IGrainWithStringKey
{
    Task Assign(string incidentId, string callsign, UnitRole role);

    /// <summary>Told by the incident, behind the report path, so a busy incident never waits on its units.</summary>
    [OneWay]
    Task UpdateFix(PositionReport fix);

    Task<UnitRecord?> Get();
}

using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Grains.Units;

/// <summary>A unit: its identity, its assignment, and its latest accepted fix. Keyed by <see cref="UnitKey"/>.</summary>
public interface IUnitGrain : IGrainWithStringKey
{
    Task Assign(string incidentId, string callsign, UnitRole role);

    /// <summary>Told by the incident at most once per sync interval, so a busy incident rarely waits on its units.</summary>
    Task UpdateFix(PositionReport fix);

    Task<UnitRecord?> Get();
}

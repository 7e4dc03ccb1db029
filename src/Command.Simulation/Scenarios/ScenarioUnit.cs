using System.Collections.Immutable;
using Command.Domain.Units;
using Command.Simulation.Motion;

namespace Command.Simulation.Scenarios;

/// <summary>One responding unit of a scenario.</summary>
/// <param name="UnitId">Stable id, unique in the scenario.</param>
/// <param name="Callsign">Name shown on the dashboard.</param>
/// <param name="Role">Role at drill time 0.</param>
/// <param name="ArriveS">When it comes on scene and starts reporting, seconds.</param>
/// <param name="Trajectory">Where it is at every moment from arrival to the end of the script.</param>
/// <param name="Reporting">How often and how well its tracker reports.</param>
/// <param name="RoleChanges">Reassignments, in time order.</param>
/// <param name="Person">Who staffs the unit (name, agency, ICS position), when the file says.</param>
public sealed record ScenarioUnit(
    string UnitId,
    string Callsign,
    UnitRole Role,
    double ArriveS,
    Trajectory Trajectory,
    ReportingProfile Reporting,
    ImmutableArray<RoleChange> RoleChanges,
    UnitPerson? Person = null)
{
    /// <summary>The unit's role at drill time <paramref name="atS"/>.</summary>
    public UnitRole RoleAt(double atS)
    {
        var role = Role;
        foreach (var change in RoleChanges)
        {
            if (change.AtS > atS)
            {
                break;
            }

            role = change.Role;
        }

        return role;
    }
}

/// <summary>A reassignment at a drill time.</summary>
public sealed record RoleChange(double AtS, UnitRole Role);

using Command.Domain.Units;

namespace Command.Ingest.Cot;

/// <summary>
/// TAK team roles (<c>detail/__group/@role</c>) as role hints. A hint is used only when a unit enrols on its
/// first report, so a role with no clear assignment gives no hint rather than a guess.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>Team Member</term><description>none: a member may be on any team.</description></item>
/// <item><term>Team Lead</term><description>none: leads whatever its team is assigned.</description></item>
/// <item><term>HQ</term><description>Command.</description></item>
/// <item><term>Medic</term><description>Medical.</description></item>
/// <item><term>Sniper</term><description>Perimeter: overwatch holds a position by design.</description></item>
/// <item><term>Forward Observer</term><description>Perimeter: observes from a post.</description></item>
/// <item><term>RTO</term><description>none: a radio operator travels with a team.</description></item>
/// <item><term>K9</term><description>none: dog teams search, contact or hold depending on the task.</description></item>
/// </list>
/// </remarks>
public static class CotRoles
{
    private static readonly Dictionary<string, UnitRole> Hints = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HQ"] = UnitRole.Command,
        ["Medic"] = UnitRole.Medical,
        ["Sniper"] = UnitRole.Perimeter,
        ["Forward Observer"] = UnitRole.Perimeter,
    };

    /// <summary>The role a TAK team role suggests, or null when it suggests none.</summary>
    public static UnitRole? Hint(string? takRole) =>
        takRole is not null && Hints.TryGetValue(takRole.Trim(), out var role) ? role : null;
}

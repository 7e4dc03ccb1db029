using Command.Domain.Validation;

namespace Command.Domain.Units;

/// <summary>
/// Unit ids a unit may not take because the paperwork uses them for something else: "incident-command" names the
/// incident command position's ICS-214 log, which a download asks for by that id beside the units' own. A unit
/// enrolled under it would have its log and the commander's share one name. Compared without case, as file names are
/// on some of the machines the logs are saved to.
/// </summary>
public static class ReservedUnitIds
{
    /// <summary>The subject of the incident command position's ICS-214 log.</summary>
    public const string IncidentCommand = "incident-command";

    /// <summary>Why <paramref name="unitId"/> may not name a unit, or null when it may.</summary>
    public static Rejection? Check(string? unitId) =>
        string.Equals(unitId, IncidentCommand, StringComparison.OrdinalIgnoreCase)
            ? new(RejectReason.InvalidValue, $"unit id '{unitId}' is reserved: it names the incident command log in the paperwork; enrol the unit under another id")
            : null;
}

using Command.Domain.Reports;

namespace Command.Domain.AfterAction;

/// <summary>
/// What a position report says of the floor a unit is on: the floor its source states, or an altitude with its datum
/// and vertical accuracy to work it out from against the building's ground, as the live assessment does.
/// </summary>
/// <param name="Floor">The floor the source states.</param>
/// <param name="AltitudeM">The report's altitude, metres.</param>
/// <param name="Datum">What the altitude is measured from.</param>
/// <param name="VerticalAccuracyM">The altitude's stated accuracy, metres.</param>
public readonly record struct ReportedFloor(int? Floor, double? AltitudeM = null, AltitudeDatum? Datum = null, double? VerticalAccuracyM = null)
{
    /// <summary>What a report says of its floor.</summary>
    public static ReportedFloor Of(PositionReport report) => new(report.Floor, report.AltitudeM, report.AltitudeDatum, report.VerticalAccuracyM);
}

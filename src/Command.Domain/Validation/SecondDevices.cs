using System.Globalization;
using Command.Domain.Geometry;
using Command.Domain.Reports;

namespace Command.Domain.Validation;

/// <summary>
/// Tells, of a unit whose fixes are refused for the speed they imply, when the refused ones keep coming from one other
/// place: two devices reporting under one id (an ATAK install cloned onto a second phone, a tracker handed on with its
/// old name) or a sender posing as the unit. The first device's fixes are taken and the second's refused, so the board
/// may show the unit where it is not; a trainer reading "implies 82 m/s" on its row takes it for a glitch. Said in the
/// refusal from the second fix refused within <see cref="SamePlaceM"/> (and both fixes' stated accuracy) of the one
/// refused before it. Held by the incident while it is active; a refusal's words are recorded with it, so a replay
/// says what was said.
/// </summary>
public sealed class SecondDevices
{
    /// <summary>How near two refused fixes must be to count as coming from one place: 30 m, and their stated accuracy.</summary>
    public const double SamePlaceM = 30;

    private readonly Dictionary<string, PositionReport> refused = new(StringComparer.Ordinal);

    /// <summary>
    /// The refusal of <paramref name="report"/> after <paramref name="latest"/>, the unit's latest accepted fix, with
    /// what it says of a second device where its fixes refused for their speed keep coming from one place.
    /// </summary>
    public Rejection Explain(PositionReport report, PositionReport latest, Rejection rejection)
    {
        if (rejection.Reason != RejectReason.ImpliedSpeed)
        {
            return rejection;
        }

        var before = refused.GetValueOrDefault(report.UnitId);
        refused[report.UnitId] = report;
        if (before is null || GreatCircle.DistanceM(before.Position, report.Position) > SamePlaceM + (before.AccuracyM ?? 0) + (report.AccuracyM ?? 0))
        {
            return rejection;
        }

        var apart = GreatCircle.DistanceM(latest.Position, report.Position);
        return rejection with
        {
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"{rejection.Detail}; its refused fixes keep coming from one place {apart:F0} m from those taken: two devices may be reporting as this unit"),
        };
    }
}

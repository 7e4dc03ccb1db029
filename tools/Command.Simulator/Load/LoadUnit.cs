using Command.Domain.Geometry;
using Command.Domain.Reports;

namespace Command.Simulator.Load;

/// <summary>A synthetic unit walking a 30 m circle at 1.5 m/s, reporting every interval from its own phase.</summary>
internal sealed class LoadUnit(string unitId, LocalFrame frame, LocalPoint centre, DateTimeOffset firstFix, TimeSpan interval)
{
    private const double RadiusM = 30;
    private const double SpeedMps = 1.5;

    private readonly DateTimeOffset start = firstFix;

    public DateTimeOffset NextFix { get; private set; } = firstFix;

    /// <summary>The fix due at <see cref="NextFix"/>; moves the schedule on by one interval.</summary>
    public PositionReport TakeFix()
    {
        var at = NextFix;
        NextFix += interval;
        var angle = (at - start).TotalSeconds * SpeedMps / RadiusM;
        var position = centre + new LocalPoint(RadiusM * Math.Sin(angle), RadiusM * Math.Cos(angle));
        var course = ((angle * 180 / Math.PI) + 90) % 360;
        return new PositionReport(unitId, ReportSource.Simulator, at, frame.ToGeo(position), AccuracyM: 5, SpeedMps: SpeedMps, CourseDeg: course, Callsign: unitId);
    }
}

using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Evaluation.Harness;

/// <summary>
/// Builds a ground-truth track second by second along a bearing toward the threat at the origin: close, hold,
/// move away, climb; the unit's distance from the threat is what each step changes.
/// </summary>
internal sealed class TrackPlan(double bearingRad, double startM, double? altitudeM)
{
    private readonly List<TruthSecond> seconds = [];
    private double distance = startM;
    private double? altitude = altitudeM;

    public double StartM { get; } = startM;

    public int Length => seconds.Count;

    public TrackPlan Close(double speed, double? untilM = null, int? forS = null, double stopM = 3)
    {
        var label = speed >= 1 ? TruthLabel.Closing : TruthLabel.Tactical;
        for (var s = 0; (forS is null || s < forS) && distance > Math.Max(stopM, untilM ?? stopM); s++)
        {
            Record(label, speed);
            distance = Math.Max(Math.Max(stopM, untilM ?? stopM), distance - speed);
        }

        return this;
    }

    public TrackPlan Hold(int seconds, TruthLabel label = TruthLabel.Holding)
    {
        for (var s = 0; s < seconds; s++)
        {
            Record(label, 0);
        }

        return this;
    }

    public TrackPlan Open(double speed, int seconds)
    {
        for (var s = 0; s < seconds; s++)
        {
            Record(TruthLabel.Opening, speed);
            distance += speed;
        }

        return this;
    }

    /// <summary>Climbs <paramref name="riseM"/> at <paramref name="verticalMps"/>, creeping toward the threat across the stairwell.</summary>
    public TrackPlan Climb(double riseM, double verticalMps)
    {
        var seconds = (int)Math.Ceiling(riseM / verticalMps);
        for (var s = 0; s < seconds; s++)
        {
            Record(TruthLabel.Climbing, verticalMps);
            altitude += riseM / seconds;
            distance = Math.Max(3, distance - 0.05);
        }

        return this;
    }

    /// <summary>The truth for exactly <paramref name="length"/> seconds: cut short, or held at the last position.</summary>
    public ImmutableArray<TruthSecond> Build(int length)
    {
        while (seconds.Count < length)
        {
            Record(distance <= 20 ? TruthLabel.Arrived : TruthLabel.Holding, 0);
        }

        return [.. seconds.Take(length)];
    }

    private void Record(TruthLabel label, double speed) =>
        seconds.Add(new TruthSecond(new LocalPoint(distance * Math.Sin(bearingRad), distance * Math.Cos(bearingRad)), altitude, label, speed));
}

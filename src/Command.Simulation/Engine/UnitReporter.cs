using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Simulation.Scenarios;

namespace Command.Simulation.Engine;

/// <summary>
/// Turns one unit's trajectory into fixes: its own random stream for jitter, noise and outliers, so the reports
/// of a seed do not depend on how ticks happen to slice the drill.
/// </summary>
internal sealed class UnitReporter(ScenarioUnit unit, LocalFrame frame)
{
    private Random random = new(0);
    private double nextS;

    public ScenarioUnit Unit => unit;

    /// <summary>Back to the unit's arrival with a fresh random stream.</summary>
    public void Reset(int seed)
    {
        random = new Random(seed);
        nextS = unit.ArriveS;
    }

    /// <summary>Adds the fixes scheduled in [<paramref name="fromS"/>, <paramref name="toS"/>) of script time.</summary>
    public void Collect(double fromS, double toS, Func<double, DateTimeOffset> wallAt, List<(double AtS, PositionReport Report)> into)
    {
        var profile = unit.Reporting;
        while (nextS < toS)
        {
            var atS = nextS;
            nextS += profile.CadenceS + (profile.JitterS > 0 ? profile.JitterS * ((2 * random.NextDouble()) - 1) : 0);
            if (atS >= fromS && !profile.IsSilentAt(atS))
            {
                into.Add((atS, Fix(atS, wallAt(atS))));
            }
        }
    }

    private PositionReport Fix(double atS, DateTimeOffset fixTime)
    {
        var profile = unit.Reporting;
        var sample = unit.Trajectory.SampleAt(atS);
        var p = sample.Position;
        if (profile.NoiseSigmaM > 0)
        {
            p += new LocalPoint(Gaussian() * profile.NoiseSigmaM, Gaussian() * profile.NoiseSigmaM);
        }

        if (profile.OutlierProbability > 0 && random.NextDouble() < profile.OutlierProbability)
        {
            var angle = 2 * Math.PI * random.NextDouble();
            p += new LocalPoint(Math.Sin(angle), Math.Cos(angle)) * profile.OutlierM;
        }

        return new PositionReport(
            unit.UnitId,
            ReportSource.Simulator,
            fixTime,
            frame.ToGeo(p),
            AccuracyM: profile.AccuracyM,
            SpeedMps: sample.SpeedMps,
            CourseDeg: sample.CourseDeg,
            Callsign: unit.Callsign);
    }

    /// <summary>Box–Muller: one standard normal draw from two uniforms.</summary>
    private double Gaussian()
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Evaluation.Harness;

/// <summary>
/// How a device reports: its cadence, its noise, its outliers and its outages. Profiles follow the sources the
/// product takes: a phone app indoors (every 1-5 s, noise up to 15 m, 3 % outliers of 30-60 m), a body-worn
/// tracker (every 10-15 s, up to 8 m, 2 %) and a radio (every 20-30 s, outdoor GPS, up to 5 m, 1 %).
/// </summary>
internal sealed record SensorModel(string Profile, int CadenceS, double NoiseM, double OutlierRate, bool StatesAccuracy, int Phase)
{
    private static readonly int[] PhoneCadences = [1, 2, 3, 5];
    private static readonly int[] TrackerCadences = [10, 15];
    private static readonly int[] RadioCadences = [20, 30];

    public static SensorModel Draw(Random random)
    {
        var pick = random.NextDouble();
        var (profile, cadences, noise, outliers) = pick < 0.5 ? ("phone", PhoneCadences, 15.0, 0.03)
            : pick < 0.8 ? ("tracker", TrackerCadences, 8.0, 0.02)
            : ("radio", RadioCadences, 5.0, 0.01);
        var cadence = cadences[random.Next(cadences.Length)];
        return new SensorModel(profile, cadence, Math.Round(random.NextDouble() * noise, 1), outliers, random.NextDouble() < 0.7, random.Next(cadence));
    }

    /// <summary>The fixes sent over a truth, skipping the outage (first second, length) if any.</summary>
    public ImmutableArray<SyntheticFix> Sample(ImmutableArray<TruthSecond> truth, Random random, (int From, int Length)? outage)
    {
        var fixes = ImmutableArray.CreateBuilder<SyntheticFix>();
        for (var s = 1; s < truth.Length; s++)
        {
            if ((s + Phase) % CadenceS != 0 || (outage is { } o && s >= o.From && s < o.From + o.Length))
            {
                continue;
            }

            var t = truth[s];
            var axis = NoiseM / Math.Sqrt(2);
            var error = new LocalPoint(Gaussian(random) * axis, Gaussian(random) * axis);
            if (random.NextDouble() < OutlierRate)
            {
                var angle = random.NextDouble() * 2 * Math.PI;
                var jump = 30 + (random.NextDouble() * 30);
                error += new LocalPoint(jump * Math.Cos(angle), jump * Math.Sin(angle));
            }

            double? altitude = t.AltitudeM is { } alt ? Math.Round(alt + (Gaussian(random) * 0.5), 2) : null;
            fixes.Add(new SyntheticFix(s, t.Position + error, StatesAccuracy ? Math.Max(3, Math.Round(NoiseM)) : null, altitude));
        }

        return fixes.ToImmutable();
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Evaluation.Harness;

/// <summary>
/// How a device reports, after what radios and phones really do: its cadence (with jitter, and 5 % of fixes lost),
/// its white noise, a bias that wanders a few metres a minute, bursts of one to three multipath outliers 30-80 m
/// off, an accuracy it states honestly, at half its real error or not at all, and a larger error indoors (10-40 m).
/// Profiles follow the sources the product takes: a phone app (every 1-5 s, up to 15 m), a phone app posting to the
/// JSON API (every 5-30 s, 3-12 m), an ATAK device (every 5-12 s, 4-9 m), a body-worn tracker (every 10-15 s, up
/// to 8 m) and a radio (every 20-30 s, outdoor GPS, up to 5 m).
/// </summary>
internal sealed record SensorModel(
    string Profile,
    int CadenceS,
    int JitterS,
    double NoiseM,
    double IndoorNoiseM,
    double BiasM,
    double BurstRate,
    string Stated,
    int Phase)
{
    private const double BiasTimeS = 120;

    /// <summary>A barometric altitude's noise, one sigma, metres: what a unit that climbs reports, and states.</summary>
    public const double BarometerM = 0.5;
    private const double DropRate = 0.05;

    private static readonly int[] PhoneCadences = [1, 2, 3, 5];
    private static readonly int[] AppCadences = [5, 10, 15, 20, 30];
    private static readonly int[] TrackerCadences = [10, 15];
    private static readonly int[] RadioCadences = [20, 30];

    /// <summary>Draws a device; <paramref name="scale"/> scales its noise, indoor noise, bias and burst rate.</summary>
    public static SensorModel Draw(Random random, double scale = 1)
    {
        var pick = random.NextDouble();
        var (profile, cadence, jitter, noise, bursts) =
            pick < 0.35 ? ("phone", PhoneCadences[random.Next(PhoneCadences.Length)], 0, Between(random, 2, 15), 0.02)
            : pick < 0.5 ? ("app", AppCadences[random.Next(AppCadences.Length)], -1, Between(random, 3, 12), 0.02)
            : pick < 0.7 ? ("atak", 5, 7, Between(random, 4, 9), 0.01)
            : pick < 0.85 ? ("tracker", TrackerCadences[random.Next(TrackerCadences.Length)], -1, Between(random, 2, 8), 0.01)
            : ("radio", RadioCadences[random.Next(RadioCadences.Length)], -1, Between(random, 2, 5), 0.005);
        jitter = jitter < 0 ? cadence / 5 : jitter;
        var stated = random.NextDouble() switch { < 0.4 => "honest", < 0.7 => "half", _ => "none" };
        return new SensorModel(profile, cadence, jitter, Math.Round(noise * scale, 1), Math.Round(Between(random, 10, 40) * scale, 1),
            Math.Round(Between(random, 0, 4) * scale, 1), Math.Min(1, bursts * scale), stated, random.Next(cadence));
    }

    /// <summary>Seconds between fixes as the device is set up to send them (before jitter).</summary>
    public int NominalCadenceS => Profile == "atak" ? CadenceS + (JitterS / 2) : CadenceS;

    /// <summary>The fixes sent over a truth, skipping the outage (first second, length) if any.</summary>
    public ImmutableArray<SyntheticFix> Sample(ImmutableArray<TruthSecond> truth, Random random, (int From, int Length)? outage)
    {
        var fixes = ImmutableArray.CreateBuilder<SyntheticFix>();
        var decay = Math.Exp(-1 / BiasTimeS);
        var kick = Math.Sqrt(1 - (decay * decay));
        var (biasEast, biasNorth) = (Gaussian(random) * BiasM, Gaussian(random) * BiasM);
        var next = 1 + Phase;
        var burst = 0;
        var burstAngle = 0.0;
        for (var s = 1; s < truth.Length; s++)
        {
            var t = truth[s];
            var biasSd = t.Indoors ? BiasM * 2 : BiasM;
            biasEast = (biasEast * decay) + (Gaussian(random) * biasSd * kick);
            biasNorth = (biasNorth * decay) + (Gaussian(random) * biasSd * kick);
            if (s < next)
            {
                continue;
            }

            next = s + Interval(random);
            var dropped = random.NextDouble() < DropRate;
            if (dropped || (outage is { } o && s >= o.From && s < o.From + o.Length))
            {
                continue;
            }

            var noise = t.Indoors ? IndoorNoiseM : NoiseM;
            var axis = noise / Math.Sqrt(2);
            var error = new LocalPoint((Gaussian(random) * axis) + biasEast, (Gaussian(random) * axis) + biasNorth);
            if (burst == 0 && random.NextDouble() < BurstRate)
            {
                burst = 1 + random.Next(3);
                burstAngle = random.NextDouble() * 2 * Math.PI;
            }

            if (burst > 0)
            {
                // Multipath drags a few fixes in a row the same way, by 30-80 m each.
                burst--;
                var angle = burstAngle + ((random.NextDouble() - 0.5) * 0.7);
                var jump = 30 + (random.NextDouble() * 50);
                error += new LocalPoint(jump * Math.Cos(angle), jump * Math.Sin(angle));
            }

            double? altitude = t.AltitudeM is { } alt ? Math.Round(alt + (Gaussian(random) * BarometerM), 2) : null;
            double? accuracy = Stated switch
            {
                "honest" => Math.Max(3, Math.Round(noise)),
                "half" => Math.Max(2, Math.Round(noise / 2)),
                _ => null,
            };
            fixes.Add(new SyntheticFix(s, t.Position + error, accuracy, altitude));
        }

        return fixes.ToImmutable();
    }

    private int Interval(Random random) => Profile == "atak"
        ? CadenceS + random.Next(JitterS + 1)
        : Math.Max(1, CadenceS + (JitterS == 0 ? 0 : random.Next(-JitterS, JitterS + 1)));

    private static double Between(Random random, double low, double high) => low + (random.NextDouble() * (high - low));

    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

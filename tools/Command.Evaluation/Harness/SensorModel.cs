using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Evaluation.Harness;

/// <summary>
/// How a device reports, after what radios and phones really do: its cadence (with jitter, and 5 % of fixes lost),
/// its white noise, a bias that wanders a few metres a minute, bursts of one to three multipath outliers 30-80 m
/// off, an accuracy it states honestly, at half its real error or not at all, and a larger error indoors (10-40 m).
/// Profiles follow the sources the product takes: a phone app (every 1-5 s, up to 15 m), a phone app posting to the
/// JSON API (every 5-30 s, 3-12 m), an ATAK device (every 5-12 s, 4-9 m), a body-worn tracker (every 10-15 s, up
/// to 8 m) and a radio (every 20-30 s, outdoor GPS, up to 5 m). A quarter of the ATAK devices report at ATAK's
/// default dynamic rate (<c>ReportingRate</c>): every 20 s at 1 mph down to 2 s at 30 mph, by the phone's own speed;
/// standing still, every 30 s over the mesh or every 180 s through a TAK server; sooner when the stale it gave last
/// is 10 s from running out, or its speed changes by 7 mph; each report saying it stands for twice its rate and 15 s.
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
            : pick < 0.65 ? ("atak", 5, 7, Between(random, 4, 9), 0.01)
            : pick < 0.675 ? ("atak-mesh", StillMeshS, 0, Between(random, 4, 9), 0.01)
            : pick < 0.7 ? ("atak-server", StillServerS, 0, Between(random, 4, 9), 0.01)
            : pick < 0.85 ? ("tracker", TrackerCadences[random.Next(TrackerCadences.Length)], -1, Between(random, 2, 8), 0.01)
            : ("radio", RadioCadences[random.Next(RadioCadences.Length)], -1, Between(random, 2, 5), 0.005);
        jitter = jitter < 0 ? cadence / 5 : jitter;
        var stated = random.NextDouble() switch { < 0.4 => "honest", < 0.7 => "half", _ => "none" };
        return new SensorModel(profile, cadence, jitter, Math.Round(noise * scale, 1), Math.Round(Between(random, 10, 40) * scale, 1),
            Math.Round(Between(random, 0, 4) * scale, 1), Math.Min(1, bursts * scale), stated, random.Next(cadence));
    }

    // ATAK's dynamic rate: standing still, over the mesh and through a TAK server; moving, from 20 s at 1 mph to 2 s
    // at 30 mph; a report as soon as the speed changes by 7 mph, or 10 s before the last one goes stale.
    private const int StillMeshS = 30;
    private const int StillServerS = 180;
    private const double SlowMps = 0.44704;
    private const double FastMps = 13.4112;
    private const double SpeedChangeMps = 3.12928;
    private const int StaleBufferS = 10;

    // How far the phone's own velocity is off on each axis: its Doppler velocity under the sky, and what it makes of
    // a poor fix indoors (standing still there, its speed passes 1 mph two seconds in three).
    private const double SpeedNoiseMps = 0.1;
    private const double IndoorSpeedNoiseMps = 0.5;

    private bool Dynamic => Profile is "atak-mesh" or "atak-server";

    /// <summary>Seconds between fixes as the device is set up to send them (before jitter).</summary>
    public int NominalCadenceS => Profile == "atak" ? CadenceS + (JitterS / 2) : CadenceS;

    /// <summary>The fixes sent over a truth, skipping the outage (first second, length) if any.</summary>
    public ImmutableArray<SyntheticFix> Sample(ImmutableArray<TruthSecond> truth, Random random, (int From, int Length)? outage, Random? doppler, bool courses = true)
    {
        var statesSpeed = doppler is not null && StatesSpeed(doppler);
        var heading = new LocalPoint(0, 1);
        var fixes = ImmutableArray.CreateBuilder<SyntheticFix>();
        var decay = Math.Exp(-1 / BiasTimeS);
        var kick = Math.Sqrt(1 - (decay * decay));
        var (biasEast, biasNorth) = (Gaussian(random) * BiasM, Gaussian(random) * BiasM);
        var next = 1 + (Dynamic ? Phase % 20 : Phase);
        var (lastSent, lastStands, lastSpeed) = (-1_000_000, 0, -1.0);
        var burst = 0;
        var burstAngle = 0.0;
        for (var s = 1; s < truth.Length; s++)
        {
            var t = truth[s];
            heading = Heading(truth[s].Position - truth[s - 1].Position, heading);
            var biasSd = t.Indoors ? BiasM * 2 : BiasM;
            biasEast = (biasEast * decay) + (Gaussian(random) * biasSd * kick);
            biasNorth = (biasNorth * decay) + (Gaussian(random) * biasSd * kick);
            int? stands = null;
            double? said = null;
            double? course = null;
            if (Dynamic)
            {
                // The phone's speed is its Doppler velocity's length: noise on each axis, so standing still it is
                // never quite zero.
                var (speed, measured) = Velocity(t, heading, random);
                var rate = DynamicRateS(speed);
                var since = s - lastSent;
                if (s < next || (since < rate && lastStands - since > StaleBufferS && Math.Abs(speed - lastSpeed) <= SpeedChangeMps))
                {
                    continue;
                }

                (lastSent, lastStands, lastSpeed) = (s, (2 * rate) + 15, speed);
                (stands, said, course) = (lastStands, Math.Round(speed, 2), courses ? Math.Round(measured, 1) : null);
            }
            else if (s < next)
            {
                continue;
            }
            else
            {
                next = s + Interval(random);
                // ATAK at a steady rate says its fix stands for twice that and 15 s.
                stands = Profile == "atak" ? (2 * NominalCadenceS) + 15 : null;
            }

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

            var multipath = burst > 0;
            if (multipath)
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
            if (said is null && statesSpeed)
            {
                (said, course) = MeasuredVelocity(t, heading, doppler!);
                course = courses ? course : null;
            }

            fixes.Add(new SyntheticFix(s, t.Position + error, accuracy, altitude, stands, said, multipath, course));
        }

        return fixes.ToImmutable();
    }

    // Whether the device says the speed it measures: a phone (the Traccar Client sends it with every fix), ATAK (its
    // track), a body-worn tracker's receiver; an APRS radio's report only half the time (its course and speed are an
    // extension it may leave off), and half the apps posting to the JSON API.
    private bool StatesSpeed(Random doppler) => Profile switch
    {
        "radio" or "app" => doppler.NextDouble() < 0.5,
        _ => true,
    };

    // The speed and course the receiver measures from the Doppler shift, not from its fixes: multipath that throws a
    // fix 50 m leaves them alone. An APRS radio sends its speed in whole knots and its course in whole degrees, and no
    // course at all when its speed reads 0 (APRS's "course unknown").
    private (double Speed, double? CourseDeg) MeasuredVelocity(TruthSecond t, LocalPoint heading, Random doppler)
    {
        var (speed, course) = Velocity(t, heading, doppler);
        if (Profile != "radio")
        {
            return (Math.Round(speed, 2), Math.Round(course, 1));
        }

        var knots = Math.Round(speed / KnotMps);
        return (knots * KnotMps, knots == 0 ? null : Math.Round(course) % 360);
    }

    // The velocity the receiver measures, as speed and course (degrees clockwise from north): the true one, along the
    // unit's heading, off by a tenth of a metre a second on each axis under the sky and half a metre indoors. Standing
    // still, its course is the noise's.
    private static (double Speed, double CourseDeg) Velocity(TruthSecond t, LocalPoint heading, Random random)
    {
        var sd = t.Indoors ? IndoorSpeedNoiseMps : SpeedNoiseMps;
        var along = t.SpeedMps + (Gaussian(random) * sd);
        var across = Gaussian(random) * sd;
        var east = (along * heading.East) + (across * heading.North);
        var north = (along * heading.North) - (across * heading.East);
        var course = Math.Atan2(east, north) * 180 / Math.PI;
        return (Math.Sqrt((along * along) + (across * across)), course < 0 ? course + 360 : course);
    }

    // Which way the unit heads: its latest step's direction, or the one before while it stands.
    private static LocalPoint Heading(LocalPoint step, LocalPoint before) => step.Length < 1e-9 ? before : step * (1 / step.Length);

    private const double KnotMps = 0.514444;

    // ATAK's rate for a speed: standing still below 1 mph, 2 s from 30 mph, scaled between 20 s and 2 s in between.
    private int DynamicRateS(double speedMps)
    {
        if (speedMps < SlowMps)
        {
            return CadenceS;
        }

        if (speedMps >= FastMps)
        {
            return 2;
        }

        var scaled = SlowMps + ((speedMps - SlowMps) * 100 / (FastMps - SlowMps));
        return (int)Math.Round(20 - (scaled * 18 / 100));
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

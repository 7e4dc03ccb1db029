using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Tests.Assessment;

/// <summary>
/// Drives an incident stream the way the grain does: records every input on the drill's clock, and lets the clock
/// tick once a second. Positions are given in local metres east and north of the site origin.
/// </summary>
internal sealed class Drill
{
    public static readonly GeoPoint Origin = new(51.5, -0.12);
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, (Func<double, LocalPoint> Path, int Cadence, double? Accuracy, Func<double, double?>? Altitude, AltitudeDatum? Datum, double? VerticalM)> movers = [];

    public Drill(AssessmentOptions? options = null, Site? site = null, int schema = IncidentSchema.Current, int rules = AssessmentRules.Current)
    {
        Stream = new IncidentStream(options);
        Frame = new LocalFrame(Origin);
        Now = Start;
        Feed(new IncidentOpened("I1", "drill", site ?? new Site("open ground", Origin, [], []), false, "test", schema, rules));
    }

    public IncidentStream Stream { get; private set; }

    /// <summary>The incident as a restarted host has it: its snapshot written to JSON, read back and restored.</summary>
    public IncidentStream Restarted()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Stream.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
        var restored = new IncidentStream();
        restored.Restore(System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentSnapshot)!);
        return restored;
    }

    /// <summary>Goes on from here on the incident as a restarted host has it (see <see cref="Restarted"/>).</summary>
    public void Restart() => Stream = Restarted();

    public IncidentProjection Projection => Stream.Projection;

    public LocalFrame Frame { get; }

    public DateTimeOffset Now { get; private set; }

    public double Elapsed => (Now - Start).TotalSeconds;

    public List<IncidentEvent> Recorded { get; } = [];

    /// <summary>The flag transitions derived; the units proposed to go instead of a flagged one are <see cref="Proposals"/>.</summary>
    public IEnumerable<IncidentEvent> Derived => Recorded.Where(e => e.IsDerived && e is not SendInsteadProposed);

    public IEnumerable<SendInsteadProposed> Proposals => Recorded.OfType<SendInsteadProposed>();

    /// <summary>The flag transitions derived, one line each: seconds into the drill, the kind, and the words raised or cleared with.</summary>
    public string[] Transitions =>
        [.. Derived.Select(e => $"{(e.Time - Start).TotalSeconds} {e.GetType().Name} {(e as FlagRaised)?.Reason ?? (e as FlagCleared)?.Reason}")];

    public GeoPoint Geo(double east, double north) => Frame.ToGeo(new LocalPoint(east, north));

    public void Feed(IncidentEvent e) => Stream.Record(e, Now, Recorded);

    public void Threat(string id, double east, double north, ThreatPhase phase = ThreatPhase.Active, double? uncertaintyM = 0, int? floor = null) =>
        Feed(new ThreatSet(new Threat(id, Geo(east, north), uncertaintyM, phase, floor), "test"));

    public void Enrol(string id, UnitRole role = UnitRole.Contact) => Feed(new UnitEnrolled(id, id.ToUpperInvariant(), role, "test"));

    /// <summary>
    /// The unit reports its position along <paramref name="path"/> (seconds since the drill began) every <paramref name="cadence"/> seconds,
    /// with its altitude measured from <paramref name="datum"/> to <paramref name="verticalM"/> where given.
    /// </summary>
    public void Move(string id, Func<double, LocalPoint> path, int cadence = 1, double? accuracyM = 3, Func<double, double?>? altitude = null,
        AltitudeDatum? datum = null, double? verticalM = null) =>
        movers[id] = (path, cadence, accuracyM, altitude, datum, verticalM);

    public void Silence(string id) => movers.Remove(id);

    /// <summary>Moves the clock on without feeding anything.</summary>
    public void Wait(TimeSpan span) => Now += span;

    public void Fix(string id, LocalPoint at, double? accuracyM = 3, double? altitudeM = null, AltitudeDatum? datum = null, double? verticalM = null,
        TimeSpan? standsFor = null, double? speedMps = null, double? courseDeg = null) =>
        Feed(new PositionAccepted(new PositionReport(id, ReportSource.Simulator, Now, Frame.ToGeo(at), altitudeM, accuracyM, speedMps, courseDeg,
            AltitudeDatum: datum, VerticalAccuracyM: verticalM, StaleAt: Now + standsFor)));

    /// <summary>
    /// Advances the clock second by second for <paramref name="seconds"/>; every <paramref name="cadence"/> seconds the
    /// unit reports where <paramref name="path"/> puts it, stating <paramref name="accuracyM"/> and the speed and course
    /// its device says. The host restarts (see <see cref="Restart"/>) after each of the seconds in <paramref name="restarts"/>.
    /// </summary>
    public Drill Report(string id, int seconds, int cadence, Func<double, LocalPoint> path, Func<double, (double? Speed, double? Course)> said,
        double accuracyM, params int[] restarts)
    {
        for (var second = 1; second <= seconds; second++)
        {
            Run(1);
            if (second % cadence == 0)
            {
                var (speed, course) = said(second);
                Fix(id, path(second), accuracyM, speedMps: speed, courseDeg: course);
            }

            if (restarts.Contains(second))
            {
                Restart();
            }
        }

        return this;
    }

    /// <summary>Advances the clock second by second: the second's tick and its due fixes, as the grain folds them.</summary>
    public void Run(double seconds)
    {
        var end = Elapsed + seconds;
        while (Elapsed < end - 1e-9)
        {
            Now = Now.AddSeconds(1);
            var t = Elapsed;
            foreach (var (id, (path, cadence, accuracy, altitude, datum, vertical)) in movers)
            {
                if ((long)Math.Round(t) % cadence == 0)
                {
                    Fix(id, path(t), accuracy, altitude?.Invoke(t), datum, vertical);
                }
            }

            Stream.Tick(Now, Recorded);
        }
    }

    public UnitAssessment Assess(string id) => Projection.Assess(id) ?? throw new InvalidOperationException($"no unit {id}");

    public static Func<double, LocalPoint> Still(double east, double north) => _ => new LocalPoint(east, north);

    /// <summary>
    /// The path as a noisy device reports it: seeded white noise of <paramref name="axisM"/> on each axis, and a bias
    /// that wanders by <paramref name="biasM"/> on each axis with a two-minute memory, as indoor fixes do.
    /// </summary>
    public static Func<double, LocalPoint> Noisy(Func<double, LocalPoint> path, double axisM, double biasM, int seed)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var (east, north, last) = (Gaussian() * biasM, Gaussian() * biasM, 0.0);
        return t =>
        {
            var decay = Math.Exp(-(t - last) / 120);
            var kick = Math.Sqrt(1 - (decay * decay)) * biasM;
            (east, north, last) = ((east * decay) + (Gaussian() * kick), (north * decay) + (Gaussian() * kick), t);
            var truth = path(t);
            return new LocalPoint(truth.East + east + (Gaussian() * axisM), truth.North + north + (Gaussian() * axisM));
        };
    }

    /// <summary>
    /// What a unit's receiver says at second t, as a speed and course: its true <paramref name="velocity"/> (metres a second
    /// east and north), off by <paramref name="errorMps"/> (at that second) on each axis, seeded.
    /// </summary>
    public static Func<double, (double Speed, double? Course)> Receiver(Func<double, LocalPoint> velocity, Func<double, double> errorMps, int seed)
    {
        var random = new Random(seed + 1000);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return t =>
        {
            var sd = errorMps(t);
            var v = velocity(t) + new LocalPoint(Gaussian() * sd, Gaussian() * sd);
            var course = Math.Atan2(v.East, v.North) * 180 / Math.PI;
            return (Math.Round(v.Length, 2), Math.Round(course < 0 ? course + 360 : course, 1));
        };
    }

    /// <summary>The same receiver, saying its speed and no course.</summary>
    public static Func<double, (double Speed, double? Course)> SpeedOnly(Func<double, (double Speed, double? Course)> said) => t => (said(t).Speed, null);

    /// <summary>
    /// One drill per noise draw 1 to <paramref name="draws"/>: threat T1 at the origin (or the drill and threat
    /// <paramref name="create"/> makes), contact unit u1 moved by <paramref name="move"/> (given the drill and the
    /// draw), run for <paramref name="seconds"/>; each with its draw.
    /// </summary>
    public static IEnumerable<(int Seed, Drill Drill)> Draws(int draws, double seconds, Action<Drill, int> move, Func<Drill>? create = null)
    {
        for (var seed = 1; seed <= draws; seed++)
        {
            var drill = create?.Invoke() ?? new Drill();
            if (create is null)
            {
                drill.Threat("T1", 0, 0);
            }

            drill.Enrol("u1");
            move(drill, seed);

            drill.Run(seconds);

            yield return (seed, drill);
        }
    }

    /// <summary>The <see cref="Draws"/> on which a flag was raised, with when and why.</summary>
    public static List<string> FlaggedDraws(int draws, double seconds, Action<Drill, int> move, Func<Drill>? create = null) =>
        [.. Draws(draws, seconds, move, create)
            .Select(d => (d.Seed, Raised: d.Drill.Derived.OfType<FlagRaised>().FirstOrDefault()))
            .Where(d => d.Raised is not null)
            .Select(d => $"seed {d.Seed} at {d.Raised!.Time:mm:ss}: {d.Raised.Reason}")];

    /// <summary>From (east, north) at time <paramref name="from"/>, straight toward (0, 0) at <paramref name="speed"/> m/s.</summary>
    public static Func<double, LocalPoint> Toward(double east, double north, double speed, double from = 0) => t =>
    {
        var d = Math.Sqrt((east * east) + (north * north));
        var k = Math.Max(0, d - (speed * Math.Max(0, t - from))) / d;
        return new LocalPoint(east * k, north * k);
    };

    /// <summary>A rectangular building between (west, south) and (east, north), in local metres.</summary>
    public Building Box(string id, double west, double south, double east, double north, int floors = 3, double? groundM = null, AltitudeDatum? datum = null) =>
        new(id, id, [Geo(west, south), Geo(east, south), Geo(east, north), Geo(west, north)], floors, groundM, datum);

    public static Site SiteWith(ImmutableArray<Building> buildings, WalkGraph? walks = null, ImmutableArray<Zone> zones = default) =>
        new("campus", Origin, buildings, zones.IsDefault ? [] : zones, walks);
}

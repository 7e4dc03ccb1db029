using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Recording.Replay;

namespace Command.Benchmarks.Recording;

/// <summary>
/// A one-hour drill of 500 units reporting once a second (1.8 M accepted positions), folded through the incident
/// stream as the grain folds it, so the recording carries the real derived flag events. Seven units in ten
/// close on the threat and stop at it, two in ten hold 250-400 m out (they get flagged), one in ten is perimeter.
/// </summary>
internal static class HourSession
{
    public const int Units = 500;
    public const int Seconds = 3600;
    public const string IncidentId = "bench-hour";

    /// <summary>Snapshot cadence, seconds of drill: what keeps a seek under 200 ms at this size (see the figures).</summary>
    public const int SnapshotEvery = 10;
    public static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Origin = new(39.74, -104.99);

    /// <summary>
    /// Per second of the drill, the batch the grain appends; snapshots every <paramref name="snapshotEvery"/> seconds; of
    /// <paramref name="units"/> units (default <see cref="Units"/>) under <paramref name="incidentId"/>.
    /// </summary>
    public static IEnumerable<(IncidentEvent[] Batch, IncidentSnapshot? Snapshot)> Batches(int snapshotEvery = SnapshotEvery, int units = Units, string incidentId = IncidentId)
    {
        var frame = new LocalFrame(Origin);
        var site = new Site("Bench campus", Origin,
            [new Building("B1", "Main", [.. new[] { (-40.0, -40.0), (40, -40), (40, 40), (-40, 40) }.Select(p => frame.ToGeo(new LocalPoint(p.Item1, p.Item2)))])], []);
        var stream = new IncidentStream();
        var batch = new List<IncidentEvent>();
        void Fold(IncidentEvent input) => stream.Record(input, input.Time, batch);

        Fold(new IncidentOpened(incidentId, "Bench hour", site, true, "bench", IncidentSchema.Current, AssessmentRules.Current) { Time = T0 });
        Fold(new ThreatSet(new Threat("T1", Origin, 5, ThreatPhase.Active), "bench") { Time = T0 });
        var starts = new (double East, double North, UnitRole Role, double Hold)[units];
        var random = new Random(7);
        for (var u = 0; u < units; u++)
        {
            var angle = random.NextDouble() * 2 * Math.PI;
            var range = 300 + (random.NextDouble() * 500);
            var kind = u % 10;
            starts[u] = (range * Math.Cos(angle), range * Math.Sin(angle), kind == 9 ? UnitRole.Perimeter : UnitRole.Contact, kind is 7 or 8 ? 250 + (random.NextDouble() * 150) : 0);
            Fold(new UnitEnrolled($"u{u:D3}", $"Unit {u}", starts[u].Role, "bench") { Time = T0 });
        }

        yield return ([.. batch], null);
        for (var s = 1; s <= Seconds; s++)
        {
            batch.Clear();
            var t = T0.AddSeconds(s);
            for (var u = 0; u < units; u++)
            {
                var (east, north, role, hold) = starts[u];
                var range = Math.Sqrt((east * east) + (north * north));
                var stop = role == UnitRole.Perimeter ? range : Math.Max(hold, 5);
                var now = Math.Max(stop, range - (1.5 * s));
                var k = (now / range) + (random.NextDouble() * 0.002);
                var report = new PositionReport($"u{u:D3}", ReportSource.Simulator, t, frame.ToGeo(new LocalPoint(east * k, north * k)), AccuracyM: 4);
                Fold(new PositionAccepted(report) { Time = t });
            }

            stream.Tick(t, batch);
            yield return ([.. batch], snapshotEvery > 0 && s % snapshotEvery == 0 ? stream.Snapshot() : null);
        }
    }
}

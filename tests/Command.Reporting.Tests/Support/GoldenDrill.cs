using System.Collections.Immutable;
using Command.Domain.Events;
using Command.Domain.Exercises;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Reporting.Tests.Support;

/// <summary>
/// A drill folded through the incident stream on made-up time, second by second (no wall clock anywhere). A school
/// in Denver's time zone with a walk graph around its one building and a south door. The threat goes active at
/// 15:00:30 UTC (08:00:30 MST). A1 holds 200 m south and is flagged; A2 walks north to the threat from 300 m out at
/// 1.2 m/s and reaches it (within the 15 m contact radius) at 15:04:28; P3 holds on the perimeter. Two seconds before A1's flag, A4
/// (65 m north of the threat, behind the building: 169 m to walk) and A5 (95 m south, straight through the door)
/// report once. Five seconds after the flag the commander sends A5 instead; ten seconds after it A1's flag is
/// acknowledged. The threat is contained at 15:05:00 and neutralized at 15:06:00; the drill ends, and the commander
/// closes the incident, at 15:06:40.
/// </summary>
public static class GoldenDrill
{
    public const string IncidentId = "cedar-hollow-3";
    public static readonly DateTimeOffset T0 = new(2026, 1, 14, 15, 0, 0, TimeSpan.Zero);
    public static readonly GeoPoint Origin = new(39.74, -104.99);
    public static readonly LocalFrame Frame = new(Origin);
    public const int Seconds = 400;
    public const int ThreatActiveS = 30;

    public static GeoPoint At(double east, double north) => Frame.ToGeo(new LocalPoint(east, north));

    public static Site School { get; } = new("Cedar Hollow Elementary", Origin,
        [new Building("B1", "Main", [At(-30, -30), At(30, -30), At(30, 30), At(-30, 30)])],
        [new Zone("Z-HOT", "Hot", ZoneKind.Hot, [At(-30, -30), At(30, -30), At(30, 30), At(-30, 30)])],
        new WalkGraph(
            [
                new WalkNode("D-S", At(0, -30), 0, "door"),
                new WalkNode("O-S", At(0, -60), 0, "outdoor"),
                new WalkNode("O-SE", At(45, -45), 0, "outdoor"),
                new WalkNode("O-E", At(60, 0), 0, "outdoor"),
                new WalkNode("O-NE", At(45, 45), 0, "outdoor"),
                new WalkNode("O-N", At(0, 60), 0, "outdoor"),
            ],
            [new("D-S", "O-S"), new("O-S", "O-SE"), new("O-SE", "O-E"), new("O-E", "O-NE"), new("O-NE", "O-N")]),
        "America/Denver");

    public static Exercise Exercise { get; } = new("cedar-hollow", "3",
    [
        new ExerciseObjective("OBJ-1", "First contact team reaches the threat quickly", [new ObjectiveMeasure(ExerciseMeasures.FirstContact, 180, 300, 600)]),
        new ExerciseObjective("OBJ-2", "No contact unit holds while the threat is active",
            [new ObjectiveMeasure(ExerciseMeasures.LongestHold, 30, 60, 120), new ObjectiveMeasure(ExerciseMeasures.FirstEntry, 120, 240, 480)]),
    ]);

    private static readonly Lazy<(List<IncidentEvent> Recorded, DateTimeOffset FlagAt)> Run = new(() => RunOf(1.2, id => id, IncidentId));

    /// <summary>
    /// The same drill run again: A2 walks at <paramref name="a2SpeedMps"/>, and each unit id is renamed (callsigns stay),
    /// as a live drill's trackers may be.
    /// </summary>
    /// <remarks>With <paramref name="a1PerimeterAtS"/>, the commander puts A1 on the perimeter that many seconds in, after its hold.</remarks>
    /// <remarks>
    /// With <paramref name="rounds"/> above 1, the drill starts over that many times less one, every <see cref="Seconds"/>:
    /// each round its units start again where the first put them (A1 back on contact, where it was put on the perimeter)
    /// and its threat is placed and goes active again, and A2 walks the second round at half its speed. The incident is
    /// closed at the end of the last.
    /// </remarks>
    public static List<IncidentEvent> RunAgain(string incidentId, double a2SpeedMps, Func<string, string> rename, int? a1PerimeterAtS = null, int rounds = 1) =>
        RunOf(a2SpeedMps, rename, incidentId, a1PerimeterAtS, rounds).Recorded;

    private static (List<IncidentEvent> Recorded, DateTimeOffset FlagAt) RunOf(double a2SpeedMps, Func<string, string> rename, string incidentId, int? a1PerimeterAtS = null, int rounds = 1)
    {
        // The candidates' one fix must fall just before A1's flag; where that falls is the assessment's business, so
        // it is found first from a run without them (they cannot change it: they never close, so they are no backup).
        var flagAt = Fold(null, a2SpeedMps, rename, incidentId, a1PerimeterAtS, rounds).Recorded.OfType<FlagRaised>().First(f => f.Subject == rename("A1")).Time;
        return (Fold(flagAt, a2SpeedMps, rename, incidentId, a1PerimeterAtS, rounds).Recorded, flagAt);
    }

    /// <summary>Every event recorded, in sequence order.</summary>
    public static IReadOnlyList<IncidentEvent> Recorded => Run.Value.Recorded;

    /// <summary>When A1's not-closing flag went up.</summary>
    public static DateTimeOffset FlagAt => Run.Value.FlagAt;

    private static (List<IncidentEvent> Recorded, IncidentStream Stream) Fold(DateTimeOffset? flagAt, double a2SpeedMps, Func<string, string> id, string incidentId, int? a1PerimeterAtS, int rounds = 1)
    {
        var stream = new IncidentStream();
        var recorded = new List<IncidentEvent>();
        void Do(IncidentEvent input, DateTimeOffset at) => stream.Record(input, at, recorded);

        Do(new IncidentOpened(incidentId, "Cedar Hollow drill 3", School, true, "controller", IncidentSchema.Current), T0);
        Do(new DrillControlled("start", "cedar-hollow", "controller"), T0);
        Do(new ExerciseSet(Exercise, "controller"), T0);
        Do(new UnitEnrolled(id("A1"), "Adam 1", UnitRole.Contact, "controller", "Dana Ruiz", "Cedar Hollow PD", "Contact Team Leader"), T0);
        Do(new UnitEnrolled(id("A2"), "Adam 2", UnitRole.Contact, "controller", "Lee Park"), T0);
        Do(new UnitEnrolled(id("P3"), "Perimeter 3", UnitRole.Perimeter, "controller", null, "County Sheriff"), T0);
        Do(new UnitEnrolled(id("A4"), "Adam 4", UnitRole.Contact, "controller"), T0);
        Do(new UnitEnrolled(id("A5"), "Adam 5", UnitRole.Unassigned, "controller"), T0);
        Do(new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Reported), "commander"), T0);
        for (var round = 1; round <= rounds; round++)
        {
            Round(round);
        }

        Do(new IncidentClosed("exercise over", "commander"), T0.AddSeconds(Seconds * rounds));
        return (recorded, stream);

        void Round(int round)
        {
            var from = T0.AddSeconds(Seconds * (round - 1));
            var speed = round == 1 ? a2SpeedMps : a2SpeedMps / 2;
            if (round > 1)
            {
                Do(new DrillControlled(DrillControlled.StartOver, "cedar-hollow", "controller", round), from);
                Do(new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Reported), "commander"), from);
                if (a1PerimeterAtS is not null)
                {
                    Do(new UnitRoleChanged(id("A1"), UnitRole.Contact, "controller"), from);
                }
            }

            for (var s = 1; s <= Seconds; s++)
            {
                var t = from.AddSeconds(s);
                if (s == ThreatActiveS)
                {
                    Do(new ThreatPhaseChanged("T1", ThreatPhase.Active, "commander"), t);
                }

                Do(Fix(id("A1"), t, 0, -200), t);
                Do(Fix(id("A2"), t, 0, s <= ThreatActiveS ? -300 : Math.Min(-300 + (speed * (s - ThreatActiveS)), 0)), t);
                Do(Fix(id("P3"), t, 80, -80), t);
                if (flagAt is { } f && round == 1 && t == f.AddSeconds(-2))
                {
                    Do(Fix(id("A4"), t, 0, 65), t);
                    Do(Fix(id("A5"), t, 0, -95), t);
                }

                if (flagAt is { } sent && round == 1 && t == sent.AddSeconds(5))
                {
                    Do(new UnitRoleChanged(id("A5"), UnitRole.Contact, "commander", id("A1"), "T1"), t);
                }

                if (flagAt is { } acked && round == 1 && t == acked.AddSeconds(10))
                {
                    Do(new FlagAcknowledged(id("A1"), "commander", "waiting for a second officer"), t);
                }

                if (s == a1PerimeterAtS && round == 1)
                {
                    Do(new UnitRoleChanged(id("A1"), UnitRole.Perimeter, "commander"), t);
                }

                if (s == 300)
                {
                    Do(new ThreatPhaseChanged("T1", ThreatPhase.Contained, "commander", "subject barricaded"), t);
                }

                if (s == 360)
                {
                    Do(new ThreatPhaseChanged("T1", ThreatPhase.Neutralized, "commander", "subject in custody"), t);
                }

                stream.Tick(t, recorded);
            }
        }
    }

    private static PositionAccepted Fix(string unit, DateTimeOffset t, double east, double north) =>
        new(new PositionReport(unit, ReportSource.Simulator, t, At(east, north), AccuracyM: 3));

    /// <summary>The events as an async stream, as a session reader gives them.</summary>
    public static async IAsyncEnumerable<IncidentEvent> ReadAsync()
    {
        foreach (var e in Recorded)
        {
            yield return e;
        }

        await Task.CompletedTask;
    }

    public static ImmutableArray<IncidentEvent> Where<T>() where T : IncidentEvent => [.. Recorded.OfType<T>()];
}

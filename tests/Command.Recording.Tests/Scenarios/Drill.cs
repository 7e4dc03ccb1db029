using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Recording.Tests.Scenarios;

/// <summary>
/// A small drill as input events (unsequenced): a school, an active threat inside, a contact unit that holds
/// 200 m out, a contact unit that closes, a perimeter unit later sent to staging, the drill paused and resumed
/// once; one report per unit and one clock tick per second.
/// </summary>
public static class Drill
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    public static readonly GeoPoint Origin = new(39.74, -104.99);
    public static readonly LocalFrame Frame = new(Origin);

    public static Site School { get; } = new("School", Origin,
        [new Building("B1", "Main", [At(-30, -30), At(30, -30), At(30, 30), At(-30, 30)])],
        [new Zone("Z-HOT", "Hot", ZoneKind.Hot, [At(-40, -40), At(40, -40), At(40, 40), At(-40, 40)])]);

    public static GeoPoint At(double east, double north) => Frame.ToGeo(new LocalPoint(east, north));

    public static IEnumerable<IncidentEvent> Inputs(int seconds)
    {
        yield return new IncidentOpened("drill-1", "Drill one", School, true, "test", Domain.Incidents.IncidentSchema.Current, Domain.Incidents.AssessmentRules.Current) { Time = T0 };
        yield return new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "test") { Time = T0 };
        yield return new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "test") { Time = T0 };
        yield return new UnitEnrolled("P2", "Adam 2", UnitRole.Contact, "test") { Time = T0 };
        yield return new UnitEnrolled("P3", "Perimeter 3", UnitRole.Perimeter, "test") { Time = T0 };
        for (var s = 1; s <= seconds; s++)
        {
            var t = T0.AddSeconds(s);
            yield return Fix("P1", t, 200, 0);
            yield return Fix("P2", t, Math.Max(0, 300 - (2.4 * s)), 0);
            yield return Fix("P3", t, 0, -250);
            if (s == 5)
            {
                yield return new DrillControlled("pause", "school", "test") { Time = t };
                yield return new DrillControlled("resume", "school", "test") { Time = t };
            }

            if (s == seconds / 4)
            {
                yield return new UnitRoleChanged("P3", UnitRole.Staging, "test") { Time = t };
            }

            if (s == seconds / 2)
            {
                yield return new InputRejected(ReportSource.Json, Domain.Validation.RejectReason.ImpliedSpeed, "too fast", "P3", "{}") { Time = t };
            }

            yield return new ClockTicked { Time = t };
        }
    }

    private static PositionAccepted Fix(string unit, DateTimeOffset t, double east, double north) =>
        new(new PositionReport(unit, ReportSource.Simulator, t, At(east, north), AccuracyM: 3)) { Time = t };
}

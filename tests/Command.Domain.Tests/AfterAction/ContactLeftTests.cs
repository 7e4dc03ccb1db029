using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Tests.AfterAction;

/// <summary>
/// A threat at the middle of a building 64 m square. Every unit reports every 5 s. CHARLIE 3 walks in from 100 m south
/// at 2 m/s and stands 3 m from the threat from 50 s; from 100 s it walks back out to 90 m, stands there from 145 s,
/// walks back in from 400 s and stands at the threat again from 445 s to the end at 600 s. DELTA 4 does the same but
/// never comes back. JULIET 1 stands at the edge of contact, its fixes 12 m and 24 m out by turns, and once 40 m out for
/// three fixes running.
/// </summary>
public sealed class ContactLeftTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 4, 0, 0, TimeSpan.Zero);
    private static readonly LocalFrame Frame = new(new GeoPoint(39.74, -104.99));

    private static readonly Site School = new("School", Frame.Origin, [new Building("B1", "Schulgebaeude", [At(-32, -32), At(32, -32), At(32, 32), At(-32, 32)])], []);

    private static GeoPoint At(double east, double north) => Frame.ToGeo(new LocalPoint(east, north));

    private static DateTimeOffset S(double seconds) => T0.AddSeconds(seconds);

    // How far south of the threat the walker stands at second t; coming back unless it stays out.
    private static double Walker(double t, bool comesBack) => t switch
    {
        < 48.5 => -100 + (2 * t),
        < 100 => -3,
        < 143.5 => -3 - (2 * (t - 100)),
        < 400 => -90,
        _ when !comesBack => -90,
        < 443.5 => -90 + (2 * (t - 400)),
        _ => -3,
    };

    private static double Edge(int t) => t is >= 200 and <= 210 ? -40 : t / 5 % 2 == 1 ? -12 : -24;

    private static AfterActionReport Report()
    {
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", School, true, "cmd") { Time = S(0) });
        fold.Apply(new ThreatSet(new Threat("T1", At(0, 0), 5, ThreatPhase.Active), "cmd") { Time = S(0) });
        fold.Apply(new UnitEnrolled("C3", "CHARLIE 3", UnitRole.Contact, "cmd") { Time = S(0) });
        fold.Apply(new UnitEnrolled("D4", "DELTA 4", UnitRole.Contact, "cmd") { Time = S(0) });
        fold.Apply(new UnitEnrolled("J1", "JULIET 1", UnitRole.Contact, "cmd") { Time = S(0) });
        for (var t = 5; t <= 600; t += 5)
        {
            fold.Apply(Fix("C3", t, Walker(t, comesBack: true)));
            fold.Apply(Fix("D4", t, Walker(t, comesBack: false)));
            fold.Apply(Fix("J1", t, Edge(t)));
        }

        return fold.Build();
    }

    private static PositionAccepted Fix(string unit, double seconds, double north) =>
        new(new PositionReport(unit, ReportSource.Nmea, S(seconds), At(0, north), AccuracyM: 5)) { Time = S(seconds) };

    private static IEnumerable<(DateTimeOffset, string, string)> Log(AfterActionReport report, string unit) =>
        report.Activity.Where(a => a.UnitId == unit && a.Kind is "entry" or "contact" or "left-contact" or "left-building" or "entry-again" or "contact-again")
            .Select(a => (a.Time, a.Kind, a.Text));

    [Fact]
    public void A_unit_that_falls_back_from_the_threat_and_returns_is_logged_leaving_contact_and_its_building_and_back_at_the_threat()
    {
        var report = Report();

        // Where it stands is the middle of its latest three fixes, as of the middle one: out of contact 20 m out (the
        // radius and the hysteresis) at 110 s, found so 30 s on; out of the building at 115 s; back in at 430 s and at the
        // threat at 440 s.
        Assert.Equal(
            [
                (S(35), "entry", "Entered the threat's building"),
                (S(45), "contact", "Reached the threat (contact)"),
                (S(110), "left-contact", "Left contact with the threat: 83 m from it 0:30 later"),
                (S(115), "left-building", "Left the threat's building"),
                (S(430), "entry-again", "Entered the threat's building again, after 5:15 out of it"),
                (S(440), "contact-again", "Back at the threat (contact), after 5:30 out of contact"),
            ],
            Log(report, "C3"));
        Assert.Equal(TimeSpan.FromSeconds(330), report.Units.Single(u => u.UnitId == "C3").OutOfContact);
    }

    [Fact]
    public void A_unit_that_falls_back_and_never_returns_is_out_of_contact_to_the_end()
    {
        var report = Report();

        Assert.Equal(
            [
                (S(35), "entry", "Entered the threat's building"),
                (S(45), "contact", "Reached the threat (contact)"),
                (S(110), "left-contact", "Left contact with the threat: 83 m from it 0:30 later"),
                (S(115), "left-building", "Left the threat's building"),
            ],
            Log(report, "D4"));
        Assert.Equal(TimeSpan.FromSeconds(490), report.Units.Single(u => u.UnitId == "D4").OutOfContact);
    }

    [Fact]
    public void A_unit_scattering_at_the_edge_of_contact_never_leaves_it()
    {
        var report = Report();

        // Its fixes 24 m out every other report, and 40 m out for three in a row, never stand it out for 30 s.
        Assert.Equal([(S(10), "contact", "Reached the threat (contact)")], Log(report, "J1").Where(e => e.Item2 != "entry"));
        Assert.Equal(TimeSpan.Zero, report.Units.Single(u => u.UnitId == "J1").OutOfContact);
    }
}

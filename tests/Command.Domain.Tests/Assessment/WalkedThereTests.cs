using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;

namespace Command.Domain.Tests.Assessment;

/// <summary>
/// A unit that walks up to a threat in the open and stops there is in contact on its receiver's word, from a fix there
/// that the fix before and the walk between bear out, whatever a burst of multipath then does to its fixes; one that
/// stops short is not, whatever one stray fix near the threat says.
/// </summary>
public sealed class WalkedThereTests
{
    [Theory]
    [InlineData(8, 2)]
    [InlineData(10, 2)]
    [InlineData(10, 3)]
    public void An_officer_who_stops_at_a_threat_in_the_open_stays_in_contact_through_a_burst_of_multipath(int cadence, int burstFixes)
    {
        // A tracker walks in from 180 m at 1.7 m/s, its receiver saying so, and stops 3 m from the threat, saying
        // 0.1 m/s; it has one fix or none within the contact radius as it gets there, and multipath throws the next two
        // or three 65 m off. Ten noise draws: none is flagged, and each is in contact at the end; during the burst, on
        // its receiver's word, but for one at 8 s kept on its fixes. Before, not yet judged in contact, or judged there on
        // two fixes and not kept, draws were flagged "holding 40 s at 67 m from the threat".
        var onItsWord = 0;
        for (var seed = 1; seed <= 10; seed++)
        {
            var (drill, reasons) = Played(cadence, seed, burstFixes, stopAtM: 3);

            Assert.Empty(drill.Derived.OfType<FlagRaised>());
            Assert.Equal(MotionState.Arrived, drill.Assess("u1").State);
            onItsWord += reasons.Any(r => r?.EndsWith("; its device says it walked there", StringComparison.Ordinal) == true
                || r?.EndsWith("; its device says it has not walked off", StringComparison.Ordinal) == true) ? 1 : 0;

            var end = drill.Elapsed;
            drill.Report("u1", 60, cadence, t => Walk(3, seed)(end + t), _ => (0.1, 40), 4);
            Assert.Empty(drill.Derived.OfType<FlagRaised>());
            Assert.Equal(MotionState.Arrived, drill.Assess("u1").State);
        }

        // Through the burst each is in contact on its fixes, or on its receiver's word, which the board says.
        Assert.True(onItsWord >= 9, $"{onItsWord} of 10 shown in contact on the receiver's word through the burst");
    }

    [Fact]
    public void Back_on_a_fix_in_contact_after_the_burst_the_board_gives_that_fix()
    {
        // The walk in and the burst of three at 10 s; then his fixes are back at the threat. Kept there since on his
        // receiver's word, the middle of his last 30 s of fixes is still out with the burst: the board must not read
        // "arrived: 58 m from the threat" beside his latest fix 4 m from it. Ten draws: at his first fix back, the
        // reason gives a distance in contact.
        for (var seed = 1; seed <= 10; seed++)
        {
            var (drill, _) = Played(10, seed, burstFixes: 3, stopAtM: 3);
            var end = drill.Elapsed;
            drill.Report("u1", 10, 10, t => Walk(3, seed)(end + t), _ => (0.1, 40), 4);

            var back = drill.Assess("u1");
            Assert.Equal(MotionState.Arrived, back.State);
            var reason = Assert.IsType<string>(back.ArrivalReason);
            var metres = int.Parse(reason[..reason.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(metres <= 20, $"seed {seed}: \"{reason}\" beside a fix {back.DistanceM:F0} m from the threat");
        }
    }

    [Fact]
    public void An_officer_who_stops_short_is_not_in_contact_on_one_stray_fix_near_the_threat()
    {
        // The same tracker every 10 s stops 30 m out, saying 0.1 m/s, and one fix as it stops lands 8 m from the threat:
        // where the fix before and his walk put him, it is 20 m off. Ten draws: none is ever shown in contact, and each
        // is flagged holding within a minute of the stop.
        for (var seed = 1; seed <= 10; seed++)
        {
            var noisy = Walk(30, seed);
            var stop = (180 - 30) / 1.7;
            var stray = (int)Math.Ceiling(stop / 10) * 10;
            LocalPoint Path(double t) => t == stray ? new LocalPoint(8, 2) : noisy(t);
            var (drill, shown) = Stepped(240, Path, t => t < stop ? (1.7, 270) : (0.1, 40));

            Assert.DoesNotContain(MotionState.Arrived, shown);
            var raised = Assert.Single(drill.Derived.OfType<FlagRaised>());
            Assert.StartsWith("holding ", raised.Reason, StringComparison.Ordinal);
            Assert.InRange((raised.Time - Drill.Start).TotalSeconds, stop, stop + 60);
        }
    }

    [Fact]
    public void An_officer_whose_device_is_stuck_on_its_walking_speed_is_not_walked_into_contact()
    {
        // The tracker every 10 s stops 25 m out, but its device goes on saying 1.7 m/s toward the threat, as one stuck on
        // its last speed does: walked on by that word, he would be at the threat within two reports. Ten draws: none is
        // ever shown in contact, and each is flagged.
        for (var seed = 1; seed <= 10; seed++)
        {
            var (drill, shown) = Stepped(300, Walk(25, seed), _ => (1.7, 270));

            Assert.DoesNotContain(MotionState.Arrived, shown);
            Assert.NotEmpty(drill.Derived.OfType<FlagRaised>());
        }
    }

    [Fact]
    public void An_officer_whose_device_says_no_course_is_not_in_contact_on_its_word()
    {
        // The walk in and the burst of three at 10 s, its device saying its speed but no course: where it walked from its
        // fix before is not known, and it is judged on its fixes as before.
        var (drill, _) = Played(10, seed: 1, burstFixes: 3, stopAtM: 3, course: false);

        Assert.NotEqual(MotionState.Arrived, drill.Assess("u1").State);
    }

    // Threat T1 at the origin in the open; contact unit u1, a tracker every cadence seconds stating 4 m, walks in along
    // the east axis from 180 m at 1.7 m/s and stops stopAtM from the threat; from the first fix within the contact
    // radius, the next burstFixes fixes are thrown 65 m off. Played to the end of the burst; the board's arrival reason
    // at each fix of the burst.
    private static (Drill Drill, List<string?> Reasons) Played(int cadence, int seed, int burstFixes, double stopAtM, bool course = true)
    {
        var noisy = Walk(stopAtM, seed);
        var first = Enumerable.Range(1, 200).Select(k => k * cadence).First(t => 180 - (1.7 * t) <= 15 - 3);
        var burstTo = first + (burstFixes * cadence);
        LocalPoint Path(double t) => noisy(t) + (t > first && t <= burstTo ? new LocalPoint(-10, 64) : default);
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        var stop = (180 - stopAtM) / 1.7;
        (double?, double?) Said(double t) => t < stop ? (1.7, course ? 270 : null) : (0.1, course ? 40 : null);
        drill.Report("u1", first, cadence, Path, Said, 4);
        var reasons = new List<string?>();
        for (var at = first; at < burstTo; at += cadence)
        {
            var from = at;
            drill.Report("u1", cadence, cadence, t => Path(from + t), t => Said(from + t), 4);
            reasons.Add(drill.Assess("u1").ArrivalReason);
        }

        return (drill, reasons);
    }

    // Threat T1 at the origin in the open; contact unit u1, a tracker every 10 s stating 4 m, reports where path puts it
    // and what its device says for the given seconds; how it was shown after each report.
    private static (Drill Drill, List<MotionState> Shown) Stepped(int seconds, Func<double, LocalPoint> path, Func<double, (double?, double?)> said)
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        var shown = new List<MotionState>();
        for (var at = 0; at < seconds; at += 10)
        {
            var from = at;
            drill.Report("u1", 10, 10, t => path(from + t), t => said(from + t), 4);
            shown.Add(drill.Assess("u1").State);
        }

        return (drill, shown);
    }

    private static Func<double, LocalPoint> Walk(double stopAtM, int seed) =>
        Drill.Noisy(t => new LocalPoint(Math.Max(stopAtM, 180 - (1.7 * t)), 0), axisM: 3, biasM: 0, seed: seed);
}

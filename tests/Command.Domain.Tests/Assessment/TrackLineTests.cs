using Command.Domain.Assessment;
using Command.Domain.Geometry;

namespace Command.Domain.Tests.Assessment;

/// <summary>The straight line through a unit's fixes that says where it should be next, how fast it goes and how well they lie along it.</summary>
public sealed class TrackLineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static TrackFix Fix(double seconds, double east, double north) => new(T0.AddSeconds(seconds), new LocalPoint(east, north), 3, null);

    [Fact]
    public void A_car_on_a_straight_road_lies_along_its_line_within_its_noise()
    {
        // Every 2 s for 30 s at 15 m/s north-east, each fix off by up to 4 m.
        var noise = new Random(5);
        var fixes = Enumerable.Range(0, 16).Select(i => Fix(2 * i, (10.6 * 2 * i) + ((noise.NextDouble() - 0.5) * 8), (10.6 * 2 * i) + ((noise.NextDouble() - 0.5) * 8))).ToArray();

        var line = TrackLine.Fit(fixes, fixes[^1].Time);

        Assert.InRange(Math.Sqrt((line.Velocity.East * line.Velocity.East) + (line.Velocity.North * line.Velocity.North)), 14.5, 15.5);
        Assert.InRange(line.MisfitM, 1, 4);
        Assert.Equal(16, line.Count);
    }

    [Fact]
    public void A_burst_among_a_walkers_first_fixes_makes_a_fast_line_the_fixes_do_not_lie_along()
    {
        // A walker at 1.5 m/s reporting every 5 s, his third fix thrown 100 m ahead: the line through the three runs at
        // over 10 m/s, as a car's would, but they lie some 30 m off it, where a car's lie within their noise.
        var line = TrackLine.Fit([Fix(0, 0, 0), Fix(5, 7.5, 0), Fix(10, 115, 0)], T0.AddSeconds(10));

        Assert.True(line.Velocity.East > 10, $"{line.Velocity.East} m/s");
        Assert.InRange(line.MisfitM, 20, 40);
    }

    [Fact]
    public void Two_fixes_say_nothing_of_how_well_fixes_lie_along_a_line()
    {
        var line = TrackLine.Fit([Fix(0, 0, 0), Fix(5, 50, 0)], T0.AddSeconds(5));

        Assert.Equal(10, line.Velocity.East, 6);
        Assert.Equal(double.PositiveInfinity, line.MisfitM);
    }
}

using System.Collections.Immutable;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Incidents;

/// <summary>A threat is placed on its incident's ground, not where a marker from another drill or a scrolled map put it.</summary>
public sealed class ThreatGroundTests
{
    private static readonly Site School = new("Meadowlark Flats School", new GeoPoint(38.6512, -98.4306), [], []);

    private static Threat At(double lat, double lon) => new("T1", new GeoPoint(lat, lon), null, ThreatPhase.Active);

    [Fact]
    public void A_threat_on_the_campus_or_a_few_kilometres_off_it_is_placed()
    {
        Assert.Null(ThreatGround.Check(School, At(38.6515, -98.4301)));
        // A shooter fleeing by car, 9 km north.
        Assert.Null(ThreatGround.Check(School, At(38.7321, -98.4306)));
    }

    [Fact]
    public void A_threat_hundreds_of_kilometres_away_is_refused_saying_how_far_and_the_limit()
    {
        var refused = ThreatGround.Check(School, At(39.7392, -104.9903));

        Assert.Equal((RejectReason.InvalidCoordinates, "threat T1 at 39.7392,-104.9903 is 578 km from site Meadowlark Flats School: a threat is placed within 10 km of it"),
            (refused?.Reason, refused?.Detail));
        Assert.Equal("threat T1 at 38.7412,-98.4306 is 10 km from site Meadowlark Flats School: a threat is placed within 10 km of it", ThreatGround.Check(School, At(38.7412, -98.4306))?.Detail);
    }

    [Fact]
    public void Distance_is_measured_across_the_antimeridian_and_a_position_that_is_none_is_left_to_the_input_limits()
    {
        var fiji = new Site("Suva", new GeoPoint(-17.0, 179.99), ImmutableArray<Building>.Empty, ImmutableArray<Zone>.Empty);

        Assert.Null(ThreatGround.Check(fiji, At(-17.0, -179.99)));
        Assert.Null(ThreatGround.Check(School, At(double.NaN, -98.4306)));
    }
}

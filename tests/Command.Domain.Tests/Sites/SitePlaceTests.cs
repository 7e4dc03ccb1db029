using System.Collections.Immutable;
using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Domain.Tests.Sites;

/// <summary>A position lies on a site within 300 m of its origin, or of any of its buildings and zones.</summary>
public sealed class SitePlaceTests
{
    private static readonly GeoPoint Origin = new(44.0, -100.0);
    private static readonly LocalFrame Frame = new(Origin);

    private static ImmutableArray<GeoPoint> Square(double east, double north, double half) =>
        [Frame.ToGeo(new(east - half, north - half)), Frame.ToGeo(new(east + half, north - half)), Frame.ToGeo(new(east + half, north + half)), Frame.ToGeo(new(east - half, north + half))];

    // A campus whose gym stands 800 m east of its origin.
    private static readonly Site Campus = new("Campus", Origin, [new Building("gym", "Gym", Square(800, 0, 20), 1)], [new Zone("hot", "Hot", ZoneKind.Hot, Square(0, 100, 30))]);

    [Fact]
    public void A_position_lies_on_a_site_near_its_origin_or_any_building_or_zone_and_not_beyond()
    {
        Assert.Equal(0, SitePlace.DistanceM(Campus, Frame.ToGeo(new(805, 5))), 6);
        Assert.Equal(0, SitePlace.DistanceM(Campus, Frame.ToGeo(new(0, 110))), 6);
        Assert.Equal(100, SitePlace.DistanceM(Campus, Frame.ToGeo(new(920, 0))), 1);

        Assert.Equal(
            [true, true, true, false, false, false],
            [
                SitePlace.IsOn(Campus, Frame.ToGeo(new(0, -290))), SitePlace.IsOn(Campus, Frame.ToGeo(new(1_100, 0))), SitePlace.IsOn(Campus, Frame.ToGeo(new(0, 420))),
                SitePlace.IsOn(Campus, Frame.ToGeo(new(450, -200))), SitePlace.IsOn(Campus, Frame.ToGeo(new(2_000, 0))), SitePlace.IsOn(Campus, new GeoPoint(double.NaN, 0)),
            ]);
    }
}

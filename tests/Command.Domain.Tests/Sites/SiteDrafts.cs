using Command.Domain.Geometry;
using Command.Domain.Sites;

namespace Command.Domain.Tests.Sites;

/// <summary>A valid little campus as a draft, for tests to spoil one field at a time.</summary>
internal static class SiteDrafts
{
    public static readonly GeoPoint Origin = new(44.0, -100.0);

    public static SiteDraft Campus() => new(
        " Campus ",
        Origin,
        [new BuildingDraft("main", null, null, Square(0.001))],
        [new ZoneDraft("hot", "Hot zone", "hot", Square(0.0012))],
        new WalkGraphDraft(
            [new WalkNodeDraft("door", At(0.0001), null, "door"), new WalkNodeDraft("stair", At(0.0002), 1, "Stair")],
            [new WalkEdgeDraft("door", "stair", null)]));

    public static List<GeoPoint?> Square(double half) =>
        [At(-half, -half), At(half, -half), At(half, half), At(-half, half)];

    public static GeoPoint? At(double north, double east = 0) => new GeoPoint(Origin.Latitude + north, Origin.Longitude + east);

    public static SiteDraft WithBuilding(BuildingDraft building) => Campus() with { Buildings = [building] };

    public static SiteDraft WithZone(ZoneDraft zone) => Campus() with { Zones = [zone] };

    public static SiteDraft WithWalks(IReadOnlyList<WalkNodeDraft>? nodes = null, IReadOnlyList<WalkEdgeDraft>? edges = null) =>
        Campus() with { Walks = new WalkGraphDraft(nodes ?? Campus().Walks!.Nodes, edges ?? Campus().Walks!.Edges) };
}

using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Simulation.Demo;

namespace Command.Host.Tests.Support;

/// <summary>An incident opened on the demo scenario's own site, as the API takes one: where the demo drill may be played.</summary>
public static class DemoSite
{
    public static async Task<object> CreateIncidentAsync(string id, bool autoEnrol = true) =>
        Incident(id, (await DemoScenario.LoadAsync(CancellationToken.None)).Site, autoEnrol);

    /// <summary>The request that opens an incident named <paramref name="id"/> on <paramref name="site"/>.</summary>
    public static object Incident(string id, Site site, bool autoEnrol = true) => new
    {
        id,
        name = $"Drill {id}",
        autoEnrol,
        site = new
        {
            name = site.Name,
            origin = LatLon(site.Origin),
            timeZone = site.TimeZone,
            buildings = site.Buildings.Select(b => new
            {
                id = b.BuildingId, name = b.Name, floors = b.Floors, footprint = b.Footprint.Select(LatLon),
                groundElevationM = b.GroundElevationM, elevationDatum = b.ElevationDatum is { } d ? AltitudeDatums.Name(d) : null, floorHeightM = b.FloorHeightM,
            }),
            zones = site.Zones.Select(z => new { id = z.ZoneId, name = z.Name, kind = ZoneKindNames.Name(z.Kind), polygon = z.Polygon.Select(LatLon) }),
            walks = site.Walks is not { } walks ? null : new
            {
                nodes = walks.Nodes.Select(n => new { id = n.NodeId, lat = n.Position.Latitude, lon = n.Position.Longitude, floor = n.Floor, kind = n.Kind }),
                edges = walks.Edges.Select(e => new { from = e.From, to = e.To, lengthM = e.LengthM }),
            },
        },
    };

    private static object LatLon(Domain.Geometry.GeoPoint p) => new { lat = p.Latitude, lon = p.Longitude };
}

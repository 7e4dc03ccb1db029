namespace Command.Simulation.Files;

internal sealed class SiteDocument
{
    public string? Name { get; init; }
    public PointDocument? Origin { get; init; }
    public List<BuildingDocument>? Buildings { get; init; }
    public List<ZoneDocument>? Zones { get; init; }
    public WalksDocument? Walks { get; init; }
    public string? TimeZone { get; init; }
}

internal sealed class BuildingDocument
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public int? Floors { get; init; }
    public List<PointDocument>? Footprint { get; init; }
    public double? GroundElevationM { get; init; }
    public string? ElevationDatum { get; init; }
    public double? FloorHeightM { get; init; }
}

internal sealed class ZoneDocument
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Kind { get; init; }
    public List<PointDocument>? Polygon { get; init; }
}

internal sealed class WalksDocument
{
    public List<WalkNodeDocument>? Nodes { get; init; }
    public List<WalkEdgeDocument>? Edges { get; init; }
}

internal sealed class WalkNodeDocument
{
    public string? Id { get; init; }
    public double? East { get; init; }
    public double? North { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public int? Floor { get; init; }
    public string? Kind { get; init; }
}

internal sealed class WalkEdgeDocument
{
    public string? From { get; init; }
    public string? To { get; init; }
    public double? LengthM { get; init; }
}

using System.Collections.Immutable;
using Command.Domain.Geometry;

namespace Command.Domain.Sites;

/// <summary>A named area of the site, a polygon in WGS84.</summary>
[GenerateSerializer, Immutable]
public sealed record Zone(string ZoneId, string Name, ZoneKind Kind, ImmutableArray<GeoPoint> Polygon);

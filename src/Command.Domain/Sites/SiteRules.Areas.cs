using System.Collections.Immutable;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;

namespace Command.Domain.Sites;

public static partial class SiteRules
{
    private static ImmutableArray<Building> Buildings(IReadOnlyList<BuildingDraft> drafts, Findings findings)
    {
        if (drafts.Count > MaxBuildings)
        {
            findings.Add("buildings", RejectReason.Oversized, $"has {drafts.Count} buildings; at most {MaxBuildings}");
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var buildings = ImmutableArray.CreateBuilder<Building>(drafts.Count);
        for (var i = 0; i < drafts.Count; i++)
        {
            var (b, at) = (drafts[i], $"buildings[{i}]");
            var id = Id(b.Id, at + ".id", seen, "building", findings);
            var name = Name(b.Name, at + ".name", required: false, findings);
            var floors = b.Floors ?? 1;
            if (floors is < 1 or > MaxFloors)
            {
                findings.Add(at + ".floors", RejectReason.InvalidValue, $"must be 1-{MaxFloors} (was {floors})");
            }

            var (ground, datum, floorHeight) = Levels(b, at, findings);
            if (Ring(b.Footprint, at + ".footprint", findings) is { } footprint && id is not null)
            {
                buildings.Add(new Building(id, name ?? id, footprint, floors, ground, datum, floorHeight));
            }
        }

        return buildings.ToImmutable();
    }

    /// <summary>A building's ground elevation with its datum, and its floor height; each within its bounds.</summary>
    private static (double? GroundM, AltitudeDatum? Datum, double? FloorHeightM) Levels(BuildingDraft b, string at, Findings findings)
    {
        AltitudeDatum? datum = null;
        if (b.ElevationDatum is { } name)
        {
            if (AltitudeDatums.TryParse(name, out var parsed))
            {
                datum = parsed;
            }
            else
            {
                findings.Add(at + ".elevationDatum", RejectReason.InvalidValue, $"{Quote(name)} is not a datum; expected {AltitudeDatums.Expected}");
            }
        }

        var ground = b.GroundElevationM;
        if (ground is { } g && (!double.IsFinite(g) || g < InputLimits.MinAltitudeM || g > InputLimits.MaxAltitudeM))
        {
            findings.Add(at + ".groundElevationM", RejectReason.InvalidValue, $"must be {N(InputLimits.MinAltitudeM)} to {N(InputLimits.MaxAltitudeM)} m (was {N(g)})");
            ground = null;
        }
        else if (ground is not null && b.ElevationDatum is null)
        {
            findings.Add(at + ".elevationDatum", RejectReason.MissingField, $"is required with groundElevationM: {AltitudeDatums.Expected} (they differ by tens of metres)");
        }

        var height = b.FloorHeightM;
        if (height is { } h && (!double.IsFinite(h) || h < MinFloorHeightM || h > MaxFloorHeightM))
        {
            findings.Add(at + ".floorHeightM", RejectReason.InvalidValue, $"must be {N(MinFloorHeightM)} to {N(MaxFloorHeightM)} m (was {N(h)})");
            height = null;
        }

        return (ground, datum, height);
    }

    private static ImmutableArray<Zone> Zones(IReadOnlyList<ZoneDraft> drafts, Findings findings)
    {
        if (drafts.Count > MaxZones)
        {
            findings.Add("zones", RejectReason.Oversized, $"has {drafts.Count} zones; at most {MaxZones}");
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var zones = ImmutableArray.CreateBuilder<Zone>(drafts.Count);
        for (var i = 0; i < drafts.Count; i++)
        {
            var (z, at) = (drafts[i], $"zones[{i}]");
            var id = Id(z.Id, at + ".id", seen, "zone", findings);
            var name = Name(z.Name, at + ".name", required: false, findings);
            var known = ZoneKindNames.TryParse(z.Kind, out var kind);
            if (z.Kind is null)
            {
                findings.Add(at + ".kind", RejectReason.MissingField, $"is required; one of {ZoneKindNames.Expected}");
            }
            else if (!known)
            {
                findings.Add(at + ".kind", RejectReason.InvalidValue, $"{Quote(z.Kind)} is not a zone kind; expected {ZoneKindNames.Expected}");
            }

            if (Ring(z.Polygon, at + ".polygon", findings) is { } polygon && id is not null && known)
            {
                zones.Add(new Zone(id, name ?? id, kind, polygon));
            }
        }

        return zones.ToImmutable();
    }

    /// <summary>A closed ring of 3 to <see cref="MaxVertices"/> valid points; null when it is not one.</summary>
    private static ImmutableArray<GeoPoint>? Ring(IReadOnlyList<GeoPoint?>? points, string path, Findings findings)
    {
        if (points is null)
        {
            findings.Add(path, RejectReason.MissingField, "is required: at least 3 points");
            return null;
        }

        if (points.Count > MaxVertices)
        {
            findings.Add(path, RejectReason.Oversized, $"has {points.Count} points; at most {MaxVertices}");
            return null;
        }

        var ok = points.Count >= 3;
        if (!ok)
        {
            findings.Add(path, RejectReason.InvalidValue, $"needs at least 3 points (has {points.Count})");
        }

        for (var i = 0; i < points.Count; i++)
        {
            ok &= Point(points[i], $"{path}[{i}]", findings);
        }

        return ok ? [.. points.Select(p => p!.Value)] : null;
    }

    /// <summary>True for a valid WGS84 point; a null one was unreadable, and its reader has said why.</summary>
    private static bool Point(GeoPoint? point, string path, Findings findings)
    {
        if (point is not { } p)
        {
            findings.Unread = true;
            return false;
        }

        if (!p.IsValid)
        {
            findings.Add(path, RejectReason.InvalidCoordinates, OutsideWgs84(p));
            return false;
        }

        return true;
    }
}

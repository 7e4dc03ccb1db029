using Command.Domain.Geometry;

namespace Command.Simulation.Files;

internal sealed partial class ScenarioReader
{
    private T? Required<T>(T? value, string path)
        where T : class
    {
        if (value is null)
        {
            Error(path, "is required");
        }

        return value;
    }

    private string RequiredText(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(path, "is required");
            return "";
        }

        return value;
    }

    private double RequiredPositive(double? value, string path)
    {
        if (value is null)
        {
            Error(path, "is required");
            return 1;
        }

        return Positive(value.Value, path);
    }

    private double Positive(double value, string path)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            Error(path, $"must be greater than 0 (was {N(value)})");
            return 1;
        }

        return value;
    }

    private double NotNegative(double value, string path)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            Error(path, $"must be 0 or more (was {N(value)})");
            return 0;
        }

        return value;
    }

    /// <summary>A point given as metres from the origin, as WGS84, or as a walk-graph node; in local metres.</summary>
    private LocalPoint? Point(PointDocument? point, string path)
    {
        if (point is null)
        {
            Error(path, "is required");
            return null;
        }

        var local = point.East is not null || point.North is not null;
        var geo = point.Lat is not null || point.Lon is not null;
        var node = point.Node is not null;
        if ((local ? 1 : 0) + (geo ? 1 : 0) + (node ? 1 : 0) != 1)
        {
            Error(path, "give exactly one of east and north (metres from the origin), lat and lon, or node");
            return null;
        }

        if (node)
        {
            if (nodes.TryGetValue(point.Node!, out var found))
            {
                return frame!.ToLocal(found.Position);
            }

            Error(path + ".node", $"'{point.Node}' is not a node of the site's walk graph");
            return null;
        }

        if (local)
        {
            if (point.East is not { } east || point.North is not { } north)
            {
                Error(path, "needs both east and north");
                return null;
            }

            return new LocalPoint(east, north);
        }

        var geoPoint = Geo(point.Lat, point.Lon, path);
        return geoPoint is { } g ? frame!.ToLocal(g) : null;
    }

    private GeoPoint? Geo(double? lat, double? lon, string path)
    {
        if (lat is not { } latitude || lon is not { } longitude)
        {
            Error(path, "needs both lat and lon");
            return null;
        }

        var p = new GeoPoint(latitude, longitude);
        if (!p.IsValid)
        {
            Error(path, $"lat {N(latitude)} / lon {N(longitude)} is outside WGS84 ranges");
            return null;
        }

        return p;
    }
}

using System.Globalization;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Simulation.Scenarios;

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

    /// <summary>A number the file must give, more than 0 and at most <paramref name="max"/> (a speed, a hold, a distance).</summary>
    private double RequiredAboveZero(double? value, double max, string path, string unit, string? why = null)
    {
        if (value is null)
        {
            Error(path, "is required");
            return 1;
        }

        return AboveZero(value.Value, max, path, unit, why);
    }

    /// <summary>More than 0 and at most <paramref name="max"/>; otherwise an error saying so, and a stand-in within it.</summary>
    private double AboveZero(double value, double max, string path, string unit, string? why = null)
    {
        if (double.IsFinite(value) && value > 0 && value <= max)
        {
            return value;
        }

        Error(path, $"must be more than 0 and at most {N(max)} {unit}{Why(why)} (was {Was(value, 0, max)})");
        return Math.Min(1, max);
    }

    /// <summary><paramref name="min"/> to <paramref name="max"/>; otherwise an error saying so, and a stand-in within it.</summary>
    private double Within(double value, double min, double max, string path, string unit, string? why = null)
    {
        if (double.IsFinite(value) && value >= min && value <= max)
        {
            return value;
        }

        Error(path, $"must be {N(min)}-{N(max)} {unit}{Why(why)} (was {Was(value, min, max)})");
        return double.IsFinite(value) ? Math.Clamp(value, min, max) : min;
    }

    /// <summary>A moment of the script, seconds from its start: from 0 to the longest a drill runs.</summary>
    private double Moment(double value, string path) =>
        Within(value, 0, ScenarioLimits.MaxDurationS, path, "s", "no drill runs longer than a day");

    private static string Why(string? why) => why is null ? "" : ": " + why;

    // The figure as written, short (1E+300, 0.0001), and never rounded to one that reads as allowed.
    private static string Was(double value, double min, double max)
    {
        var shown = value.ToString("G6", CultureInfo.InvariantCulture);
        return double.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out var read) && (read < min || read > max)
            ? shown
            : value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>True when <paramref name="list"/> is within <paramref name="most"/> items; a longer one is one error, its items unread.</summary>
    private bool Countable<T>(List<T>? list, int most, string path, string what)
    {
        if (list is null || list.Count <= most)
        {
            return true;
        }

        Error(path, $"has {list.Count} {what}; at most {most}");
        return false;
    }

    /// <summary>
    /// Where a unit is scripted to stand must be where the incident takes its fixes: within reach of the site. A unit
    /// started 18,000 km away played a whole drill with every fix refused.
    /// </summary>
    private void UnitGround(LocalPoint point, string path, string what)
    {
        if (site is null)
        {
            return;
        }

        var at = frame!.ToGeo(point);
        if (!at.IsValid)
        {
            Error(path, $"{what} at {N(point.East)} m east, {N(point.North)} m north is outside WGS84 ranges");
        }
        else if (ReportGround.Check(site, at, what) is { } beyond)
        {
            Error(path, beyond.Detail);
        }
    }

    /// <summary>A text repeated back in an error: quoted, and cut short where it is long.</summary>
    private static string Quote(string text) => Quoted.Text(text);

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

            Error(path + ".node", $"{Quote(point.Node!)} is not a node of the site's walk graph");
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

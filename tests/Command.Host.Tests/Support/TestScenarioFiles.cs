using System.Globalization;
using Command.Domain.Geometry;

namespace Command.Host.Tests.Support;

/// <summary>Scenario files for host tests, on the test campus, written into a folder of their own that a host plays from.</summary>
public sealed class TestScenarioFiles : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "command-tests", "scenarios-" + Guid.NewGuid().ToString("N"));

    /// <summary>The setting that makes a host play from <see cref="Folder"/>.</summary>
    public KeyValuePair<string, string?> Setting => new("Demo:ScenarioFolder", Folder);

    /// <summary>Writes <paramref name="json"/> as the folder's file <paramref name="name"/>.json; returns the name.</summary>
    public string Write(string name, string json)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, name + ".json"), json);
        return name;
    }

    /// <summary>
    /// A drill on the test campus (or on a site at <paramref name="origin"/>): the threat still and active at
    /// <paramref name="threatAt"/> (metres east and north of the origin), and <paramref name="units"/>, JSON objects.
    /// </summary>
    public static string Campus(string units, GeoPoint? origin = null, (double East, double North)? threatAt = null, string? more = null)
    {
        var o = origin ?? TestSite.Origin;
        var (east, north) = threatAt ?? (0, 100);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "site": { "name": "Test campus", "origin": { "lat": {{o.Latitude}}, "lon": {{o.Longitude}} } },
              "threat": { "script": [ { "atS": 0, "phase": "active", "at": { "east": {{east}}, "north": {{north}} } } ] },
              {{more}}
              "units": [ {{units}} ]
            }
            """);
    }

    /// <summary>A contact unit walking north from 100 m south of the origin at 1 m/s, reporting every 2 s.</summary>
    public static string Walker(string id, string? callsign = null) => $$"""
        { "id": "{{id}}", "callsign": "{{callsign ?? id}}", "role": "contact", "start": { "east": 0, "north": -100 },
          "script": [ { "do": "move", "to": { "east": 0, "north": 90 }, "speedMps": 1 } ] }
        """;

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

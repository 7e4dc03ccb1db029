using System.Globalization;
using Command.Domain.Geometry;

namespace Command.Host.Tests.Support;

/// <summary>Scenario files for host tests, on the test campus, written into a folder of their own that a host plays from.</summary>
public sealed class TestScenarioFiles : IDisposable
{
    // Made at once: a host refuses to start on a scenario folder that is not there.
    public string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "command-tests", "scenarios-" + Guid.NewGuid().ToString("N"))).FullName;

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
    /// <paramref name="threatAt"/> (metres east and north of the origin), then taking <paramref name="laterSteps"/> (JSON
    /// steps), and <paramref name="units"/>, JSON objects. The site is only an origin, or has <paramref name="ground"/>
    /// (its buildings, zones, walks, time zone, as JSON fields).
    /// </summary>
    public static string Campus(
        string units, GeoPoint? origin = null, (double East, double North)? threatAt = null, string? more = null, string? ground = null, string? laterSteps = null)
    {
        var o = origin ?? TestSite.Origin;
        var (east, north) = threatAt ?? (0, 100);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "site": { "name": "Test campus", "origin": { "lat": {{o.Latitude}}, "lon": {{o.Longitude}} }{{(ground is null ? "" : ", " + ground)}} },
              "threat": { "script": [ { "atS": 0, "phase": "active", "at": { "east": {{east}}, "north": {{north}} } }{{(laterSteps is null ? "" : ", " + laterSteps)}} ] },
              {{more}}
              "units": [ {{units}} ]
            }
            """);
    }

    /// <summary>
    /// A school's ground, in metres from the scenario's origin: a 40 m building 100 m north with a hot zone over it, a
    /// staging area south, and the site's time zone.
    /// </summary>
    public const string School = """
        "timeZone": "America/Chicago",
        "buildings": [ { "id": "school", "name": "School", "floors": 2,
          "footprint": [ { "east": -20, "north": 80 }, { "east": 20, "north": 80 }, { "east": 20, "north": 120 }, { "east": -20, "north": 120 } ] } ],
        "zones": [
          { "id": "hot", "name": "School", "kind": "hot",
            "polygon": [ { "east": -30, "north": 70 }, { "east": 30, "north": 70 }, { "east": 30, "north": 130 }, { "east": -30, "north": 130 } ] },
          { "id": "staging", "name": "Staging", "kind": "staging",
            "polygon": [ { "east": -15, "north": -115 }, { "east": 15, "north": -115 }, { "east": 15, "north": -85 }, { "east": -15, "north": -85 } ] } ]
        """;

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

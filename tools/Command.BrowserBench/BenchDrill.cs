using System.Net.Http.Json;

namespace Command.BrowserBench;

/// <summary>
/// One incident of N units spread over a few square kilometres around the threat, in the mix a large drill has:
/// contact units closing (one in five holding, so flags are up), a perimeter ring, staging, medical at the casualty
/// collection point and rescue task forces. Positions are a function of time, so any fix can be worked out without
/// state, and the run is the same every time.
/// </summary>
internal sealed class BenchDrill
{
    /// <summary>Seconds of history posted before the page opens, at ten-second cadence, so holders are already flagged.</summary>
    public const int HistoryS = 90;

    /// <summary>Each unit reports once a second; the reports go in this many slices a second, as radios spread them.</summary>
    public const int Slices = 10;

    private const double Latitude0 = 44.0;
    private const double Longitude0 = -100.0;
    private const double MetresPerDegree = 111_320;

    private readonly DrillUnit[] units;

    private BenchDrill(string incidentId, DrillUnit[] units) => (IncidentId, this.units) = (incidentId, units);

    public string IncidentId { get; }

    public int Count => units.Length;

    /// <summary>The instant the drill's clock starts: <see cref="HistoryS"/> before the live reports.</summary>
    public DateTimeOffset Epoch { get; private set; }

    public static BenchDrill Create(int count)
    {
        var random = new Random(2026);
        // Fresh ids every run: a host given by --url may still have the units of a run that never got to close its incident.
        var run = Guid.NewGuid().ToString("N")[..8];
        var units = Enumerable.Range(0, count).Select(i => DrillUnit.Place(i, count, random, run)).ToArray();
        return new BenchDrill($"bench-{count}-{run}", units);
    }

    /// <summary>Opens the incident, places the threat, enrols every unit and posts the history before now.</summary>
    public async Task OpenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var site = new
        {
            name = "County fairgrounds",
            origin = new { lat = Latitude0, lon = Longitude0 },
            buildings = new[] { new { id = "hall", name = "Exhibition hall", floors = 1, footprint = Box(0, 0, 60, 30) } },
            zones = new object[]
            {
                new { id = "hot", name = "Exhibition hall", kind = "hot", polygon = Box(0, 0, 70, 40) },
                new { id = "warm", name = "Midway", kind = "warm", polygon = Box(0, 0, 260, 220) },
                new { id = "staging", name = "North lot", kind = "staging", polygon = Box(0, 700, 160, 90) },
                new { id = "ccp", name = "Grandstand CCP", kind = "casualty-collection", polygon = Box(-420, -150, 50, 40) },
                new { id = "perimeter", name = "Outer cordon", kind = "perimeter", polygon = Box(0, 0, 420, 420) },
            },
        };
        (await http.PostAsJsonAsync("/api/incidents", new { id = IncidentId, name = $"Fairgrounds drill · {Count} units", autoEnrol = false, site }, cancellationToken)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/incidents/{IncidentId}/threats/T1", new { lat = Latitude0, lon = Longitude0, uncertaintyM = 15, phase = "active" }, cancellationToken)).EnsureSuccessStatusCode();
        await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (unit, ct) =>
            (await http.PostAsJsonAsync($"/api/incidents/{IncidentId}/units", new { unitId = unit.UnitId, callsign = unit.Callsign, role = unit.Role }, ct)).EnsureSuccessStatusCode());

        Epoch = DateTimeOffset.UtcNow.AddSeconds(-HistoryS);
        var history = Enumerable.Range(0, HistoryS / 10).SelectMany(k => units.Select(u => Report(u, Epoch.AddSeconds(k * 10)))).ToList();
        foreach (var chunk in history.Chunk(1000))
        {
            (await http.PostAsJsonAsync($"/api/incidents/{IncidentId}/reports", new { reports = chunk }, cancellationToken)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Closes the incident, so its units are enrolled nowhere; a failure to is said, not thrown over what the run found.</summary>
    public async Task CloseAsync(HttpClient http)
    {
        try
        {
            using var response = await http.PostAsJsonAsync($"/api/incidents/{IncidentId}/close", new { reason = "browser benchmark finished" });
            if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                Console.WriteLine($"{IncidentId}: not closed ({(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}); close it by hand");
            }
        }
        catch (HttpRequestException e)
        {
            Console.WriteLine($"{IncidentId}: not closed ({e.Message}); close it by hand");
        }
    }

    /// <summary>The fixes of one slice of the units, taken now.</summary>
    public object[] Reports(int slice, DateTimeOffset now) =>
        [.. units.Where((_, i) => i % Slices == slice).Select(u => Report(u, now))];

    private object Report(DrillUnit unit, DateTimeOffset at)
    {
        var (east, north) = unit.At((at - Epoch).TotalSeconds);
        return new
        {
            unitId = unit.UnitId,
            fixTime = at,
            lat = Math.Round(Latitude0 + (north / MetresPerDegree), 7),
            lon = Math.Round(Longitude0 + (east / (MetresPerDegree * Math.Cos(Latitude0 * Math.PI / 180))), 7),
            accuracyM = 5.0,
        };
    }

    private static object[] Box(double east, double north, double halfEast, double halfNorth)
    {
        object At(double e, double n) => new
        {
            lat = Latitude0 + (n / MetresPerDegree),
            lon = Longitude0 + (e / (MetresPerDegree * Math.Cos(Latitude0 * Math.PI / 180))),
        };
        return [At(east - halfEast, north - halfNorth), At(east + halfEast, north - halfNorth), At(east + halfEast, north + halfNorth), At(east - halfEast, north + halfNorth)];
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Command.Domain.Geometry;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A large drill on the test campus, set up through the public API: units of every role spread within a few hundred
/// metres of the threat, each with ninety seconds of fixes on the incident's fake clock; one contact unit in four
/// holds (and so is flagged), the others walk toward the threat.
/// </summary>
internal sealed class Crowd
{
    private static readonly string[] Roles = ["contact", "perimeter", "staging", "medical", "rescue-task-force"];
    private static readonly string[] Names = ["Patrol", "Cordon", "Engine", "Medic", "Rescue"];

    private Crowd(Scene scene, int count) => (Scene, Count) = (scene, count);

    public Scene Scene { get; }

    public int Count { get; }

    public static string UnitId(int i) => $"U{i:000}";

    public static string Callsign(int i) => $"{Names[i % Roles.Length]} {(i / Roles.Length) + 1}";

    /// <summary>Contact units whose index is a multiple of four hold where they are.</summary>
    public static bool Holds(int i) => i % Roles.Length == 0 && i / Roles.Length % 4 == 0;

    public static async Task<Crowd> OpenAsync(FakeClockDashboardHost host, int count)
    {
        var scene = await Scene.OpenAsync(host, "crowd");
        await scene.ThreatAsync(0, 100);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await scene.EnrolAsync(UnitId(i), Callsign(i), Roles[i % Roles.Length]));
        var last = host.Clock.GetUtcNow();
        var random = new Random(7);
        var reports = new List<object>();
        for (var i = 0; i < count; i++)
        {
            var bearing = random.NextDouble() * 2 * Math.PI;
            var distance = 60 + (random.NextDouble() * 340);
            var speed = Holds(i) || i % Roles.Length is 1 or 2 or 3 ? 0 : 1.0;
            for (var k = 9; k >= 0; k--)
            {
                var away = distance + (speed * Scene.CadenceS * k);
                reports.Add(TestSite.Report(UnitId(i), last.AddSeconds(-Scene.CadenceS * k), away * Math.Sin(bearing), 100 + (away * Math.Cos(bearing))));
            }
        }

        var response = await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/reports", new { reports });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(reports.Count, answer.GetProperty("accepted").GetInt32());
        return new Crowd(scene, count);
    }

    /// <summary>
    /// The order dispatch expects, worked out from the HTTP API: unacknowledged alerts, unacknowledged watches,
    /// acknowledged alerts, acknowledged watches, stale units, the rest; nearest the threat first within each, to the tenth of a metre
    /// frames carry (the board sorts what it shows).
    /// </summary>
    public async Task<string[]> UrgencyOrderAsync(FakeClockDashboardHost host) => [.. (await InUrgencyOrderAsync(host)).Select(UnitIdOf)];

    /// <summary>The flagged units only, in the same order.</summary>
    public async Task<string[]> FlaggedInUrgencyOrderAsync(FakeClockDashboardHost host) =>
        [.. (await InUrgencyOrderAsync(host)).Where(u => u.GetProperty("flag").GetString() is "alert" or "watch").Select(UnitIdOf)];

    private async Task<IEnumerable<JsonElement>> InUrgencyOrderAsync(FakeClockDashboardHost host)
    {
        var units = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{Scene.IncidentId}/units", TestContext.Current.CancellationToken);
        return units!
            .OrderBy(Rank)
            .ThenBy(u => Math.Round(Number(u, "pathDistanceM") ?? Number(u, "distanceM") ?? double.PositiveInfinity, 1))
            .ThenBy(u => u.GetProperty("callsign").GetString(), StringComparer.Ordinal);
    }

    private static string UnitIdOf(JsonElement unit) => unit.GetProperty("unitId").GetString()!;

    private static int Rank(JsonElement unit)
    {
        var acknowledged = unit.GetProperty("acknowledged").GetBoolean();
        return unit.GetProperty("flag").GetString() switch
        {
            "alert" => acknowledged ? 2 : 0,
            "watch" => acknowledged ? 3 : 1,
            _ => unit.GetProperty("state").GetString() == "stale" ? 4 : 5,
        };
    }

    private static double? Number(JsonElement unit, string name) =>
        unit.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}

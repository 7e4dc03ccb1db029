using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A 130-unit drill of German agencies on the test campus, set up through the public API: callsigns that begin alike
/// and differ only at their end ("Bundespolizei Streife 101", "… 102 Süd-West Abschnitt"), devices' ids that do too
/// ("ANDROID-7F3A9C101"). Fifteen federal police patrols hold 30 to 40 m apart south-west of the threat and are flagged;
/// an ambulance stands just east of the threat, where its label would go; the others stand or walk in within a few
/// hundred metres. Ninety seconds of fixes each on the incident's fake clock, so the picture stands still.
/// </summary>
internal sealed class Agencies
{
    public const int Count = 130;

    public const int Flagged = 15;

    /// <summary>The ambulance a few metres east of the threat.</summary>
    public const int BesideThreat = Flagged + 1;

    private Agencies(Scene scene) => Scene = scene;

    public Scene Scene { get; }

    public static string UnitId(int i) => $"ANDROID-7F3A9C{i:000}";

    public static string Callsign(int i) => (i % 3, i < Flagged) switch
    {
        (_, true) or (0, _) => $"Bundespolizei Streife {Number(i)}{(i % 2 == 1 ? " Süd-West Abschnitt" : string.Empty)}",
        (1, _) => $"Rettungswagen {Number(i)}",
        _ => $"Notarzt Einsatzfahrzeug {Number(i)}",
    };

    /// <summary>What tells a unit's callsign from the others': its number.</summary>
    public static string Number(int i) => $"{i + 101:000}";

    public static async Task<Agencies> OpenAsync(FakeClockDashboardHost host)
    {
        var scene = await Scene.OpenAsync(host, "agencies");
        await scene.ThreatAsync(0, 100);
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await scene.EnrolAsync(UnitId(i), Callsign(i), Role(i)));
        var last = host.Clock.GetUtcNow();
        var random = new Random(11);
        var reports = new List<object>();
        for (var i = 0; i < Count; i++)
        {
            var (east, north, speed) = i switch
            {
                < Flagged => (-180 + (i % 5 * 40.0), 10 + (i / 5 * 30.0), 0.0),
                BesideThreat => (30.0, 100.0, 0.0),
                _ => Spread(random, i),
            };
            var bearing = Math.Atan2(east, north - 100);
            for (var k = 9; k >= 0; k--)
            {
                var back = speed * Scene.CadenceS * k;
                reports.Add(TestSite.Report(UnitId(i), last.AddSeconds(-Scene.CadenceS * k), east + (back * Math.Sin(bearing)), north + (back * Math.Cos(bearing))));
            }
        }

        var response = await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/reports", new { reports });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(reports.Count, answer.GetProperty("accepted").GetInt32());
        return new Agencies(scene);
    }

    private static string Role(int i) => i < Flagged || i % 3 == 0 ? "contact" : i % 3 == 1 ? "medical" : "staging";

    // Patrols walk in toward the threat at a metre a second; ambulances and emergency doctors stand.
    private static (double East, double North, double Speed) Spread(Random random, int i)
    {
        var bearing = random.NextDouble() * 2 * Math.PI;
        var distance = 80 + (random.NextDouble() * 320);
        return (distance * Math.Sin(bearing), 100 + (distance * Math.Cos(bearing)), i % 3 == 0 ? 1.0 : 0.0);
    }
}

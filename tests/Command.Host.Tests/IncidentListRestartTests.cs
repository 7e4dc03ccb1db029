using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

/// <summary>The list of incidents outlives a restart: every open incident is listed before anything wakes it.</summary>
public sealed class IncidentListRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_open_incident_is_listed_after_a_restart_on_the_same_data_folder()
    {
        var data = DataFolder.New();
        await using (var first = new RestartableHost(data))
        {
            await first.InitializeAsync();
            (await first.PostJsonAsync("/api/incidents", TestSite.CreateIncident("north"))).EnsureSuccessStatusCode();
            (await first.PostJsonAsync("/api/incidents", TestSite.CreateIncident("south"))).EnsureSuccessStatusCode();
        }

        await using var second = new RestartableHost(data);
        await second.InitializeAsync();
        var list = await second.Client.GetFromJsonAsync<JsonElement>("/api/incidents", Ct);

        Assert.Equal(["north", "south"], list.EnumerateArray().Select(i => i.GetProperty("incidentId").GetString()).Order(StringComparer.Ordinal));
        DataFolder.Remove(data);
    }

    private sealed class RestartableHost(string data) : CommandHost(new Dictionary<string, string?> { ["DataPath"] = data });
}

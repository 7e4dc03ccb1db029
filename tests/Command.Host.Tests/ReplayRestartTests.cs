using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

/// <summary>A replay open on a lone host that is stopped and started again opens again from its place when next called.</summary>
public sealed class ReplayRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replay_open_when_its_lone_host_stops_opens_again_at_its_place_once_the_host_is_back()
    {
        var data = DataFolder.New();
        try
        {
            string replayId;
            JsonElement before;
            await using (var first = new DataHost(data))
            {
                await first.InitializeAsync();
                (await first.PostJsonAsync("/api/incidents", TestSite.CreateIncident("debrief"))).EnsureSuccessStatusCode();
                var start = DateTimeOffset.UtcNow.AddMinutes(-2);
                for (var i = 0; i < 10; i++)
                {
                    (await first.PostJsonAsync("/api/incidents/debrief/reports", new { reports = new[] { TestSite.Report("P1", DateTimeOffset.UtcNow.AddSeconds(-10 + i), 0, -60 + i) } })).EnsureSuccessStatusCode();
                }

                (await first.PostJsonAsync("/api/incidents/debrief/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
                using var opened = await first.PostJsonAsync("/api/replays", new { incidentId = "debrief" });
                opened.EnsureSuccessStatusCode();
                replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;
                (await first.PostJsonAsync($"/api/replays/{replayId}/step", new { })).EnsureSuccessStatusCode();
                before = await first.Client.GetFromJsonAsync<JsonElement>($"/api/replays/{replayId}", Ct);
            }

            await using var second = new DataHost(data);
            await second.InitializeAsync();

            using var again = await second.Client.GetAsync($"/api/replays/{replayId}", Ct);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            var status = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(before.GetProperty("incidentId").GetString(), status.GetProperty("incidentId").GetString());
            Assert.Equal(before.GetProperty("position").GetDateTimeOffset(), status.GetProperty("position").GetDateTimeOffset());
            Assert.Contains((await second.Client.GetFromJsonAsync<JsonElement>("/api/replays", Ct)).EnumerateArray(),
                r => r.GetProperty("replayId").GetString() == replayId);
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    private sealed class DataHost(string data) : CommandHost(new Dictionary<string, string?> { ["DataPath"] = data });
}

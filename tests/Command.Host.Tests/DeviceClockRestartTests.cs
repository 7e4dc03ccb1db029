using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests;

/// <summary>A device's clock off this host's, as the incident tells it.</summary>
public sealed class DeviceClockRestartTests
{
    private const string Incident = "slow-phone";
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fix_refused_as_out_of_order_that_arrived_long_after_its_time_says_the_device_clock_looks_that_slow()
    {
        var data = DataFolder.New();
        var clock = new FakeTimeProvider(Start);
        await using var host = new RestartableHost(clock, data);
        await host.InitializeAsync();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(Incident))).EnsureSuccessStatusCode();
        await PostAsync(host, TestSite.Report("P2", clock.GetUtcNow(), 0, -60));
        clock.Advance(TimeSpan.FromSeconds(5));

        var answer = await PostAsync(host, TestSite.Report("P2", clock.GetUtcNow().AddSeconds(-20), 0, -59));

        var refused = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(("out-of-order", "fix is 15.0 s older than the latest accepted fix: the device's clock looks 20 s slow (this fix arrived 20.0 s after the time it gives)"),
            (refused.GetProperty("reason").GetString(), refused.GetProperty("detail").GetString()));
        DataFolder.Remove(data);
    }

    private static async Task<JsonElement> PostAsync(CommandHost host, object report)
    {
        using var response = await host.PostJsonAsync($"/api/incidents/{Incident}/reports", new { reports = new[] { report } });
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private sealed class RestartableHost(FakeTimeProvider clock, string data) : FakeClockHost(clock, new Dictionary<string, string?> { ["DataPath"] = data });
}

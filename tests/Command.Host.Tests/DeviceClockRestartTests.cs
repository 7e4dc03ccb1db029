using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests;

/// <summary>
/// A device's clock found off outlives the host that found it: the host started again puts its reports right from the
/// first. A fix refused as out of order for its device's clock says so.
/// </summary>
public sealed class DeviceClockRestartTests
{
    private const string Incident = "slow-phone";
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_phone_found_4_min_slow_is_put_right_from_its_first_report_to_its_host_started_again()
    {
        var data = DataFolder.New();
        var clock = new FakeTimeProvider(Start);
        await using (var first = new RestartableHost(clock, data))
        {
            await first.InitializeAsync();
            (await first.PostJsonAsync("/api/incidents", TestSite.CreateIncident(Incident))).EnsureSuccessStatusCode();
            // Every 5 s, from a phone whose clock runs 4 min behind: found so on its third report.
            for (var i = 0; i < 4; i++)
            {
                await SendAsync(first, clock, north: -60 + i);
                clock.Advance(TimeSpan.FromSeconds(5));
            }

            Assert.Equal((Start.AddSeconds(15), 240.0), await LatestFixAsync(first));
        }

        // Down for a minute.
        clock.Advance(TimeSpan.FromMinutes(1));
        await using var second = new RestartableHost(clock, data);
        await second.InitializeAsync();

        var answer = await SendAsync(second, clock, north: -55);

        Assert.Equal((1, 0), (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("rejected").GetArrayLength()));
        Assert.Equal((clock.GetUtcNow(), 240.0), await LatestFixAsync(second));
        DataFolder.Remove(data);
    }

    [Fact]
    public async Task A_fix_older_than_the_latest_by_the_same_clock_is_said_older_with_both_times_though_nothing_shows_the_clock_right()
    {
        var data = DataFolder.New();
        var clock = new FakeTimeProvider(Start);
        await using var host = new RestartableHost(clock, data);
        await host.InitializeAsync();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(Incident))).EnsureSuccessStatusCode();
        // Its first fix arrived 10 s late, its clock not yet learned: nothing shows the clock right. Yet the second, sent
        // after it by the same clock and giving an earlier time, is older whatever that clock keeps: no slow clock explains it.
        await PostAsync(host, TestSite.Report("P2", clock.GetUtcNow().AddSeconds(-10), 0, -60));
        clock.Advance(TimeSpan.FromSeconds(5));

        var answer = await PostAsync(host, TestSite.Report("P2", clock.GetUtcNow().AddSeconds(-20), 0, -59));

        var refused = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(("out-of-order", "fix is 5.0 s older than the latest accepted fix (this fix 14:59:45.000 UTC, the latest 14:59:50.000 UTC)"),
            (refused.GetProperty("reason").GetString(), refused.GetProperty("detail").GetString()));
        DataFolder.Remove(data);
    }

    [Fact]
    public async Task An_old_fix_sent_again_after_one_on_time_is_said_older_with_both_times_not_blamed_on_the_clock()
    {
        // OsmAnd sends again a fix it could not send 40 s ago, after its latest arrived on time.
        var data = DataFolder.New();
        var clock = new FakeTimeProvider(Start);
        await using var host = new RestartableHost(clock, data);
        await host.InitializeAsync();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(Incident))).EnsureSuccessStatusCode();
        await PostAsync(host, TestSite.Report("P3", clock.GetUtcNow(), 0, -60));
        clock.Advance(TimeSpan.FromSeconds(5));

        var answer = await PostAsync(host, TestSite.Report("P3", Start.AddSeconds(-40), 0, -59));

        var refused = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(("out-of-order", "fix is 40.0 s older than the latest accepted fix (this fix 14:59:20.000 UTC, the latest 15:00:00.000 UTC)"),
            (refused.GetProperty("reason").GetString(), refused.GetProperty("detail").GetString()));
        DataFolder.Remove(data);
    }

    [Fact]
    public async Task A_batch_with_a_fix_on_time_says_its_old_fix_older_with_both_times_not_blamed_on_the_clock()
    {
        var data = DataFolder.New();
        var clock = new FakeTimeProvider(Start);
        await using var host = new RestartableHost(clock, data);
        await host.InitializeAsync();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(Incident))).EnsureSuccessStatusCode();
        // Its first fix arrived 30 s late; the next batch holds a fix stamped as it is sent and one 45 s old.
        await PostAsync(host, TestSite.Report("P4", Start.AddSeconds(-30), 0, -60));
        clock.Advance(TimeSpan.FromSeconds(10));

        using var response = await host.PostJsonAsync($"/api/incidents/{Incident}/reports",
            new { reports = new[] { TestSite.Report("P4", clock.GetUtcNow(), 0, -58), TestSite.Report("P4", Start.AddSeconds(-35), 0, -59) } });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        var refused = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal((1, "out-of-order", "fix is 5.0 s older than the latest accepted fix (this fix 14:59:25.000 UTC, the latest 14:59:30.000 UTC)"),
            (answer.GetProperty("accepted").GetInt32(), refused.GetProperty("reason").GetString(), refused.GetProperty("detail").GetString()));
        DataFolder.Remove(data);
    }

    private static async Task<JsonElement> PostAsync(CommandHost host, object report)
    {
        using var response = await host.PostJsonAsync($"/api/incidents/{Incident}/reports", new { reports = new[] { report } });
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    // A fix taken as it is sent, stamped by a clock 240 s slow.
    private static Task<JsonElement> SendAsync(CommandHost host, FakeTimeProvider clock, double north) =>
        PostAsync(host, TestSite.Report("P1", clock.GetUtcNow().AddSeconds(-240), 0, north));

    private static async Task<(DateTimeOffset FixTime, double CorrectionS)> LatestFixAsync(CommandHost host)
    {
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{Incident}/units", Ct);
        var fix = Assert.Single(units.EnumerateArray()).GetProperty("lastFix");
        return (fix.GetProperty("fixTime").GetDateTimeOffset(), fix.TryGetProperty("clockCorrectionS", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 0);
    }

    private sealed class RestartableHost(FakeTimeProvider clock, string data) : FakeClockHost(clock, new Dictionary<string, string?> { ["DataPath"] = data });
}

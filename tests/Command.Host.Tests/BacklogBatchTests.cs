using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

/// <summary>
/// An app uploads the fixes it held while it could not send in one batch, newest first: each unit's are taken oldest
/// first, and answered by their places in the batch as it was sent.
/// </summary>
public sealed class BacklogBatchTests
{
    private const string Incident = "backlog";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backlog_sent_newest_first_is_taken_whole_and_answered_in_the_order_sent()
    {
        await using var host = new FakeClockHost();
        await host.InitializeAsync();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(Incident))).EnsureSuccessStatusCode();
        var now = host.Clock.GetUtcNow();

        // P1's backlog newest first, P2's oldest first between them, and an item that is no report at index 2.
        var answer = await PostAsync(host,
            TestSite.Report("P1", now.AddSeconds(-10), 0, -50),
            TestSite.Report("P2", now.AddSeconds(-20), 10, -70),
            new { unitId = "P1", fixTime = now.AddSeconds(-15), lat = 95.0, lon = 0.0 },
            TestSite.Report("P1", now.AddSeconds(-20), 0, -52),
            TestSite.Report("P2", now.AddSeconds(-10), 10, -68),
            TestSite.Report("P1", now.AddSeconds(-30), 0, -54));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(5, answer.Body.GetProperty("accepted").GetInt32());
        var refused = Assert.Single(answer.Body.GetProperty("rejected").EnumerateArray());
        Assert.Equal((2, "invalid-coordinates"), (refused.GetProperty("index").GetInt32(), refused.GetProperty("reason").GetString()));
        Assert.Equal(now.AddSeconds(-10), await LatestFixAsync(host, "P1"));
    }

    [Fact]
    public async Task A_fix_older_than_the_units_latest_is_still_refused_out_of_order_at_its_own_index()
    {
        await using var host = new FakeClockHost();
        await host.InitializeAsync();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(Incident))).EnsureSuccessStatusCode();
        var now = host.Clock.GetUtcNow();
        await PostAsync(host, TestSite.Report("P1", now.AddSeconds(-3), 0, -50));

        var answer = await PostAsync(host,
            TestSite.Report("P1", now.AddSeconds(-1), 0, -49),
            TestSite.Report("P1", now.AddSeconds(-4), 0, -51));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(1, answer.Body.GetProperty("accepted").GetInt32());
        var refused = Assert.Single(answer.Body.GetProperty("rejected").EnumerateArray());
        Assert.Equal((1, "out-of-order"), (refused.GetProperty("index").GetInt32(), refused.GetProperty("reason").GetString()));
        // Its clock is shown right by the fixes that came on time, so the detail gives both times and does not blame it.
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.StartsWith("fix is 1.0 s older than the latest accepted fix (this fix ", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("clock", detail, StringComparison.Ordinal);
        Assert.Equal(now.AddSeconds(-1), await LatestFixAsync(host, "P1"));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(CommandHost host, params object[] reports)
    {
        using var response = await host.PostJsonAsync($"/api/incidents/{Incident}/reports", new { reports });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private static async Task<DateTimeOffset> LatestFixAsync(CommandHost host, string unitId)
    {
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{Incident}/units", Ct);
        return units.EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == unitId).GetProperty("lastFix").GetProperty("fixTime").GetDateTimeOffset();
    }
}

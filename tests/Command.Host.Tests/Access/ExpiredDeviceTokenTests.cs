using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// A device token that expires mid-drill: its device's reports are refused, and its unit's row says why, where it went
/// stale with no word.
/// </summary>
public sealed class ExpiredDeviceTokenTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_unit_whose_device_token_expired_says_so_on_its_row_when_its_device_reports_again()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("token-expiry"))).EnsureSuccessStatusCode();
        var expires = host.Clock.GetUtcNow().AddDays(1);
        var (token, _) = await host.Access.IssueTokenAsync("phone-e1", ["device"], ["E1"], expiresInDays: 1);
        using var device = host.ClientWith(token);
        using var before = await PostAsync(device, "E1");

        host.Clock.Advance(TimeSpan.FromDays(1));
        using var after = await PostAsync(device, "E1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before.StatusCode, after.StatusCode));
        var refused = (await UnitAsync("E1")).GetProperty("refused");
        Assert.Equal(("credential-expired", FormattableString.Invariant(
                $"its device token 'phone-e1' expired at {expires.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: its reports are refused until an admin issues it a new one")),
            (refused.GetProperty("reason").GetString(), refused.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_device_retrying_with_an_expired_token_is_answered_every_time_and_recorded_once_a_minute()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("token-retry"))).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromSeconds(7));
        var expires = host.Clock.GetUtcNow().AddDays(1);
        var (token, _) = await host.Access.IssueTokenAsync("phone-t1", ["device"], ["T1"], expiresInDays: 1);
        using var device = host.ClientWith(token);
        using var before = await PostAsync(device, "T1", "token-retry");
        host.Clock.Advance(TimeSpan.FromDays(1));

        // Every 5 s for a minute, then once more.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 13; i++)
        {
            using var retry = await PostAsync(device, "T1", "token-retry");
            answers.Add(retry.StatusCode);
            host.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        var refused = (await UnitAsync("T1", "token-retry")).GetProperty("refused");
        Assert.Equal((HttpStatusCode.OK, 13, 2, "credential-expired", FormattableString.Invariant($"its device token 'phone-t1' expired at {expires.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: its reports are refused until an admin issues it a new one")),
            (before.StatusCode, answers.Count(a => a == HttpStatusCode.Unauthorized), refused.GetProperty("count").GetInt32(), refused.GetProperty("reason").GetString(),
                refused.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task An_expired_device_token_refused_off_the_report_path_writes_nothing_on_its_row()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("token-read"))).EnsureSuccessStatusCode();
        var (token, _) = await host.Access.IssueTokenAsync("phone-r1", ["device"], ["R1"], expiresInDays: 1);
        using var device = host.ClientWith(token);
        using var before = await PostAsync(device, "R1", "token-read");

        host.Clock.Advance(TimeSpan.FromDays(1));
        using var after = await device.GetAsync("/api/incidents/token-read/units", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before.StatusCode, after.StatusCode));
        Assert.False((await UnitAsync("R1", "token-read")).TryGetProperty("refused", out _));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient device, string unitId, string incident = "token-expiry") =>
        device.PostAsJsonAsync($"/api/incidents/{incident}/reports", new { reports = new[] { TestSite.Report(unitId, DateTimeOffset.UtcNow, 0, -50) } }, Ct);

    private async Task<JsonElement> UnitAsync(string unitId, string incident = "token-expiry")
    {
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{incident}/units", Ct);
        return units.EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == unitId);
    }
}

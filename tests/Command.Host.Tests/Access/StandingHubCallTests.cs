using Command.Host.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.Host.Tests.Access;

/// <summary>
/// A hub call is judged by the caller's credential as this host's copy of the access book holds it at the call, not by
/// the roles the connection came with: a connection is closed only once a sweep has reached it (on the book's change,
/// at the host's next read of the book, every 5 s for expiries) and its page has been told, and calls came in meanwhile.
/// </summary>
public sealed class StandingHubCallTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hub_call_on_a_token_that_expired_since_the_last_sweep_is_refused_saying_why()
    {
        var id = $"t-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        // Issued at the host's start on the access clock, which sweeps every 5 s from then: it expires 7 s in, between sweeps.
        var (token, _) = await host.Access.IssueTokenAsync($"watch-{Guid.NewGuid():N}"[..16], ["observer"], expiresInDays: 7 / 86_400d);
        await using var page = await host.ConnectHubAsync(token, Ct);
        await page.InvokeAsync("Join", id, Ct);
        host.Clock.Advance(TimeSpan.FromSeconds(6));

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var refused = await Assert.ThrowsAsync<HubException>(() => page.InvokeAsync("Join", id, Ct));

        Assert.EndsWith("HubException: credential-refused: the token expired", refused.Message, StringComparison.Ordinal);
    }
}

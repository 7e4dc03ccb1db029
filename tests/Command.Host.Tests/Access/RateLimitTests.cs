using System.Net;
using System.Net.Http.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>Per-caller rate limits, keyed by the authenticated identity and kept on the access clock (no waiting).</summary>
public sealed class RateLimitTests(RateLimitTests.TightHost host) : IClassFixture<RateLimitTests.TightHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_caller_over_its_command_rate_gets_429_with_retry_after_while_another_caller_does_not()
    {
        var commander = host.ClientWith(await host.Access.TokenForAsync("commander"));
        var other = host.ClientWith(await host.Access.TokenForAsync("commander"));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await commander.PostAsJsonAsync("/api/incidents/none/threats/T1/phase", new { phase = "active" }, Ct);
            answers.Add(response.StatusCode);
        }

        using var limited = await commander.PostAsJsonAsync("/api/incidents/none/threats/T1/phase", new { phase = "active" }, Ct);
        using var otherCaller = await other.PostAsJsonAsync("/api/incidents/none/threats/T1/phase", new { phase = "active" }, Ct);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        using var later = await commander.PostAsJsonAsync("/api/incidents/none/threats/T1/phase", new { phase = "active" }, Ct);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1)), (limited.StatusCode, limited.Headers.RetryAfter?.Delta));
        Assert.Contains("is sending commands faster than its limit", await limited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (otherCaller.StatusCode, later.StatusCode));
    }

    /// <summary>A host allowing one command a second, two in a burst.</summary>
    public sealed class TightHost() : AccessHost(new Dictionary<string, string?>
    {
        ["Http:RateLimits:Commands:PerSecond"] = "1",
        ["Http:RateLimits:Commands:Burst"] = "2",
    });
}

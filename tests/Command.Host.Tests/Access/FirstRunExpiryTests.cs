using System.Net;
using System.Net.Http.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>The first run's link stops working 15 minutes after it was printed.</summary>
public sealed class FirstRunExpiryTests(AccessHost host) : IClassFixture<AccessHost>
{
    [Fact]
    public async Task The_one_time_link_expires_after_fifteen_minutes()
    {
        var code = await host.FirstRunCodeAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(15));

        using var client = host.ClientWith(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/link") { Content = JsonContent.Create(new { code }) };
        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("It works once, until 15:15:00 UTC.", host.Console.ToString(), StringComparison.Ordinal);
    }
}

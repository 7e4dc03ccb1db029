using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// The first run's one-time link, on a host where nobody can sign in with a password yet (as the link is void once
/// someone can, it has a host of its own).
/// </summary>
public sealed class FirstRunLinkTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_one_time_link_signs_the_first_admin_in_once_who_then_sets_a_password()
    {
        var code = await host.FirstRunCodeAsync();

        using var first = await LinkAsync(code);
        var cookie = TestAccess.SessionCookie(first);
        using var again = await LinkAsync(code);
        using var password = await SendAsync(host.Access.AsPage(HttpMethod.Put, "/api/auth/password", cookie, new { newPassword = "a long new password" }));
        using var signIn = await host.Access.SignInResponseAsync("admin", "a long new password");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("admin", (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString());
        Assert.Equal((HttpStatusCode.Unauthorized, "link-refused"), (again.StatusCode, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString()));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (password.StatusCode, signIn.StatusCode));
        Assert.DoesNotContain(host.BootstrapToken, host.Console.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> LinkAsync(string code)
    {
        using var client = host.ClientWith(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/link") { Content = JsonContent.Create(new { code }) };
        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        return await client.SendAsync(request, Ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var client = host.ClientWith(null);
            return await client.SendAsync(request, Ct);
        }
    }
}

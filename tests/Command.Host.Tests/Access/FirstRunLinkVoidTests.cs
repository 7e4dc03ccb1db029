using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// The first run's link is for when nobody can sign in: once someone can with a password (added with the bootstrap
/// token, say), it no longer lets anyone in, though the console still shows it.
/// </summary>
public sealed class FirstRunLinkVoidTests(AccessHost host) : IClassFixture<AccessHost>
{
    [Fact]
    public async Task The_one_time_link_lets_nobody_in_once_someone_can_sign_in_with_a_password()
    {
        var code = await host.FirstRunCodeAsync();
        await host.Access.AddPersonAsync("Chief Ops", "admin");

        using var client = host.ClientWith(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/link") { Content = JsonContent.Create(new { code }) };
        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, "link-refused"), (response.StatusCode, body.GetProperty("reason").GetString()));
        Assert.Equal("this sign-in link is unknown, already used, expired, or void now that someone can sign in with a password; ask an admin for an account",
            body.GetProperty("detail").GetString());
    }
}

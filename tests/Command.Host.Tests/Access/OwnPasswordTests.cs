using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// An admin's own password is changed where the current one is asked for and the new one typed twice, never set from the
/// people list: an admin is kept from shutting themself out with a slip of the finger.
/// </summary>
public sealed class OwnPasswordTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Lt Adair")]
    [InlineData("LT ADAIR")]
    public async Task An_admin_sets_their_own_password_only_where_it_asks_for_the_current_one_and_keeps_their_session(string named)
    {
        // Set here, typed once, it ended the admin's own session; a slip in it left the last admin who could sign in shut out.
        await host.Access.AddPersonAsync("Lt Adair", "admin");
        var cookie = await host.Access.SignInAsync("Lt Adair");
        using var client = host.ClientWith(null);

        using var set = await client.SendAsync(host.Access.AsPage(HttpMethod.Put, $"/api/access/people/{Uri.EscapeDataString(named)}/password", cookie, new { password = "a slip of the finger" }), Ct);
        using var still = await client.SendAsync(host.Access.AsPage(HttpMethod.Get, "/api/auth/me", cookie), Ct);
        using var signIn = await host.Access.SignInResponseAsync("Lt Adair", TestAccess.Password);

        Assert.Equal(HttpStatusCode.Conflict, set.StatusCode);
        Assert.Equal(("own-password", "this is your own password: change it under 'Your password' (PUT /api/auth/password), which asks for the current one, rather than here, which would end this session"),
            await ReasonAsync(set));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (still.StatusCode, signIn.StatusCode));
    }

    private static async Task<(string?, string?)> ReasonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString());
    }
}

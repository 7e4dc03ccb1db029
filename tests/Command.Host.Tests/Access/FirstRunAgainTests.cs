using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// Until someone has set a password, every start of a host prints a new one-time link: a newcomer who signed in with
/// the first and chose "Later" (or let it run out) was shut out for good, told only that the password was wrong. Once a
/// password is set, a start prints none.
/// </summary>
public sealed class FirstRunAgainTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Until_someone_sets_a_password_each_start_prints_a_new_one_time_link_and_sign_in_says_where_the_way_in_is()
    {
        var data = Path.Combine(Path.GetTempPath(), "command-tests", Guid.NewGuid().ToString("N"));
        try
        {
            // The first start: the newcomer opens the link, and leaves without setting a password.
            await using (var first = await StartAsync(data))
            {
                using var later = await LinkAsync(first, await first.FirstRunCodeAsync());
                Assert.Equal(HttpStatusCode.OK, later.StatusCode);
            }

            // Started again: a new link, and a sign-in with any password says where the way in is.
            await using (var second = await StartAsync(data))
            {
                Assert.True(await second.FirstRun.Decided.WaitAsync(TimeSpan.FromSeconds(30), Ct));
                using var refused = await second.Access.SignInResponseAsync("admin", "whatever they guessed");
                var said = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();
                using var back = await LinkAsync(second, await second.FirstRunCodeAsync());
                using var page = second.ClientWith(null);
                using var setting = second.Access.AsPage(HttpMethod.Put, "/api/auth/password", TestAccess.SessionCookie(back), new { newPassword = "a long new password" });
                using var password = await page.SendAsync(setting, Ct);

                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                Assert.Equal("the user name or the password is wrong; nobody has set a password yet: open the one-time sign-in link a host prints on its console as it starts (start it again for a new one)", said);
                Assert.Equal((HttpStatusCode.OK, "admin"), (back.StatusCode, (await back.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString()));
                Assert.Equal(HttpStatusCode.OK, password.StatusCode);
            }

            // Once a password is set, a start prints no link, and a wrong password is only wrong.
            await using (var third = await StartAsync(data))
            {
                Assert.False(await third.FirstRun.Decided.WaitAsync(TimeSpan.FromSeconds(30), Ct));
                using var signIn = await third.Access.SignInResponseAsync("admin", "a long new password");
                using var wrong = await third.Access.SignInResponseAsync("admin", "not the password");

                Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
                Assert.Equal("the user name or the password is wrong", (await wrong.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
                Assert.DoesNotContain("#link=", third.Console.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    private static async Task<AccessHost> StartAsync(string data)
    {
        var host = new AccessHost(new Dictionary<string, string?> { ["DataPath"] = data });
        await host.InitializeAsync();
        return host;
    }

    private static async Task<HttpResponseMessage> LinkAsync(AccessHost host, string code)
    {
        using var client = host.ClientWith(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/link") { Content = JsonContent.Create(new { code }) };
        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        return await client.SendAsync(request, Ct);
    }
}

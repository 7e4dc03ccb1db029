using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>Access is never left without an admin who can sign in to manage it.</summary>
public sealed class LastAdminTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_with_no_password_does_not_count_as_another_admin()
    {
        (await host.PostJsonAsync("/api/access/people", new { userName = "chief", password = TestAccess.Password, roles = new[] { "admin" } })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync("/api/access/people", new { userName = "deputy", roles = new[] { "admin" } })).EnsureSuccessStatusCode();

        using var demoted = await host.Client.PutAsJsonAsync("/api/access/people/chief/roles", new { roles = new[] { "observer" } }, Ct);
        using var removed = await host.Client.DeleteAsync("/api/access/people/chief", Ct);

        Assert.Equal(HttpStatusCode.Conflict, demoted.StatusCode);
        Assert.Equal(("last-admin", "'chief' is the last admin who can sign in; make someone with a password admin first"), await ReasonAsync(demoted));
        Assert.Equal(HttpStatusCode.Conflict, removed.StatusCode);

        (await host.PostJsonAsync("/api/access/people", new { userName = "second", password = TestAccess.Password, roles = new[] { "admin" } })).EnsureSuccessStatusCode();
        using var then = await host.Client.DeleteAsync("/api/access/people/chief", Ct);
        Assert.True(then.IsSuccessStatusCode, $"removing chief answered {(int)then.StatusCode}");
    }

    private static async Task<(string?, string?)> ReasonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString());
    }
}

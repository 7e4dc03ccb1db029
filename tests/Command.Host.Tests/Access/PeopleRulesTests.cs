using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>Access is never left without an admin who can sign in, and no two people read as one.</summary>
public sealed class PeopleRulesTests(CommandHost host) : IClassFixture<CommandHost>
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

    [Fact]
    public async Task A_name_that_differs_from_someone_elses_only_in_case_is_refused()
    {
        (await host.PostJsonAsync("/api/access/people", new { userName = "Sgt Ruiz", password = TestAccess.Password, roles = new[] { "observer" } })).EnsureSuccessStatusCode();

        using var again = await host.PostJsonAsync("/api/access/people", new { userName = "sgt ruiz", password = TestAccess.Password, roles = new[] { "commander" } });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(("person-exists", "someone is already called 'Sgt Ruiz', which reads as the same person as 'sgt ruiz'"), await ReasonAsync(again));
    }

    [Theory]
    [InlineData("          ", "a password of spaces alone is no password")]
    [InlineData("tab\there and long", "a password holds no control characters (a line break, a tab, a NUL), which no sign-in page could type back")]
    [InlineData("nul\0 inside a password", "a password holds no control characters (a line break, a tab, a NUL), which no sign-in page could type back")]
    public async Task A_password_no_one_could_type_back_is_refused(string password, string detail)
    {
        using var added = await host.PostJsonAsync("/api/access/people", new { userName = $"Ofc {Guid.NewGuid():N}"[..20], password, roles = new[] { "observer" } });
        var body = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.Equal(("password", detail), (body.GetProperty("errors")[0].GetProperty("field").GetString(), body.GetProperty("errors")[0].GetProperty("detail").GetString()));
    }

    private static async Task<(string?, string?)> ReasonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString());
    }
}

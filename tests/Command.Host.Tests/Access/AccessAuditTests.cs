using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// Every change of rights is audited saying who made it, what it did, to whom, and what was there before: a token or a
/// device by the name the recording knows it by and what it could do, a person removed with the roles they held.
/// </summary>
public sealed class AccessAuditTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_revoked_token_is_audited_by_its_name_and_roles_once_however_often_it_is_revoked()
    {
        var (_, id) = await host.Access.IssueTokenAsync("cad-bridge", ["observer", "controller"]);

        using var revoked = await host.Client.DeleteAsync($"/api/access/tokens/{id}", Ct);
        using var again = await host.Client.DeleteAsync($"/api/access/tokens/{id}", Ct);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (revoked.StatusCode, again.StatusCode));
        Assert.Equal([$"token:bootstrap revoked token:cad-bridge (observer, controller; id {id})"], Changes("revoked token:cad-bridge"));
    }

    [Fact]
    public async Task A_revoked_device_token_and_identifier_are_audited_with_the_units_they_reported_for()
    {
        var (_, tokenId) = await host.Access.IssueTokenAsync("radio-9", ["device"], ["R9", "R10"]);
        using var issued = await host.PostJsonAsync("/api/access/devices", new { name = "phone-7", unitId = "P7" });
        var deviceId = (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        (await host.Client.DeleteAsync($"/api/access/tokens/{tokenId}", Ct)).EnsureSuccessStatusCode();
        (await host.Client.DeleteAsync($"/api/access/devices/{deviceId}", Ct)).EnsureSuccessStatusCode();

        Assert.Equal([$"token:bootstrap revoked token:radio-9 (device for R9, R10; id {tokenId})"], Changes("revoked token:radio-9"));
        Assert.Equal([$"token:bootstrap revoked device:phone-7 for unit P7 (id {deviceId})"], Changes("revoked device"));
    }

    [Fact]
    public async Task A_person_removed_is_audited_with_the_roles_they_held()
    {
        await host.Access.AddPersonAsync("Sgt Brandt", "evaluator", "commander");

        using var removed = await host.Client.DeleteAsync("/api/access/people/sgt%20brandt", Ct);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(["token:bootstrap removed Sgt Brandt (was commander, evaluator)"], Changes("removed Sgt Brandt"));
    }

    /// <summary>"actor change" of each access change audited so far that begins with <paramref name="start"/>.</summary>
    private List<string> Changes(string start) =>
        [.. HostLog.Lines(host)
            .Select(l => Regex.Match(l.Text, "\"Actor\":\"([^\"]*)\",\"Change\":\"([^\"]*)\""))
            .Where(m => m.Success && m.Groups[2].Value.StartsWith(start, StringComparison.Ordinal))
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}")];
}

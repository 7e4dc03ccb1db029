using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Live;
using Command.Host.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.Host.Tests.Access;

/// <summary>Machine tokens: expiry and revocation (open hub connections included), device tokens bound to their units, and spoofing refused.</summary>
public sealed class TokenTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_revoked_token_is_refused_and_its_open_hub_connection_is_told_why_and_closed()
    {
        var (token, id) = await host.Access.IssueTokenAsync("wall-display", ["observer"]);
        await using var hub = await ConnectAsync(token);
        var told = new TaskCompletionSource<HubClosing>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<HubClosing>(IncidentHub.ClosingMethod, why => told.TrySetResult(why));
        var closed = Closed(hub);

        using var revoke = await host.Client.DeleteAsync($"/api/access/tokens/{id}", Ct);
        await closed.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        using var client = host.ClientWith(token);
        using var after = await client.GetAsync("/api/incidents", Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        // Said before the close, so the page can say why it is signed out.
        Assert.Equal(new HubClosing("credential-refused", "the token was revoked"), await told.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        Assert.Equal((HttpStatusCode.Unauthorized, "the credential was refused: the token was revoked; sign in again, or present a valid bearer token"),
            (after.StatusCode, (await after.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_token_is_not_issued_under_the_name_of_one_live_or_revoked()
    {
        var name = $"tak-bridge-{Guid.NewGuid():N}"[..20];
        var (_, id) = await host.Access.IssueTokenAsync(name, ["commander"]);
        using var live = await host.PostJsonAsync("/api/access/tokens", new { name, roles = new[] { "commander" } });
        (await host.Client.DeleteAsync($"/api/access/tokens/{id}", Ct)).EnsureSuccessStatusCode();

        using var reused = await host.PostJsonAsync("/api/access/tokens", new { name, roles = new[] { "commander" } });
        var (_, renamed) = await host.Access.IssueTokenAsync($"{name}-2", ["commander"]);

        Assert.Equal((HttpStatusCode.Conflict, "token-exists"), (live.StatusCode, (await live.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString()));
        var refusal = await reused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.Conflict, "token-name-used"), (reused.StatusCode, refusal.GetProperty("reason").GetString()));
        Assert.Matches($"^a token called '{name}' was revoked at [0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}} [0-9]{{2}}:[0-9]{{2}} UTC, and what it did is recorded under that name: give the new token another$",
            refusal.GetProperty("detail").GetString());
        Assert.NotEqual(id, renamed);
    }

    [Fact]
    public async Task A_token_is_not_issued_under_a_name_that_reads_as_one_live_or_revoked_in_other_letter_case()
    {
        var name = $"cad-bridge-{Guid.NewGuid():N}"[..20];
        var (_, id) = await host.Access.IssueTokenAsync(name, ["commander"]);
        using var live = await host.PostJsonAsync("/api/access/tokens", new { name = name.ToUpperInvariant(), roles = new[] { "commander" } });
        (await host.Client.DeleteAsync($"/api/access/tokens/{id}", Ct)).EnsureSuccessStatusCode();

        // The record would name both "token:cad-bridge-…" and "token:CAD-BRIDGE-…", which read as one integration.
        using var reused = await host.PostJsonAsync("/api/access/tokens", new { name = name.ToUpperInvariant(), roles = new[] { "commander" } });

        Assert.Equal((HttpStatusCode.Conflict, $"a live token is already called '{name}'"),
            (live.StatusCode, (await live.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()));
        Assert.Equal((HttpStatusCode.Conflict, "token-name-used"), (reused.StatusCode, (await reused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_its_open_hub_connection_is_closed()
    {
        var (token, _) = await host.Access.IssueTokenAsync("cad-feed", ["observer"], expiresInDays: 1);
        using var client = host.ClientWith(token);
        using var before = await client.GetAsync("/api/incidents", Ct);
        await using var hub = await ConnectAsync(token);
        var closed = Closed(hub);

        host.Clock.Advance(TimeSpan.FromDays(1));
        await closed.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        using var after = await client.GetAsync("/api/incidents", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before.StatusCode, after.StatusCode));
        Assert.Contains("the token expired", await after.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_token_reports_for_its_own_units_and_is_refused_for_any_other()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("devices"))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync("/api/incidents/devices/units", new { unitId = "D2", callsign = "Delta 2", role = "contact" })).EnsureSuccessStatusCode();
        var token = await host.Access.TokenForAsync("device", "D1");
        using var device = host.ClientWith(token);

        using var own = await device.PostAsJsonAsync("/api/incidents/devices/reports", new { reports = new[] { TestSite.Report("D1", DateTimeOffset.UtcNow, 0, -50) } }, Ct);
        using var other = await device.PostAsJsonAsync("/api/incidents/devices/reports", new { reports = new[] { TestSite.Report("D2", DateTimeOffset.UtcNow, 0, -50) } }, Ct);
        var refused = (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rejected")[0];
        using var command = await device.GetAsync("/api/incidents", Ct);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(("D2", "unit-not-permitted"), (refused.GetProperty("unitId").GetString(), refused.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, command.StatusCode);
        // Recorded in the incident, but not on D2's row: a device's credential writes nothing against a unit not its own.
        var units = await host.Client.GetFromJsonAsync<JsonElement>("/api/incidents/devices/units", Ct);
        Assert.False(units.EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == "D2").TryGetProperty("refused", out _));
    }

    [Fact]
    public async Task A_device_token_names_a_unit_by_the_id_a_radio_gave_it_and_refuses_one_with_a_hidden_character()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("radio-ids"))).EnsureSuccessStatusCode();
        const string Unit = "urn:tak:mesh/!a1b2c3d4";
        var token = await host.Access.TokenForAsync("device", Unit);
        using var device = host.ClientWith(token);

        using var own = await device.PostAsJsonAsync("/api/incidents/radio-ids/reports", new { reports = new[] { TestSite.Report(Unit, DateTimeOffset.UtcNow, 0, -50) } }, Ct);
        using var hidden = await host.PostJsonAsync("/api/access/tokens", new { name = "hidden-unit", roles = new[] { "device" }, units = new[] { "Adam\u202E12" } });
        var error = (await hidden.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0];

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "units[0]", "invalid-value", "unit id holds an invisible formatting character (U+202E)"),
            (hidden.StatusCode, error.GetProperty("field").GetString(), error.GetProperty("reason").GetString(), error.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_unit_is_not_bound_a_second_time_under_an_id_that_differs_only_in_letter_case()
    {
        var unit = $"ANDROID-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var lower = unit.ToLowerInvariant();
        await host.Access.TokenForAsync("device", unit);

        // Unit ids are matched exactly, as a CoT uid is: bound again as "android-…", a second credential would hold a unit
        // no device reports as, and the first stop holding the one the phone does.
        using var token = await host.PostJsonAsync("/api/access/tokens", new { name = $"phone-{Guid.NewGuid():N}"[..16], roles = new[] { "device" }, units = new[] { lower } });
        using var device = await host.PostJsonAsync("/api/access/devices", new { name = $"phone-{Guid.NewGuid():N}"[..16], unitId = lower });
        using var twice = await host.PostJsonAsync("/api/access/tokens", new { name = $"phone-{Guid.NewGuid():N}"[..16], roles = new[] { "device" }, units = new[] { "P7", "p7" } });

        foreach (var refused in new[] { token, device })
        {
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal((HttpStatusCode.Conflict, "unit-already-bound"), (refused.StatusCode, body.GetProperty("reason").GetString()));
            Assert.Matches($"^unit '{unit}', which differs from '{lower}' only in letter case, is bound to token:device-[0-9a-f]+: ", body.GetProperty("detail").GetString());
        }

        var error = (await twice.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0];
        Assert.Equal((HttpStatusCode.BadRequest, "units[1]", "'p7' differs from 'P7' only in letter case: name the unit once, as its device sends it"),
            (twice.StatusCode, error.GetProperty("field").GetString(), error.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_device_identifier_is_not_issued_under_a_name_a_live_one_has_in_other_letter_case()
    {
        var name = $"Phone-{Guid.NewGuid():N}"[..16];
        (await host.PostJsonAsync("/api/access/devices", new { name, unitId = $"D{Guid.NewGuid():N}"[..10] })).EnsureSuccessStatusCode();

        // The record would name both "device:Phone-…" and "device:phone-…", which read as one phone.
        using var again = await host.PostJsonAsync("/api/access/devices", new { name = name.ToLowerInvariant(), unitId = $"D{Guid.NewGuid():N}"[..10] });

        Assert.Equal((HttpStatusCode.Conflict, $"a live device credential is already called '{name}'"),
            (again.StatusCode, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_unit_bound_to_a_device_takes_positions_from_that_device_only()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("bound"))).EnsureSuccessStatusCode();
        var token = await host.Access.TokenForAsync("device", "B1");

        using var spoof = await host.PostJsonAsync("/api/incidents/bound/reports", new { reports = new[] { TestSite.Report("B1", DateTimeOffset.UtcNow, 0, -50) } });
        var refused = (await spoof.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rejected")[0];
        using var device = host.ClientWith(token);
        using var genuine = await device.PostAsJsonAsync("/api/incidents/bound/reports", new { reports = new[] { TestSite.Report("B1", DateTimeOffset.UtcNow, 0, -50) } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, spoof.StatusCode);
        Assert.Equal("unit-bound-to-device", refused.GetProperty("reason").GetString());
        Assert.StartsWith("unit 'B1' takes positions only from token:device-", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task A_report_stamped_ahead_of_the_clock_is_refused_and_the_units_genuine_reports_still_count()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("spoofed"))).EnsureSuccessStatusCode();
        var now = DateTimeOffset.UtcNow;

        using var spoof = await host.PostJsonAsync("/api/incidents/spoofed/reports", new { reports = new[] { TestSite.Report("S1", now.AddSeconds(29), 0, -50) } });
        using var genuine = await host.PostJsonAsync("/api/incidents/spoofed/reports", new { reports = new[] { TestSite.Report("S1", now, 0, -40) } });
        var refused = (await spoof.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rejected")[0];

        Assert.Equal((HttpStatusCode.BadRequest, "future-fix"), (spoof.StatusCode, refused.GetProperty("reason").GetString()));
        Assert.Equal("fix time is 29 s ahead of the receiving clock (limit 5 s)", refused.GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode.OK, 1), (genuine.StatusCode, (await genuine.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt32()));
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("400")]
    public async Task A_lifetime_past_the_longest_is_refused_by_name(string expiresInDays)
    {
        using var body = new StringContent($$"""{"name": "long-lived", "roles": ["observer"], "expiresInDays": {{expiresInDays}}}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await host.Client.PostAsync("/api/access/tokens", body, Ct);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("expiresInDays", "a token lives more than 0 and at most 366 days"),
            (error.GetProperty("errors")[0].GetProperty("field").GetString(), error.GetProperty("errors")[0].GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"30\"")]
    public async Task A_lifetime_sent_as_text_is_refused_as_no_number(string expiresInDays)
    {
        // JSON has no NaN or infinity: read from text, they reached the lifetime check, and so did any number in quotes.
        using var body = new StringContent($$"""{"name": "long-lived", "roles": ["observer"], "expiresInDays": {{expiresInDays}}}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await host.Client.PostAsync("/api/access/tokens", body, Ct);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("malformed", "'expiresInDays' (at $.expiresInDays) must be a number"),
            (error.GetProperty("reason").GetString(), error.GetProperty("detail").GetString()));
    }

    private Task<HubConnection> ConnectAsync(string token) => host.ConnectHubAsync(token, Ct);

    private static Task Closed(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}

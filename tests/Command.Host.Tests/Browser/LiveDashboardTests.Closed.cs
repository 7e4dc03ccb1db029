using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A closed incident takes nothing more: every page watching it says so, standing, with when, by whom and why, and the
/// commands it would refuse (409 closed) are disabled, each saying why on hover.
/// </summary>
public sealed partial class LiveDashboardTests
{
    private const string ClosedFor = "exercise finished, units released";

    [Fact]
    public async Task A_close_is_said_on_every_page_watching_and_takes_the_commanders_controls_away()
    {
        var scene = await ClosedSceneAsync("closed-live");
        // A name of its own: the class shares one host, where another test changes the roles of the names it signs in.
        await using var commander = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Marsh");
        await using var observer = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Obs Lind", roles: ["observer"]);
        var ack = commander.ActiveFlags.Locator("li[data-subject='P1'] button.ack");
        var role = commander.Row("P1").GetByRole(AriaRole.Combobox, new() { Name = "Role" });
        await Expect(ack).ToBeEnabledAsync();
        await Expect(role).ToBeEnabledAsync();
        await Expect(commander.Page.Locator("[data-drill='start']")).ToBeEnabledAsync();
        await Expect(commander.Page.Locator("#drill-clock")).ToContainTextAsync("Judged on the drill's clock at 4×");
        await Expect(observer.Page.Locator("#threat-phase")).ToHaveTextAsync("ACTIVE");
        commander.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync(ClosedFor);

        await commander.Page.Locator("#close-incident").ClickAsync();
        // The click returns before the page has even sent the close: the page says it once the incident has recorded it.
        await Expect(commander.Page.Locator("#incident-closed")).ToBeVisibleAsync();

        var words = $"Incident closed at {await ClosedAtAsync(scene)} by Cmdr Marsh: {ClosedFor}";
        foreach (var page in new[] { commander, observer })
        {
            await ExpectClosedAsync(page, scene, words);
        }

        await ExpectCommandsRefusedAsync(commander, $"{words} — it takes no more commands");
        // The observer never had an Ack, and is not shown one now, disabled.
        await Expect(observer.ActiveFlags.Locator("li[data-subject='P1']")).ToHaveCountAsync(1);
        await Expect(observer.Page.Locator("button.ack")).ToHaveCountAsync(0);
        Assert.Empty(commander.Errors);
        Assert.Empty(observer.Errors);
    }

    [Fact]
    public async Task A_page_opened_on_a_closed_incident_says_it_is_closed_and_offers_no_commands()
    {
        var scene = await ClosedSceneAsync("closed-join");
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/close", new { reason = ClosedFor })).EnsureSuccessStatusCode();

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Marsh");

        var words = $"Incident closed at {await ClosedAtAsync(scene)} by token:bootstrap: {ClosedFor}";
        await ExpectClosedAsync(dashboard, scene, words);
        await ExpectCommandsRefusedAsync(dashboard, $"{words} — it takes no more commands");
        // Its clock stands at the close: a minute on, the page still shows the instant it closed, not time running on.
        var shown = await dashboard.Page.EvaluateAsync<double>(
            "() => { const real = performance.now; performance.now = () => real.call(performance) + 60000; try { return window.commandPage.picture.now(); } finally { performance.now = real; } }");
        Assert.Equal(await ClosedAtMsAsync(scene), shown);
        await dashboard.ScreenshotAsync("closed.png");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_commander_who_may_not_watch_replays_is_not_shown_a_closed_incidents_last_picture_and_is_told_why()
    {
        var scene = await ClosedSceneAsync("closed-refused");
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/close", new { reason = ClosedFor })).EnsureSuccessStatusCode();

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Only", roles: ["commander"], live: false);

        // A closed incident is a recording, as its timeline is: its picture at the close is not this commander's to see.
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Not shown");
        await Expect(dashboard.Page.Locator("#connection-lost")).ToHaveTextAsync(
            $"Not shown to you: incident '{scene.IncidentId}' was closed at {await ClosedAtAsync(scene)} UTC and is a recording now: Join {scene.IncidentId} needs the "
            + "'watch-replays' right, which admin or controller or evaluator holds; Cmdr Only holds commander.");
        await Expect(dashboard.ActiveFlags).ToHaveTextAsync("");
        await Expect(dashboard.Rows).ToHaveCountAsync(0);
        await Expect(dashboard.Threat()).ToHaveCountAsync(0);
        // Nor is anything offered to command in it, each control saying why.
        foreach (var control in new[] { "#place-threat", "#close-incident" })
        {
            await Expect(dashboard.Page.Locator(control)).ToBeDisabledAsync();
            await Expect(dashboard.Page.Locator(control)).ToHaveAttributeAsync("title", new Regex($"^Not shown to you: incident '{scene.IncidentId}' was closed at "));
        }

        await dashboard.ScreenshotAsync("closed-refused.png");
    }

    [Fact]
    public async Task A_replay_says_the_incident_is_closed_from_its_close_on_and_not_before()
    {
        var scene = await ClosedSceneAsync("closed-replay");
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/close", new { reason = ClosedFor })).EnsureSuccessStatusCode();
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var banner = dashboard.Page.Locator("#incident-closed");
        await Expect(banner).ToBeVisibleAsync();

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(scene.IncidentId);
        // A replay opens at the session's first instant: the incident was open then.
        await Expect(dashboard.Page.Locator("#replay-seek")).ToBeEnabledAsync();
        await dashboard.Page.WaitForFunctionAsync("() => window.commandPage.picture.groupId?.startsWith('replay:') && window.commandPage.picture.sequence >= 0");
        await Expect(banner).ToBeHiddenAsync();
        await Expect(dashboard.Page.Locator("#threat-phase")).Not.ToHaveTextAsync("CLOSED");

        await ReplayDashboardTests.SeekAsync(dashboard, "End");

        await Expect(banner).ToHaveTextAsync($"Incident closed at {await ClosedAtAsync(scene)} by token:bootstrap: {ClosedFor}");
        await Expect(dashboard.Page.Locator("#threat-phase")).ToHaveTextAsync("CLOSED");
        await Expect(dashboard.Threat().Locator(".threat-label")).ToHaveTextAsync("THREAT · ACTIVE AT CLOSE");
        await ReplayDashboardTests.SeekAsync(dashboard, "Home");
        await Expect(banner).ToBeHiddenAsync();
        Assert.Empty(dashboard.Errors);
    }

    // An active threat, a contact unit flagged for holding (its flag can be acknowledged), judged on a drill's clock at 4×.
    private async Task<Scene> ClosedSceneAsync(string prefix)
    {
        var scene = await Scene.HeldPatrolAsync(host, prefix);
        Assert.Equal("alert", (await scene.UnitAsync("P1")).GetProperty("flag").GetString());
        var clock = await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "clock", scenario = "outside", speed = 4 });
        Assert.Equal(System.Net.HttpStatusCode.NoContent, clock.StatusCode);
        return scene;
    }

    // When the recording says the incident was closed, as the page writes a time (UTC).
    private async Task<string> ClosedAtAsync(Scene scene)
    {
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{scene.IncidentId}/timeline", TestContext.Current.CancellationToken);
        var closed = timeline!.Single(m => m.GetProperty("type").GetString() == "incident-closed");
        return closed.GetProperty("time").GetDateTimeOffset().ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private async Task<double> ClosedAtMsAsync(Scene scene)
    {
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{scene.IncidentId}/timeline", TestContext.Current.CancellationToken);
        var closed = timeline!.Single(m => m.GetProperty("type").GetString() == "incident-closed");
        return closed.GetProperty("time").GetDateTimeOffset().ToUnixTimeMilliseconds();
    }

    private static async Task ExpectClosedAsync(Dashboard dashboard, Scene scene, string words)
    {
        await Expect(dashboard.Page.Locator("#incident-closed")).ToHaveTextAsync(words);
        await Expect(dashboard.Page.Locator("#threat-phase")).ToHaveTextAsync("CLOSED");
        await Expect(dashboard.Page.Locator("#threat-phase-label")).ToHaveTextAsync("Incident");
        // Nobody is judged on the drill's clock, or any other, once it is closed.
        await Expect(dashboard.Page.Locator("#drill-clock")).ToBeHiddenAsync();
        // Nor is the threat live on the map: it says the phase it stood in at the close, drawn grey.
        await Expect(dashboard.Threat().Locator(".threat-label")).ToHaveTextAsync("THREAT · ACTIVE AT CLOSE");
        await Expect(dashboard.Threat()).ToHaveClassAsync(new Regex(@"\bclosed\b"));
        // Its flags stand as they were at the close, grey: none is a live alert asking to be acted on.
        await Expect(dashboard.Page.Locator(".at-close")).ToBeVisibleAsync();
        var grey = await dashboard.Page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--stale').trim()");
        var word = dashboard.Row("P1").Locator(".flag-word");
        await Expect(word).ToHaveCSSAsync("background-color", Rgb(grey));
        await Expect(dashboard.ActiveFlags.Locator("li[data-subject='P1'] .flag-word")).ToHaveCSSAsync("background-color", Rgb(grey));
        await dashboard.Page.WaitForFunctionAsync("() => window.commandPage.mapView.units.drawn('P1')?.tag?.endsWith('AT CLOSE')");
        await Expect(dashboard.Page.Locator($"#incident-picker option[value='{scene.IncidentId}']")).ToHaveTextAsync(new Regex(@"\(closed\)$"));
    }

    // "#8b98a6" as a style sheet computes it: "rgb(139, 152, 166)".
    private static string Rgb(string hex) =>
        $"rgb({Convert.ToInt32(hex[1..3], 16)}, {Convert.ToInt32(hex[3..5], 16)}, {Convert.ToInt32(hex[5..7], 16)})";

    private static async Task ExpectCommandsRefusedAsync(Dashboard dashboard, string refusal)
    {
        var page = dashboard.Page;
        var controls = new List<ILocator>
        {
            page.Locator("#place-threat"),
            page.Locator("#close-incident"),
            page.Locator("[data-drill='start']"),
            dashboard.ActiveFlags.Locator("li[data-subject='P1'] button.ack"),
            dashboard.Row("P1").GetByRole(AriaRole.Combobox, new() { Name = "Role" }),
        };
        controls.AddRange(new[] { "reported", "active", "contained", "neutralized" }.Select(phase => page.Locator($".controls [data-phase='{phase}']")));
        foreach (var control in controls)
        {
            await Expect(control).ToBeDisabledAsync();
            await Expect(control).ToHaveAttributeAsync("title", refusal);
        }

        // Ack no longer wears the colour that asks to be pressed.
        await Expect(dashboard.ActiveFlags.Locator("li[data-subject='P1'] button.ack")).ToHaveCSSAsync("background-color", "rgba(0, 0, 0, 0)");
    }
}

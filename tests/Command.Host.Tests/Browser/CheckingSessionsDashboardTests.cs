using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A session the host's listing has not yet read for damage is listed "· checking": the replay and compare pickers list
/// again on their own while one is, keeping what was chosen in them, until the list says what was found. Which session
/// is checking is the test's, set in the host's answer on its way to the page, rather than 64 MiB of recordings; the
/// page's timers run on a clock the test moves.
/// </summary>
public sealed class CheckingSessionsDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    [Fact]
    public async Task The_replay_picker_lists_again_while_a_session_is_checking_and_keeps_the_one_chosen()
    {
        var live = await PatrolReportedAsync("chklive");
        var chosen = await PatrolReportedAsync("chkpick");
        var checking = new Checking(chosen.IncidentId);
        await using var dashboard = await Dashboard.OpenAsync(host, live.IncidentId, prepare: context => Task.WhenAll(context.Clock.InstallAsync(), checking.RouteAsync(context)));
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        var picker = dashboard.Page.Locator("#session-picker");
        var option = picker.Locator($"option[value='{chosen.IncidentId}']");
        await Expect(option).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(" · checking$"));
        await picker.SelectOptionAsync(chosen.IncidentId);

        checking.Done = true;
        await dashboard.Page.Clock.FastForwardAsync("00:05");

        await Expect(option).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("checking"));
        await Expect(picker).ToHaveValueAsync(chosen.IncidentId);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_compare_picker_lists_again_while_a_session_is_checking_and_keeps_those_chosen()
    {
        var live = await PatrolReportedAsync("cmplive");
        var chosen = await PatrolReportedAsync("cmppick");
        var checking = new Checking(chosen.IncidentId);
        await using var dashboard = await Dashboard.OpenAsync(host, live.IncidentId, prepare: context => Task.WhenAll(context.Clock.InstallAsync(), checking.RouteAsync(context)));
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#session-picker")).ToHaveValueAsync(live.IncidentId);
        await dashboard.Page.Locator("#compare-open").ClickAsync();
        var sessions = dashboard.Page.Locator("#compare-sessions");
        var option = sessions.Locator($"option[value='{chosen.IncidentId}']");
        await Expect(option).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(" · checking$"));
        await sessions.SelectOptionAsync([live.IncidentId, chosen.IncidentId]);

        checking.Done = true;
        await dashboard.Page.Clock.FastForwardAsync("00:05");

        await Expect(option).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("checking"));
        await Expect(sessions).ToHaveValuesAsync([live.IncidentId, chosen.IncidentId]);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_session_that_could_not_be_checked_for_damage_says_so_in_the_picker_and_can_be_chosen()
    {
        var live = await PatrolReportedAsync("ncklive");
        var failed = await PatrolReportedAsync("nckpick");
        const string Said = "its recording could not be read for damage (the disk could not be read); it is listed as its manifest indexes it, and read again from 18:00:10 UTC";
        await using var dashboard = await Dashboard.OpenAsync(host, live.IncidentId, prepare: context => context.RouteAsync("**/api/sessions", async route =>
        {
            var response = await route.FetchAsync();
            var sessions = JsonNode.Parse(await response.TextAsync())!.AsArray();
            foreach (var session in sessions.Where(s => s!["incidentId"]!.GetValue<string>() == failed.IncidentId))
            {
                session!["notChecked"] = Said;
            }

            await route.FulfillAsync(new() { Response = response, Body = sessions.ToJsonString() });
        }));
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        var option = dashboard.Page.Locator($"#session-picker option[value='{failed.IncidentId}']");

        // Listed plain, it read as a recording read whole and found sound.
        await Expect(option).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^⚠ not checked for damage · "));
        await Expect(option).ToHaveAttributeAsync("title", Said);
        await Expect(option).ToBeEnabledAsync();
        Assert.Empty(dashboard.Errors);
    }

    private Task<Scene> PatrolReportedAsync(string prefix) => Scene.PatrolReportedAsync(host, prefix);

    // The host's list of sessions with one listed as still being checked, until the test says its check is done.
    private sealed class Checking(string incidentId)
    {
        public volatile bool Done;

        public Task RouteAsync(IBrowserContext context) => context.RouteAsync("**/api/sessions", async route =>
        {
            if (Done)
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync();
            var sessions = JsonNode.Parse(await response.TextAsync())!.AsArray();
            foreach (var session in sessions.Where(s => s!["incidentId"]!.GetValue<string>() == incidentId))
            {
                session!["checking"] = true;
            }

            await route.FulfillAsync(new() { Response = response, Body = sessions.ToJsonString() });
        });
    }
}

using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>A drill the page was told was not playing is asked about again, and shown playing once it plays.</summary>
public sealed class DrillNotPlayingDashboardTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    [Fact]
    public async Task A_drill_said_not_playing_is_shown_playing_once_it_plays_again()
    {
        // Asked as the drill carried on after its host was killed, the page heard "not playing yet" and showed the drill's
        // clock standing still, "· not playing", for as long as it was watched, while the drill played on.
        var site = (await Command.Simulation.Demo.DemoScenario.LoadAsync(TestContext.Current.CancellationToken)).Site;
        var scene = await Scene.OpenAsync(host, "standing", id => Support.DemoSite.Incident(id, site));
        var carrying = new CarryingOn();
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Exercise lead", prepare: context => Task.WhenAll(context.Clock.InstallAsync(), carrying.RouteAsync(context)));
        var drill = dashboard.Page.Locator("#drill-state");
        await Expect(drill).ToHaveTextAsync("no drill");

        await dashboard.Page.Locator("[data-drill='start']").ClickAsync();
        await Expect(drill).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(" · not playing$"));
        await Expect(drill).ToHaveAttributeAsync("title", CarryingOn.Detail);

        // Asked again 3 s on: less than the 6.5 s without a frame after which the page joins again, and asks anyway.
        carrying.Playing = true;
        await dashboard.Page.Clock.FastForwardAsync("00:03");

        await Expect(drill).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^RUNNING · [0-9]+:[0-9]{2}$"));
        await dashboard.Page.Locator("[data-drill='stop']").ClickAsync();
        await Expect(drill).ToHaveAttributeAsync("data-state", "stopped");
        Assert.Empty(dashboard.Errors);
    }

    // Answers the page's questions about the drill as the host answers them while the drill is not playing yet, until told.
    private sealed class CarryingOn
    {
        public const string Detail = "not playing yet: it carries on here from 0:00 of loop 1 once its incident has recorded that it does, waiting on the incident and its storage";

        public volatile bool Playing;

        public Task RouteAsync(IBrowserContext context) => context.RouteAsync("**/api/incidents/*/drill", async route =>
        {
            if (Playing || route.Request.Method != "GET")
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync();
            var status = JsonNode.Parse(await response.TextAsync())!;
            status["detail"] = Detail;
            await route.FulfillAsync(new() { Response = response, Body = status.ToJsonString() });
        });
    }
}

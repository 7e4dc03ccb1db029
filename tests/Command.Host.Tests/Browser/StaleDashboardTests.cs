using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A live incident sends at least a heartbeat every couple of seconds. A page that hears nothing for longer says its
/// picture is stale instead of "Live", and is live again, from a whole picture, as soon as it hears from the incident:
/// the one its probe of the silent incident brought, not another asked for when it is heard from.
/// </summary>
public sealed class StaleDashboardTests(StaleDashboardTests.SilentHost host) : IClassFixture<StaleDashboardTests.SilentHost>
{
    [Fact]
    public async Task A_page_that_hears_nothing_says_its_picture_is_stale_and_is_live_again_when_it_does()
    {
        var scene = await Scene.OpenAsync(host, "stale");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");

        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Stale");
        await Expect(dashboard.Page.Locator("#connection-lost")).ToContainTextAsync($"No word from the incident (no word from {scene.IncidentId} for over 6 s)");

        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(dashboard.Page.Locator("#connection-lost")).ToBeHiddenAsync();
        await Expect(dashboard.Page.Locator("#board-body [data-unit='P1']")).ToHaveCountAsync(1);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_stale_page_heard_from_again_goes_on_from_the_picture_its_probe_brought_without_asking_again()
    {
        var scene = await Scene.OpenAsync(host, "probed");
        var link = new HubLink();
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: link.AttachAsync);
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");

        // Stale, it asks the incident why, and is answered with the whole picture: still stale, as nothing is heard.
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Stale");
        await link.SnapshotsReceivedAsync(2).WaitAsync(TestContext.Current.CancellationToken);
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Stale");

        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(dashboard.Page.Locator("#board-body [data-unit='P1']")).ToHaveCountAsync(1);
        Assert.Equal((2, 2), (link.JoinsAsked, link.SnapshotsReceived));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_stale_page_heard_from_before_its_probe_is_answered_catches_up_from_that_answer()
    {
        var scene = await Scene.OpenAsync(host, "overtaken");
        var link = new HubLink();
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: link.AttachAsync);
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await link.SnapshotsReceivedAsync(1).WaitAsync(TestContext.Current.CancellationToken);
        link.HoldAnswers();

        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Stale");
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Catching up…");

        link.ReleaseAnswers();
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(dashboard.Page.Locator("#board-body [data-unit='P1']")).ToHaveCountAsync(1);
        Assert.Equal((2, 2), (link.JoinsAsked, link.SnapshotsReceived));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_stale_page_heard_from_whose_probe_is_never_answered_asks_again()
    {
        var scene = await Scene.OpenAsync(host, "unprobed");
        var link = new HubLink();
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: link.AttachAsync);
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await link.SnapshotsReceivedAsync(1).WaitAsync(TestContext.Current.CancellationToken);
        link.LoseAnswers();

        // Asked as the link went, the probe's answer is lost; frames come through again, but it never will.
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Stale");
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Catching up…");
        link.PassAnswers();

        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(dashboard.Page.Locator("#board-body [data-unit='P1']")).ToHaveCountAsync(1);
        Assert.Equal((3, 2), (link.JoinsAsked, link.SnapshotsReceived));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_page_whose_browser_lost_its_network_says_so_rather_than_blaming_the_incidents_host()
    {
        var scene = await Scene.OpenAsync(host, "offline");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");

        // Offline once the page has the incident's picture (its clock): the join's answer is not what goes missing here.
        await Expect(dashboard.Page.Locator("#clock")).Not.ToContainTextAsync("--:--:--");
        await dashboard.Page.Context.SetOfflineAsync(true);

        await Expect(dashboard.Page.Locator("#connection-lost")).ToContainTextAsync("This browser has lost its network: no word from the incident");
        await dashboard.Page.Context.SetOfflineAsync(false);
    }

    [Fact]
    public async Task A_page_whose_join_is_never_answered_says_it_hears_nothing_rather_than_showing_an_empty_picture_as_live()
    {
        var scene = await Scene.OpenAsync(host, "unanswered");
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: UnansweredJoinAsync, live: false);

        // Loading, and then, heard from no more than that, stale: never an empty picture under "Live".
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Stale");
        await Expect(dashboard.Page.Locator("#connection-lost")).ToContainTextAsync($"No word from the incident (no word from {scene.IncidentId} for over 6 s)");
        await Expect(dashboard.Page.Locator("#board-body [data-unit='P1']")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Carries the hub's messages both ways but drops every answer the host gives to an invocation (the join's
    /// snapshot among them), as a link lost just as the page joined would.
    /// </summary>
    private static Task UnansweredJoinAsync(IBrowserContext context) =>
        context.RouteWebSocketAsync("**/hubs/incidents**", page =>
        {
            var server = page.ConnectToServer();
            server.OnMessage(frame =>
            {
                var kept = (frame.Text ?? "").Split('\u001e').Where(m => m.Length > 0 && !m.Contains("\"type\":3", StringComparison.Ordinal));
                var text = string.Concat(kept.Select(m => m + '\u001e'));
                if (text.Length > 0)
                {
                    page.Send(text);
                }
            });
        });

    /// <summary>A host whose incidents send no heartbeat for an hour: only changes make frames.</summary>
    public sealed class SilentHost() : DashboardHost(new Dictionary<string, string?> { ["Frames:Heartbeat"] = "01:00:00" }, _ => { });
}

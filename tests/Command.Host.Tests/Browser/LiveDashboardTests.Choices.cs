using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A choice made before the host answered the last one, on a slow network: the page ends showing what was chosen last,
/// and leaves nothing joined on the host for nobody. The host's answers are held until the second choice is made.
/// </summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task Going_back_to_live_before_the_host_let_go_of_the_incident_for_replay_shows_it_named_with_its_flags()
    {
        // Replay mode first leaves the live incident. The dispatcher went back to Live before the host answered that: the
        // answer, come last, blanked the header and set the page's picture to nothing, so its feed of earlier flags stayed empty.
        var scene = await Scene.HeldPatrolAsync(host, "back-live");
        var link = new HubLink();
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: link.AttachAsync);
        await Expect(dashboard.Feed.Locator("li[data-type='flag-raised'][data-subject='P1']")).ToHaveCountAsync(1);
        link.HoldAnswers();

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#replay-badge")).ToBeVisibleAsync();
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Live", Exact = true }).ClickAsync();
        // Named once its site is in, just before the page asks to join it again.
        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {scene.IncidentId}");
        link.ReleaseAnswers();

        await WholePictureOfAsync(dashboard, scene.IncidentId);
        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {scene.IncidentId}");
        await Expect(dashboard.Feed.Locator("li[data-type='flag-raised'][data-subject='P1']")).ToHaveCountAsync(1);
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task An_incident_picked_while_the_host_still_lets_go_of_the_last_is_the_only_one_the_page_stays_joined_to()
    {
        // The page leaves the incident shown before it joins the one picked. Picked again before the host answered, the page
        // joined the one passed over after leaving it: the host sent its frames to the page, for nobody, for as long as it was open.
        var first = await Scene.HeldPatrolAsync(host, "pick-a");
        var passed = await Scene.HeldPatrolAsync(host, "pick-b");
        var chosen = await Scene.HeldPatrolAsync(host, "pick-c");
        var link = new HubLink();
        await using var dashboard = await Dashboard.OpenAsync(host, first.IncidentId, prepare: link.AttachAsync);
        await WholePictureOfAsync(dashboard, first.IncidentId);
        link.HoldAnswers();

        var picker = dashboard.Page.Locator("#incident-picker");
        await picker.SelectOptionAsync(passed.IncidentId);
        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {passed.IncidentId}");
        await picker.SelectOptionAsync(chosen.IncidentId);
        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {chosen.IncidentId}");
        link.ReleaseAnswers();

        // The host takes a page's calls in the order made: once the one picked has answered, any join made before it has too.
        await WholePictureOfAsync(dashboard, chosen.IncidentId);
        var fanout = host.Services.GetRequiredService<FrameFanout>();
        Assert.False(fanout.HasClients(passed.IncidentId), "the page stayed joined to the incident passed over");
        Assert.False(fanout.HasClients(first.IncidentId), "the page stayed joined to the incident it left");
        Assert.True(fanout.HasClients(chosen.IncidentId));
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Replay_chosen_while_the_page_still_lists_the_incidents_stays_chosen_once_they_come()
    {
        // The mode buttons are there as soon as the page is: Replay pressed before the list of incidents came was undone
        // as it came, the page taken back to Live (and a replay opened meanwhile closed).
        var scene = await Scene.HeldPatrolAsync(host, "early-replay");
        var listed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, live: false, prepare: context =>
            context.RouteAsync("**/api/incidents", async route =>
            {
                await listed.Task;
                await route.ContinueAsync();
            }));
        var replay = dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true });
        await replay.ClickAsync();
        await Expect(dashboard.Page.Locator("#replay-badge")).ToBeVisibleAsync();

        listed.SetResult();

        // Listed, the incident asked for is picked, for Live; the page stays in replay.
        var picker = dashboard.Page.Locator("#incident-picker");
        await Expect(picker).ToHaveValueAsync(scene.IncidentId);
        await Expect(dashboard.Page.Locator("#replay-badge")).ToBeVisibleAsync();
        await Expect(replay).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Null(await dashboard.Page.EvaluateAsync<string?>("() => window.commandPage.picture.groupId"));
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Live", Exact = true }).ClickAsync();
        await WholePictureOfAsync(dashboard, scene.IncidentId);
        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {scene.IncidentId}");
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_threat_placed_just_before_another_incident_is_picked_is_not_shown_on_that_one()
    {
        // The page shows a threat as the host accepted it, before its frame comes. Picked away from before that answer came,
        // the page drew the threat on the incident picked, which has none, until that incident's next whole picture.
        var picked = await Scene.OpenAsync(host, "placed-b");
        await picked.EnrolAsync("P1", "Patrol 1", "contact");
        await picked.TrackAsync("P1", (0, -60));
        var placed = await Scene.OpenAsync(host, "placed-a");
        await using var dashboard = await Dashboard.OpenAsync(host, placed.IncidentId);
        await WholePictureOfAsync(dashboard, placed.IncidentId);
        var answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pickedAway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await dashboard.Page.RouteAsync($"**/api/incidents/{placed.IncidentId}/threats/**", async route =>
        {
            answering.TrySetResult();
            await pickedAway.Task;
            await route.ContinueAsync();
        });

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Place threat" }).ClickAsync();
        var map = (await dashboard.Page.Locator("#map").BoundingBoxAsync())!;
        await dashboard.Page.Mouse.ClickAsync(map.X + (map.Width / 2), map.Y + (map.Height / 2));
        await answering.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await dashboard.Page.Locator("#incident-picker").SelectOptionAsync(picked.IncidentId);
        await WholePictureOfAsync(dashboard, picked.IncidentId);
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);

        var answered = dashboard.Page.WaitForResponseAsync($"**/api/incidents/{placed.IncidentId}/threats/**");
        pickedAway.SetResult();
        Assert.True((await answered).Ok, "placing the threat was refused");
        // Two turns of the page's event loop: the answer read and what the page does with it.
        await dashboard.Page.EvaluateAsync("() => new Promise(done => setTimeout(() => setTimeout(done)))");

        Assert.Equal(0, await dashboard.Page.EvaluateAsync<int>("() => window.commandPage.picture.threats.size"));
        await Expect(dashboard.Threat()).ToHaveCountAsync(0);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task Going_back_to_live_while_a_replay_picked_to_watch_still_opens_keeps_the_live_incident_named()
    {
        // A replay picked is named, and its site drawn, once its incident's site is in. A controller who went back to Live
        // before that came had the live incident named after the replayed one, and drawn on its site.
        var replayed = await Scene.HeldPatrolAsync(host, "watched-z");
        var opened = await host.PostJsonAsync("/api/replays", new { incidentId = replayed.IncidentId });
        opened.EnsureSuccessStatusCode();
        var live = await Scene.HeldPatrolAsync(host, "live-a");
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var dashboard = await Dashboard.OpenAsync(host, live.IncidentId, actor: "Ctl Park", roles: ["controller"]);
        await dashboard.Page.RouteAsync($"**/api/incidents/{replayed.IncidentId}", async route =>
        {
            asked.TrySetResult();
            await held.Task;
            await route.ContinueAsync();
        });

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = $"Watch Drill {replayed.IncidentId}, opened by token:bootstrap" }).ClickAsync();
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Live", Exact = true }).ClickAsync();
        await WholePictureOfAsync(dashboard, live.IncidentId);
        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {live.IncidentId}");

        var answered = dashboard.Page.WaitForResponseAsync($"**/api/incidents/{replayed.IncidentId}");
        held.SetResult();
        await answered;
        // Two turns of the page's event loop: the answer read and what the page does with it.
        await dashboard.Page.EvaluateAsync("() => new Promise(done => setTimeout(() => setTimeout(done)))");

        await Expect(dashboard.Page.Locator("#incident-name")).ToHaveTextAsync($"Drill {live.IncidentId}");
        Assert.Equal($"Drill {live.IncidentId} — Command", await dashboard.Page.TitleAsync());
        await Expect(dashboard.Page.Locator("#replay-badge")).ToBeHiddenAsync();
        Assert.Empty(dashboard.Errors);
        var replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("replayId").GetString();
        (await host.Client.DeleteAsync($"/api/replays/{replayId}", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_reassignment_undone_just_after_another_incident_is_picked_is_undone_in_its_own_incident()
    {
        // Runs of one scenario share unit ids. The undo offered after a reassignment, pressed just after the commander had
        // picked another incident, reassigned that incident's unit of the same id and left the first's as it was.
        var other = await Scene.OpenAsync(host, "undo-b");
        await other.EnrolAsync("R1", "Rescue 1", "contact");
        var scene = await Scene.OpenAsync(host, "undo-a");
        await scene.EnrolAsync("R1", "Rescue 1", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: context => context.Clock.InstallAsync());
        await Expect(dashboard.Row("R1")).ToHaveAttributeAsync("data-role", "contact");
        // The undo is offered for 10 s of the page's clock, which stands still until it is pressed.
        await dashboard.StopClockAsync();
        await dashboard.Row("R1").GetByRole(AriaRole.Combobox, new() { Name = "Role" }).SelectOptionAsync("Rescue task force");
        var undo = dashboard.Notice.GetByRole(AriaRole.Button, new() { Name = "Undo (back to Contact)" });
        await Expect(undo).ToBeVisibleAsync();

        await dashboard.Page.Locator("#incident-picker").SelectOptionAsync(other.IncidentId);
        var undone = dashboard.Page.WaitForResponseAsync(r => r.Request.Method == "PUT" && r.Url.EndsWith("/units/R1/role", StringComparison.Ordinal));
        await undo.ClickAsync();

        var answer = await undone;
        Assert.Equal($"{host.BaseAddress}api/incidents/{scene.IncidentId}/units/R1/role", answer.Url);
        Assert.True(answer.Ok, $"the undo answered {answer.Status}");
        Assert.Equal("contact", (await scene.UnitAsync("R1")).GetProperty("role").GetString());
        Assert.Equal("contact", (await other.UnitAsync("R1")).GetProperty("role").GetString());
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_site_given_to_the_incident_left_while_the_picked_ones_still_loads_is_not_drawn_for_the_one_picked()
    {
        // A drill's start gives an incident opened with only an origin its scenario's site, and the page draws it from the
        // frame that says so. Picked away from such an incident while the next one's site still loaded, the page drew the
        // site given to the one it was leaving: the map showed another incident's buildings under the one picked.
        var picked = await Scene.OpenAsync(host, "sited-b");
        var left = await Scene.OpenAsync(host, "bare-a", id => new { id, name = $"Drill {id}", autoEnrol = true, site = new { origin = new { lat = Support.TestSite.Origin.Latitude, lon = Support.TestSite.Origin.Longitude } } });
        await using var dashboard = await Dashboard.OpenAsync(host, left.IncidentId);
        await WholePictureOfAsync(dashboard, left.IncidentId);
        var buildings = dashboard.Page.Locator(".building-label");
        await Expect(buildings).ToHaveCountAsync(0);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await dashboard.Page.RouteAsync($"**/api/incidents/{picked.IncidentId}", async route =>
        {
            asked.TrySetResult();
            await held.Task;
            await route.ContinueAsync();
        });
        await dashboard.Page.Locator("#incident-picker").SelectOptionAsync(picked.IncidentId);
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        var annex = new { name = "Annex campus", buildings = new[] { new { id = "annex", name = "North annex", floors = 1, footprint = Support.TestSite.Square(-100, 20) } }, zones = Array.Empty<object>() };
        (await host.Client.PutAsJsonAsync($"/api/incidents/{left.IncidentId}/site", annex, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        // The page heard it: the incident it still watches says so in its feed, told in the same turn as the map.
        await Expect(dashboard.Feed.Locator("li[data-type='site-set']")).ToHaveCountAsync(1);
        Assert.Equal(0, await buildings.CountAsync());
        held.SetResult();
        await WholePictureOfAsync(dashboard, picked.IncidentId);
        await Expect(buildings).ToHaveTextAsync(["Main building · 2 floors"]);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_drill_started_while_the_picked_incidents_site_still_loads_starts_on_the_incident_picked()
    {
        // The drill panel went on to the incident picked only once its site was in. A controller who picked another incident
        // and pressed Start while that site loaded (a slow network) started the drill on the incident left, a live one.
        var picked = await Scene.HeldPatrolAsync(host, "startb");
        var left = await Scene.OpenAsync(host, "starta");
        await using var dashboard = await Dashboard.OpenAsync(host, left.IncidentId);
        await WholePictureOfAsync(dashboard, left.IncidentId);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await dashboard.Page.RouteAsync($"**/api/incidents/{picked.IncidentId}", async route =>
        {
            asked.TrySetResult();
            await held.Task;
            await route.ContinueAsync();
        });
        await dashboard.Page.Locator("#incident-picker").SelectOptionAsync(picked.IncidentId);
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        // Where the start goes is what is asked here: the host is not bothered with it.
        var sent = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await dashboard.Page.RouteAsync("**/api/incidents/*/drill", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            sent.TrySetResult(route.Request.Url);
            await route.FulfillAsync(new() { Status = 204 });
        });

        await dashboard.Page.Locator("[data-drill='start']").ClickAsync();

        Assert.Equal($"{host.BaseAddress}api/incidents/{picked.IncidentId}/drill", await sent.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
        held.SetResult();
        await WholePictureOfAsync(dashboard, picked.IncidentId);
        Assert.Empty(dashboard.Errors);
    }

    // Until the page holds the whole picture of the incident it watches.
    private static Task WholePictureOfAsync(Dashboard dashboard, string incidentId) =>
        dashboard.Page.WaitForFunctionAsync("id => { const p = window.commandPage.picture; return p.groupId === id && p.snapshotSequence >= 0; }", incidentId);
}

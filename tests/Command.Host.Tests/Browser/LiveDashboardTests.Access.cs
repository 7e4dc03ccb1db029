using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>What the page offers depends on who signed in: an observer watches and finds no command to give.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task An_observer_sees_the_picture_and_its_flags_but_no_command_controls()
    {
        var scene = await Scene.HeldPatrolAsync(host, "observed");

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Observer Kim", roles: ["observer"]);

        await Expect(dashboard.Page.Locator("#signed-in-name")).ToHaveTextAsync("Observer Kim");
        await Expect(dashboard.ActiveFlags.Locator("li")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("section.controls")).ToBeHiddenAsync();
        await Expect(dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Place threat" })).ToBeHiddenAsync();
        await Expect(dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Replay", Exact = true })).ToBeHiddenAsync();
        await Expect(dashboard.ActiveFlags.Locator("button.ack")).ToHaveCountAsync(0);
        await Expect(dashboard.Row("P1")).ToBeVisibleAsync();
        await Expect(dashboard.Page.Locator("#board-body select:enabled")).ToHaveCountAsync(0);
        // Its role reads as a word, with no box or arrow that would offer a choice.
        var role = dashboard.Row("P1").Locator(".role select");
        Assert.Equal(["none", "rgba(0, 0, 0, 0)"], await role.EvaluateAsync<string[]>("s => [getComputedStyle(s).appearance, getComputedStyle(s).borderTopColor]"));
        // Nothing the page asked for was refused: it asks only for what an observer may see.
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_person_whose_roles_change_is_sent_to_sign_in_again_and_told_why()
    {
        var scene = await Scene.OpenAsync(host, "demoted");
        // The page has loaded what it shows (the flags recorded so far) before the change: a call in flight at that moment
        // is refused, rightly, and would say so in the console.
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Vance", prepare: context =>
        {
            context.Response += (_, response) =>
            {
                if (response.Url.EndsWith($"/api/sessions/{scene.IncidentId}/timeline", StringComparison.Ordinal)) loaded.TrySetResult();
            };
            return Task.CompletedTask;
        });
        await loaded.Task.WaitAsync(TestContext.Current.CancellationToken);

        // An admin makes the commander an observer: the person's sessions end, on every host.
        using var demoted = await host.Client.PutAsJsonAsync("/api/access/people/Cmdr%20Vance/roles", new { roles = new[] { "observer" } }, TestContext.Current.CancellationToken);

        // Not "Connection lost" and a wait for a reconnection that cannot be: the host said why it closed the connection.
        await Expect(dashboard.Page).ToHaveURLAsync($"{host.BaseAddress}sign-in/?return={Uri.EscapeDataString($"/?incident={scene.IncidentId}")}");
        await Expect(dashboard.Page.Locator("#problem")).ToHaveTextAsync("You were signed out: 'Cmdr Vance' had their roles or password changed. Sign in again.");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, demoted.StatusCode);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_call_refused_for_a_session_that_no_longer_stands_sends_the_person_to_sign_in_again_told_why()
    {
        var scene = await Scene.OpenAsync(host, "reset");
        var link = new HubLink();
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Hale", prepare: link.AttachAsync);
        // Cut off from the hub, the page is not told when the session ends: the next call it makes is refused.
        await link.CutAsync();
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Reconnecting…");
        using var reset = await host.Client.PutAsJsonAsync("/api/access/people/Cmdr%20Hale/password", new { password = "another long password" }, TestContext.Current.CancellationToken);

        await dashboard.Page.EvaluateAsync("() => import('/js/api.js').then(api => api.get('/api/incidents')).catch(() => null)");

        await Expect(dashboard.Page).ToHaveURLAsync($"{host.BaseAddress}sign-in/?return={Uri.EscapeDataString($"/?incident={scene.IncidentId}")}");
        await Expect(dashboard.Page.Locator("#problem")).ToHaveTextAsync("You were signed out: 'Cmdr Hale' had their roles or password changed. Sign in again.");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, reset.StatusCode);
    }

    [Fact]
    public async Task A_page_whose_session_ended_while_it_was_cut_off_is_sent_to_sign_in_told_why_when_it_reconnects()
    {
        var scene = await Scene.OpenAsync(host, "reconnect-reset");
        var link = new HubLink();
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Cmdr Ross", prepare: link.AttachAsync);
        await link.CutAsync();
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Reconnecting…");
        using var reset = await host.Client.PutAsJsonAsync("/api/access/people/Cmdr%20Ross/password", new { password = "another long password" }, TestContext.Current.CancellationToken);

        // The hub's refusal of the reconnection is a bare 401: not "Reconnecting…" for ever, but a sign-in, and why.
        link.Restore();

        await Expect(dashboard.Page).ToHaveURLAsync($"{host.BaseAddress}sign-in/?return={Uri.EscapeDataString($"/?incident={scene.IncidentId}")}", new() { Timeout = 30_000 });
        await Expect(dashboard.Page.Locator("#problem")).ToHaveTextAsync("You were signed out: 'Cmdr Ross' had their roles or password changed. Sign in again.");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, reset.StatusCode);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A session whose recording is damaged past what its manifest indexes, as the after-action team meets it in the page:
/// the picker marks it, and its replay says, as it opens, where the damage is and that it plays only up to there, so its
/// end is not taken for the drill's.
/// </summary>
public sealed class DamagedReplayDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_damaged_session_is_marked_in_the_picker_and_its_replay_says_where_it_is_damaged_as_it_opens()
    {
        var scene = await Scene.OpenAsync(host, "whole");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, -60);
        host.Clock.Advance(TimeSpan.FromSeconds(3));
        await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, -55);
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        var torn = await TornCopyAsync(scene.IncidentId);
        var sessions = await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions", Ct);
        var said = sessions.EnumerateArray().Single(s => s.GetProperty("incidentId").GetString() == torn).GetProperty("damaged").GetString()!;
        Assert.StartsWith($"the recording of '{torn}' is read up to the line at byte ", said, StringComparison.Ordinal);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        var option = dashboard.Page.Locator($"#session-picker option[value='{torn}']");
        await Expect(option).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^⚠ damaged, read to its end shown · "));
        await Expect(option).ToHaveAttributeAsync("title", said);
        await Expect(option).ToBeEnabledAsync();
        await dashboard.Page.Locator("#session-picker").SelectOptionAsync(torn);
        await dashboard.Page.Locator("#replay-open").ClickAsync();

        await Expect(dashboard.Notice).ToBeVisibleAsync();
        await Expect(dashboard.Notice.Locator(".said")).ToHaveTextAsync(said);
        await Expect(dashboard.Page.Locator("#replay-seek")).ToBeEnabledAsync();
        await dashboard.ScreenshotAsync("replay-damaged.png");
        // Its timeline ends with a mark saying the same, where the replay ends.
        await Expect(dashboard.Page.Locator("#timeline-marks .mark.recording-damaged")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex($"recording damaged: {System.Text.RegularExpressions.Regex.Escape(said)}$"));
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task The_replays_damaged_notice_stands_until_its_reader_dismisses_it()
    {
        var scene = await Scene.OpenAsync(host, "standing");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, -60);
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        var torn = await TornCopyAsync(scene.IncidentId);
        // The page's timers on a clock the test moves: the notice's are seconds, not waited for.
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, prepare: context => context.Clock.InstallAsync());
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await dashboard.Page.Locator("#session-picker").SelectOptionAsync(torn);
        await dashboard.Page.Locator("#replay-open").ClickAsync();
        await Expect(dashboard.Notice.Locator(".said")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^the recording of '{torn}' is read up to "));

        // Hidden 12 s after it showed, it was missed by a reader who looked away, and the recording's end read as the drill's.
        await dashboard.Page.Clock.FastForwardAsync("00:20");
        await Expect(dashboard.Notice).ToBeVisibleAsync();

        // A passing notice shows over it for its few seconds, and it is back after.
        await dashboard.Page.EvaluateAsync("() => import('/js/notice.js').then(n => n.showNotice('passing', 'info'))");
        await Expect(dashboard.Notice).ToHaveTextAsync("passing");
        await dashboard.Page.Clock.FastForwardAsync("00:06");
        await Expect(dashboard.Notice.Locator(".said")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^the recording of '{torn}' is read up to "));

        await dashboard.Notice.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Expect(dashboard.Notice).ToBeHiddenAsync();
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_damaged_run_compared_on_the_page_says_so_first_as_its_exported_comparison_does()
    {
        // The dialog said a run still open, but not a damaged one: its contacts missing and its times short read as a slower
        // team's, where its CSV and HTML said it stops early.
        var scene = await Scene.OpenAsync(host, "compared");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, -60);
        host.Clock.Advance(TimeSpan.FromSeconds(3));
        await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, -55);
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        var torn = await TornCopyAsync(scene.IncidentId);
        var sessions = await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions", Ct);
        var said = sessions.EnumerateArray().Single(s => s.GetProperty("incidentId").GetString() == torn).GetProperty("damaged").GetString()!;
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var page = dashboard.Page;
        await Expect(dashboard.Row("P1")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Expect(page.Locator("#replay-seek")).ToBeEnabledAsync();

        // The page shows the comparison's cautions in the words the server sends: changed on their way, the page shows the
        // change. It wrote its own copies of them, which had to be kept in step with the exports' by hand.
        await page.RouteAsync("**/api/compare?**", async route =>
        {
            if (!route.Request.Url.Contains("format=json", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync();
            var body = (await response.TextAsync())
                .Replace("figures below cover", "figures below, as sent, cover", StringComparison.Ordinal)
                .Replace("\"roundsCompared\":[]", "\"roundsCompared\":[\"torn holds 2 rounds; round 1 compared, as sent\"]", StringComparison.Ordinal);
            await route.FulfillAsync(new() { Response = response, Body = body });
        });
        await page.Locator("#compare-open").ClickAsync();
        await Expect(page.Locator($"#compare-sessions option[value='{torn}']")).ToBeEnabledAsync();
        await page.Locator("#compare-sessions").SelectOptionAsync([scene.IncidentId, torn]);
        await page.Locator("#compare-map").FillAsync("Patrol 1=first officer");
        await page.Locator("#compare-run").ClickAsync();

        var result = page.Locator("#compare-result");
        await Expect(result.Locator("table")).ToHaveCountAsync(2);
        await Expect(result.Locator("p.damaged")).ToHaveTextAsync([$"Damaged recording: Run 2: {said}. Run 2's figures below, as sent, cover its recording up to there."]);
        await Expect(result.Locator("p.rounds")).ToHaveTextAsync(["torn holds 2 rounds; round 1 compared, as sent"]);
        // In the words of the comparison exported, which the server sends the page.
        var query = $"/api/compare?sessions={scene.IncidentId},{torn}&map={Uri.EscapeDataString("Patrol 1=first officer")}";
        var csv = await host.Client.GetStringAsync($"{query}&format=csv", Ct);
        Assert.Contains(said, csv, StringComparison.Ordinal);
        var caution = Assert.Single((await host.Client.GetFromJsonAsync<JsonElement>($"{query}&format=json", Ct)).GetProperty("cautions").EnumerateArray());
        Assert.Equal(
            (2, "damaged", "Damaged recording", $"Run 2: {said}. Run 2's figures below cover its recording up to there."),
            (caution.GetProperty("run").GetInt32(), caution.GetProperty("kind").GetString(), caution.GetProperty("label").GetString(), caution.GetProperty("said").GetString()));
        Assert.Empty(dashboard.Errors);
    }

    // A copy of the session under another id, a damaged line and a good one written past what its manifest indexes (a
    // bad sector in the last seconds of a copy); answers the copy's id.
    private async Task<string> TornCopyAsync(string incidentId)
    {
        var torn = $"torn-{Guid.NewGuid():N}"[..20];
        var sessions = Path.Combine(host.DataPath, "sessions");
        var from = Path.Combine(sessions, incidentId);
        var to = Directory.CreateDirectory(Path.Combine(sessions, torn)).FullName;
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        var manifest = Path.Combine(to, "manifest.json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest, Ct)).Replace($"\"{incidentId}\"", $"\"{torn}\"", StringComparison.Ordinal), Ct);
        var segment = Directory.GetFiles(to, "segment-*.jsonl").Single();
        var lines = await File.ReadAllLinesAsync(segment, Ct);
        await File.AppendAllTextAsync(segment, "{\"type\":\"position-acc#####\n" + lines[^1] + "\n", Ct);
        return torn;
    }
}

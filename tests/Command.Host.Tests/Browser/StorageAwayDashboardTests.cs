using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// While the cluster's storage does not answer, an incident that must read or record cannot be brought up on any host.
/// A command is answered 503 with Retry-After saying so, not an empty 500; a page that hears nothing says why, not that
/// the incident may have moved to another host; and both carry on by themselves once storage answers.
/// </summary>
public sealed class StorageAwayDashboardTests(StorageAwayDashboardTests.AwayHost host) : IClassFixture<StorageAwayDashboardTests.AwayHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_storage_does_not_answer_a_command_is_refused_503_saying_so_and_a_silent_page_says_why()
    {
        var scene = await Scene.OpenAsync(host, "away");
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(dashboard.Page.Locator("#board-body [data-unit='P1']")).ToHaveCountAsync(1);

        host.Storage.Away(scene.IncidentId);
        using var refused = await host.Client.PutAsJsonAsync($"/api/incidents/{scene.IncidentId}/units/P1/role", new { role = "perimeter" }, Ct);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(("unavailable", "the incident's storage did not answer (Connection refused (127.0.0.1:10000)): nothing was done; send it again once it answers"),
            (body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString()));
        await Expect(dashboard.Page.Locator("#connection-lost")).ToContainTextAsync(
            "The incident cannot be shown now: the incident's storage did not answer (Connection refused (127.0.0.1:10000)): nothing was done; send it again once it answers. Trying again by itself.");

        // Storage answers again: the page is live by itself, and the command goes through when sent again.
        host.Storage.Back();
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(dashboard.Page.Locator("#connection-lost")).ToBeHiddenAsync();
        using var again = await host.Client.PutAsJsonAsync($"/api/incidents/{scene.IncidentId}/units/P1/role", new { role = "perimeter" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);

        // Once it has recorded again for a few seconds, the incident is told of the hole in its record, and the feed says it.
        var local = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint;
        var hole = dashboard.Feed.Locator("li[data-type='recording-interrupted']");
        await Expect(hole).ToContainTextAsync("⚠ NOT RECORDED", new() { Timeout = 30_000 });
        var said = $"the incident could not record: 1 command handed to it by host {local} was refused and is not in the record (the incident's storage did not answer (Connection refused (127.0.0.1:10000)))";
        await Expect(hole).ToContainTextAsync(said);
        var live = await hole.TextContentAsync() ?? "";

        // A replay reads it back from the recording as the live feed showed it.
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await ReplayDashboardTests.SeekAsync(dashboard, "End");
        await Expect(dashboard.Feed.Locator("li[data-type='recording-interrupted']")).ToHaveTextAsync(live);
        Assert.Empty(dashboard.Errors);
    }

    /// <summary>A host whose incidents send no heartbeat (a page hears nothing once calls to them fail), and whose storage a test can take away.</summary>
    public sealed class AwayHost : DashboardHost
    {
        public AwayHost()
            : this(new StorageAway())
        {
        }

        private AwayHost(StorageAway storage)
            : base(new Dictionary<string, string?> { ["Frames:Heartbeat"] = "01:00:00" }, services => services.AddSingleton<IIncomingGrainCallFilter>(storage)) =>
            Storage = storage;

        public StorageAway Storage { get; }
    }
}

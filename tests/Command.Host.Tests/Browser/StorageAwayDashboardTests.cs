using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Grains.Incidents;
using Microsoft.Extensions.DependencyInjection;
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
    }

    /// <summary>
    /// Fails every call to an incident whose storage is away as Azure Storage fails when nothing answers at its address:
    /// what a caller sees of an incident that cannot read or record its state.
    /// </summary>
    public sealed class StorageAway : IIncomingGrainCallFilter
    {
        private volatile string? away;

        public void Away(string incidentId) => away = incidentId;

        public void Back() => away = null;

        public Task Invoke(IIncomingGrainCallContext context) =>
            away is { } incident && context.TargetContext.GrainId.Key.ToString() == incident && context.Grain is IIncidentGrain
                ? throw new Azure.RequestFailedException("Connection refused (127.0.0.1:10000)")
                : context.Invoke();
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

using Command.Grains;
using Command.Grains.Incidents;
using Command.Host.Drills;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Core.Internal;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A page left open while the incident and its drill move to another host (its own died) shows, without a reload, what
/// a page opened afterwards shows: the drill carried on, and its state and clock as the drill now has them.
/// </summary>
public sealed class FailoverDashboardTests(FailoverDashboardTests.MovingHost host) : IClassFixture<FailoverDashboardTests.MovingHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_open_page_shows_the_drill_carried_on_and_its_clock_once_its_host_hears_the_incident_again()
    {
        var site = (await Command.Simulation.Demo.DemoScenario.LoadAsync(Ct)).Site;
        var scene = await Scene.OpenAsync(host, "carry", id => Support.DemoSite.Incident(id, site));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, actor: "Exercise lead");
        var drill = dashboard.Page.Locator("#drill-state");
        await Expect(dashboard.Page.Locator("#drill-scenario")).ToHaveValueAsync("demo");
        await dashboard.Page.Locator("[data-drill='start']").ClickAsync();
        await Expect(drill).ToHaveAttributeAsync("data-state", "running");

        // Three minutes of the drill play on the incidents' clock; the page runs its own from the start it was told of.
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        await host.Services.GetRequiredService<DrillDirector>().CatchUpAsync(scene.IncidentId);

        // The incident and the drill leave their silo. The drill is carried on from its saved clock (as another host's
        // keeper does) and a controller pauses it, both recorded before this page's host hears the incident again.
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IIncidentGrain>(scene.IncidentId).Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        await grains.GetGrain<IDrillGrain>(scene.IncidentId).Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        await grains.GetGrain<IDrillGrain>(scene.IncidentId).KeepRunning();
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "pause" })).EnsureSuccessStatusCode();

        var controls = dashboard.Feed.Locator("li[data-type='drill-controlled']");
        await Expect(controls).ToHaveCountAsync(3);
        await Expect(controls.Nth(0)).ToContainTextAsync("PAUSEdemo: its clock stopped, no hold grows — token:bootstrap");
        await Expect(controls.Nth(1)).ToContainTextAsync("CARRY-ONdemo — drill (carried on at 3:00 of loop 1 after its host stopped)");
        await Expect(controls.Nth(2)).ToContainTextAsync("STARTdemo — Exercise lead");
        await Expect(drill).ToHaveTextAsync("PAUSED · 3:00");
        await Expect(dashboard.Page.Locator("#drill-clock")).ToContainTextAsync("drill demo paused by token:bootstrap");
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        Assert.Empty(dashboard.Errors);

        // A page opened now shows the same.
        await using var later = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(later.Feed.Locator("li[data-type='drill-controlled']")).ToHaveCountAsync(3);
        await Expect(later.Page.Locator("#drill-state")).ToHaveTextAsync("PAUSED · 3:00");
    }

    /// <summary>
    /// The dashboard's host with the incidents' clock under the test's control, and a heartbeat every second: a host
    /// that no longer hears an incident subscribes to it again in a few seconds, long before its pages would call their
    /// picture stale and join again by themselves.
    /// </summary>
    public sealed class MovingHost : DashboardHost
    {
        public MovingHost() : this(new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero)))
        {
        }

        private MovingHost(FakeTimeProvider clock)
            : base(
                new Dictionary<string, string?> { ["Incidents:TickInterval"] = "01:00:00", ["Frames:Heartbeat"] = "00:00:01" },
                s => s.AddKeyedSingleton<TimeProvider>(IncidentClock.Key, clock)) =>
            Clock = clock;

        public FakeTimeProvider Clock { get; }
    }
}

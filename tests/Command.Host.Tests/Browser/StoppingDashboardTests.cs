using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A page whose host begins to stop (Ctrl+C, or its service told to stop) says so at once and reaches for a host that
/// will keep it, not the one stopping, which would take it back and leave it "Live" with nothing arriving until the end
/// of its shutdown. Its own host, since nothing can be done on it after it stops; one whose shutdown waits for the test,
/// as a host handing its incidents on does, so the page's next try is seen turned away however fast it comes.
/// </summary>
public sealed class StoppingDashboardTests(StoppingDashboardHost host) : IClassFixture<StoppingDashboardHost>
{
    [Fact]
    public async Task A_page_whose_host_begins_to_stop_says_it_is_reconnecting_at_once_and_is_not_taken_back_by_that_host()
    {
        var scene = await Scene.OpenAsync(host, "stopping");
        await scene.ThreatAsync(0, 100);
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var refused = dashboard.Page.WaitForResponseAsync(r => r.Url.Contains("/hubs/incidents/negotiate", StringComparison.Ordinal) && r.Status == 503);

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        try
        {
            await Expect(dashboard.ConnectionText).ToHaveTextAsync("Reconnecting…");
            await Expect(dashboard.Page.Locator("#connection-lost")).ToContainTextAsync("by itself");
            // The page tries again; the stopping host turns it away rather than take it back.
            await refused;
            await Expect(dashboard.ConnectionText).ToHaveTextAsync("Reconnecting…");
            Assert.All(dashboard.Errors, e => Assert.Contains("503 (Service Unavailable)", e, StringComparison.Ordinal));
        }
        finally
        {
            host.Shutdown.LetGo();
        }
    }
}

/// <summary>A dashboard host whose shutdown, once begun, waits for <see cref="HeldShutdown.LetGo"/> before its server stops.</summary>
public sealed class StoppingDashboardHost : DashboardHost
{
    public StoppingDashboardHost()
        : this(new HeldShutdown())
    {
    }

    // Added after the host's own services, it is stopped before them: the server still answers while it waits.
    private StoppingDashboardHost(HeldShutdown shutdown)
        : base(new Dictionary<string, string?>(), services => services.AddSingleton<IHostedService>(shutdown)) => Shutdown = shutdown;

    public HeldShutdown Shutdown { get; }
}

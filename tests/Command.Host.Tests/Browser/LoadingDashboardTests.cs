using Command.Grains.Incidents;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// Until an incident's picture comes, the page says it is loading: an incident whose storage is away takes its host
/// 20 s to give up on, and meanwhile the page showed "NO THREAT", "No flags up" and an empty board under a green "Live".
/// </summary>
public sealed class LoadingDashboardTests(LoadingDashboardTests.GatedHost host) : IClassFixture<LoadingDashboardTests.GatedHost>
{
    [Fact]
    public async Task Until_an_incidents_picture_comes_the_page_says_it_is_loading_not_an_empty_incident_under_live()
    {
        var scene = await Scene.OpenAsync(host, "loading");
        host.Gate.Hold(scene.IncidentId);

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId, live: false);
        await host.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Loading…");
        await Expect(dashboard.Page.Locator("#threat-phase")).ToHaveTextAsync("—");
        await Expect(dashboard.Page.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("incident-loading"));

        host.Gate.Release();
        await Expect(dashboard.ConnectionText).ToHaveTextAsync("Live");
        await Expect(dashboard.Page.Locator("#threat-phase")).ToHaveTextAsync("NO THREAT");
        await Expect(dashboard.Page.Locator("body")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("incident-loading"));
        Assert.Empty(dashboard.Errors);
    }

    /// <summary>Holds the first whole picture of an incident a page joins for until the test lets it go.</summary>
    public sealed class JoinGate : IIncomingGrainCallFilter
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile string? held;

        public Task Entered => entered.Task;

        public void Hold(string incidentId) => held = incidentId;

        public void Release() => released.TrySetResult();

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (held is { } incident && context.Grain is IIncidentGrain && context.TargetId.Key.ToString() == incident && context.ImplementationMethod.Name == nameof(IIncidentGrain.GetFullFrame))
            {
                held = null;
                entered.TrySetResult();
                await released.Task.WaitAsync(TimeSpan.FromMinutes(2));
            }

            await context.Invoke();
        }
    }

    public sealed class GatedHost : DashboardHost
    {
        public GatedHost()
            : this(new JoinGate())
        {
        }

        private GatedHost(JoinGate gate)
            : base(new Dictionary<string, string?>(), services => services.AddSingleton<IIncomingGrainCallFilter>(gate)) =>
            Gate = gate;

        public JoinGate Gate { get; }
    }
}

using Command.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>The drill panel's scenario picker: scenarios by the name a drill is started by, told apart where titles repeat.</summary>
public sealed class ScenarioPickerDashboardTests(ScenarioPickerDashboardTests.ScenarioDashboardHost host) : IClassFixture<ScenarioPickerDashboardTests.ScenarioDashboardHost>
{
    [Fact]
    public async Task A_playing_drill_is_shown_by_its_files_name_and_files_that_share_a_title_are_told_apart()
    {
        // Both files are titled by their site, "Test campus". The page was told the drill played "Test campus", found no
        // such choice, and left the demo selected beside the running drill.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var first = host.Files.Write($"twin-a-{suffix}", TestScenarioFiles.Campus(TestScenarioFiles.Walker($"A{suffix}")));
        var second = host.Files.Write($"twin-b-{suffix}", TestScenarioFiles.Campus(TestScenarioFiles.Walker($"B{suffix}")));
        var scene = await Scene.OpenAsync(host, "pick");
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "start", scenario = second, speed = 4 })).EnsureSuccessStatusCode();

        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var scenario = dashboard.Page.Locator("#drill-scenario");

        await Expect(dashboard.Page.Locator("#drill-state")).ToHaveAttributeAsync("data-state", "running");
        await Expect(scenario).ToHaveValueAsync(second);
        await Expect(scenario.Locator($"option[value='{second}']")).ToHaveTextAsync($"Test campus ({second})");
        await Expect(scenario.Locator($"option[value='{first}']")).ToHaveTextAsync($"Test campus ({first})");
        await Expect(scenario.Locator("option[value='demo']")).ToHaveTextAsync("Meadowlark Flats School — active threat drill");
        (await host.PostJsonAsync($"/api/incidents/{scene.IncidentId}/drill", new { action = "stop" })).EnsureSuccessStatusCode();
        Assert.Empty(dashboard.Errors);
    }

    /// <summary>The dashboard's host playing drills from a scenario folder of its own.</summary>
    public sealed class ScenarioDashboardHost : DashboardHost
    {
        public ScenarioDashboardHost()
            : this(new TestScenarioFiles())
        {
        }

        private ScenarioDashboardHost(TestScenarioFiles files)
            : base(new Dictionary<string, string?> { [files.Setting.Key] = files.Setting.Value }, _ => { }) =>
            Files = files;

        public TestScenarioFiles Files { get; }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Files.Dispose();
        }
    }
}

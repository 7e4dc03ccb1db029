using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Command.Simulation.Demo;

namespace Command.Host.Tests;

public sealed class DrillTests(CommandHost host) : IClassFixture<CommandHost>
{
    [Fact]
    public async Task The_demo_drill_played_fast_makes_every_unit_appear_with_a_position()
    {
        // Ten times real time keeps the fastest scripted unit (7 m/s) under the host's implied-speed limit, so the
        // last unit, due 320 s into the script, arrives about 32 s in.
        var scenario = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        var expected = scenario.Units.Select(u => u.UnitId).Order().ToArray();
        var id = $"drill-{Guid.NewGuid():N}"[..20];

        var started = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 10 });
        started.EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host.BaseAddress, id);
        var seen = new HashSet<string>(watcher.Snapshot.Units.Where(u => u.LastFix is not null).Select(u => u.UnitId));
        await watcher.WaitForAsync(f =>
        {
            seen.UnionWith(f.Units.Where(u => u.LastFix is not null).Select(u => u.UnitId));
            return seen.IsSupersetOf(expected);
        }, TimeSpan.FromSeconds(90));
        var stopped = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "stop" });

        Assert.Equal(expected, seen.Order());
        var status = await stopped.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("stopped", status.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Controlling_a_drill_that_was_never_started_is_not_found()
    {
        var response = await host.PostJsonAsync($"/api/incidents/none-{Guid.NewGuid():N}/drill", new { action = "pause" });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_scenario_is_named_never_a_path()
    {
        var response = await host.PostJsonAsync($"/api/incidents/path-{Guid.NewGuid():N}/drill", new { action = "start", scenario = "/etc/passwd" });
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("scenario '/etc/passwd' is not a scenario name (letters, digits and '-')", error.GetProperty("detail").GetString());
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Command.Simulation.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>A drill playing into an incident a commander closes: on a host of its own, as the demo's units are enrolled once.</summary>
public sealed class DrillClosedTests(FakeClockHost host) : IClassFixture<FakeClockHost>
{
    [Fact]
    public async Task A_drill_whose_incident_a_commander_closes_stops_at_its_next_fixes_and_is_not_faulted()
    {
        // It sent on for seconds, each batch refused as closed, until a command of its script was refused: then it was
        // "faulted", an error was logged, and the demo logged another at every start.
        var id = $"drill-{Guid.NewGuid():N}"[..20];
        var director = host.Services.GetRequiredService<Command.Host.Drills.DrillDirector>();
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 1 })).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await director.CatchUpAsync(id);

        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        // Its next fixes are refused as closed, sent on its own timer's tick or on a catch-up (which then hears the
        // refusal, or, once the drill has stopped, that it no longer runs).
        var played = new List<string>();
        for (var s = 0; s < 60 && played.Count == 0; s += 5)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            try
            {
                await director.CatchUpAsync(id);
            }
            catch (Exception ex) when (ex is Command.Host.Drills.DrillRefusedException or InvalidOperationException)
            {
                played.Add(ex.Message);
            }
        }

        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", TestContext.Current.CancellationToken);

        Assert.NotEmpty(played);
        Assert.Equal("stopped", status.GetProperty("state").GetString());
    }
}

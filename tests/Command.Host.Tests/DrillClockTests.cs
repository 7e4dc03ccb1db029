using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>The incident a drill drives judges its units on the drill's clock: fast when it plays fast, stopped while it is paused.</summary>
public sealed class DrillClockTests(FakeClockHost host) : IClassFixture<FakeClockHost>
{
    [Fact]
    public async Task The_demo_at_4x_flags_the_officer_holding_outside_for_the_minutes_the_script_holds_him_and_a_pause_ages_nobody()
    {
        // SRO Baker reaches the west door about a minute in and holds there until 5:35 of the script. At 4x, 75 s here
        // is 5:00 of the script: judged on this clock he would have held under a minute.
        var id = $"fast-{Guid.NewGuid():N}"[..20];
        var director = host.Services.GetRequiredService<Command.Host.Drills.DrillDirector>();
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 4 })).EnsureSuccessStatusCode();
        await PlayAsync(director, id, seconds: 75);
        var fast = await BakerAsync(id);

        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "pause" })).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "resume" })).EnsureSuccessStatusCode();
        await PlayAsync(director, id, seconds: 5);
        var resumed = await BakerAsync(id);
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "stop" })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "test over" })).EnsureSuccessStatusCode();

        Assert.Equal("alert", Text(fast, "flag"));
        Assert.Matches(@"^holding [34] min at ", Text(fast, "flagReason"));
        // Twenty script seconds later, after ten minutes paused: still the scripted hold, not one ten minutes longer.
        Assert.Equal("holding", Text(resumed, "state"));
        Assert.Matches(@"^holding 4 min at ", Text(resumed, "flagReason"));
    }

    [Fact]
    public async Task A_drill_played_from_outside_at_5x_says_so_and_its_units_are_judged_on_its_clock()
    {
        // P1 stands 150 m out, reporting every second here: 24 s here are two minutes of the drill, an alert's worth.
        var id = $"ext-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0009, lon = -100.0, uncertaintyM = 10, phase = "active" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var missing = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "clock" });
        var tooFast = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "clock", scenario = "night-shift", speed = 61 });
        var said = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "clock", scenario = "night-shift", speed = 5 });
        for (var s = 0; s < 24; s++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", host.Clock.GetUtcNow(), 0, -50) } })).EnsureSuccessStatusCode();
        }

        var p1 = (await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", TestContext.Current.CancellationToken)).EnumerateArray().Single(u => Text(u, "unitId") == "P1");
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "test over" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").EnumerateArray();
        Assert.Equal(["scenario", "speed"], errors.Select(e => Text(e, "field")));
        Assert.Equal(HttpStatusCode.BadRequest, tooFast.StatusCode);
        Assert.Equal("drill clock rate 61 is neither 0 (paused) nor within 0.25-60×, the speeds a drill plays at", Text(await tooFast.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken), "detail"));
        Assert.Equal(HttpStatusCode.NoContent, said.StatusCode);
        Assert.Equal("alert", Text(p1, "flag"));
        Assert.StartsWith("holding ", Text(p1, "flagReason"), StringComparison.Ordinal);
    }

    // Moves the incidents' clock on five seconds at a time, the drill sending what fell due at each.
    private async Task PlayAsync(Command.Host.Drills.DrillDirector director, string id, int seconds)
    {
        for (var s = 0; s < seconds; s += 5)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await director.CatchUpAsync(id);
        }
    }

    private async Task<JsonElement> BakerAsync(string id)
    {
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", TestContext.Current.CancellationToken);
        return units.EnumerateArray().Single(u => Text(u, "unitId") == "S1");
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

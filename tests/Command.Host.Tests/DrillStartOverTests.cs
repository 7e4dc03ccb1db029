using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>A looping drill's next round is judged afresh: the incident is told the drill started over.</summary>
public sealed class DrillStartOverTests(FakeClockHost host) : IClassFixture<FakeClockHost>
{
    [Fact]
    public async Task A_looping_demo_starts_over_in_the_record_and_nobody_is_flagged_for_last_rounds_position()
    {
        // Round one ends with the officers at the threat; round two starts them at staging again. Judged against where
        // they stood, the first of them to report was flagged "fell back from contact".
        var id = $"loop-{Guid.NewGuid():N}"[..20];
        var director = host.Services.GetRequiredService<Command.Host.Drills.DrillDirector>();
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 1, loop = true })).EnsureSuccessStatusCode();
        for (var s = 0; s < 700; s += 5)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await director.CatchUpAsync(id);
        }

        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "stop" })).EnsureSuccessStatusCode();
        await CloseAsync(id);
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", TestContext.Current.CancellationToken);

        var over = Assert.Single(timeline!, e => Text(e, "type") == "drill-controlled" && Text(e, "subject") == "start-over");
        Assert.Equal(("2", "demo", "drill"), (Text(over, "level"), Text(over, "reason"), Text(over, "actor")));
        var after = timeline!.Where(e => e.GetProperty("sequence").GetInt64() > over.GetProperty("sequence").GetInt64()).ToList();
        Assert.DoesNotContain(after, e => Text(e, "type") == "flag-raised" && Text(e, "reason")!.StartsWith("fell back from contact", StringComparison.Ordinal));
        Assert.Contains(after, e => Text(e, "type") == "threat-set");
    }

    [Fact]
    public async Task A_drill_started_again_where_one_completed_starts_over_as_the_next_round_and_its_own_rounds_follow()
    {
        // The second run's units start at staging again: judged against where the first run left them, its first fix
        // cleared and raised flags, and its rounds were numbered from 2 again.
        var id = $"again-{Guid.NewGuid():N}"[..20];
        var director = host.Services.GetRequiredService<Command.Host.Drills.DrillDirector>();
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 4 })).EnsureSuccessStatusCode();
        await PlayToTheEndAsync(id, director);

        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 4, loop = true })).EnsureSuccessStatusCode();
        for (var s = 0; s < 200; s += 5)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await director.CatchUpAsync(id);
        }

        var status = await director.StatusAsync(id);
        var asked = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", TestContext.Current.CancellationToken);
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "stop" })).EnsureSuccessStatusCode();
        await CloseAsync(id);
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", TestContext.Current.CancellationToken);

        var drill = timeline!.Where(e => Text(e, "type") == "drill-controlled").Select(e => (Text(e, "subject"), Text(e, "level"))).ToList();
        Assert.Equal([("start", null), ("completed", null), ("start-over", "2"), ("start", null), ("start-over", "3"), ("stop", null)], drill);
        // Round 2 began because the controller started the drill again: theirs, as the start is; round 3 the loop began.
        var actors = timeline!.Where(e => Text(e, "type") == "drill-controlled").Select(e => Text(e, "actor")).ToList();
        Assert.NotEqual("drill", actors[3]);
        Assert.Equal((actors[3], "drill"), (actors[2], actors[4]));
        // Its own second loop, and the incident's third round, as the feed says it and the page shows it.
        Assert.Equal((1, 3), (status!.Iteration, status.Round));
        Assert.Equal((1, 3), (asked.GetProperty("iteration").GetInt32(), asked.GetProperty("round").GetInt32()));
        var over = timeline!.First(e => Text(e, "subject") == "start-over");
        var after = timeline!.Where(e => e.GetProperty("sequence").GetInt64() > over.GetProperty("sequence").GetInt64()).ToList();
        Assert.DoesNotContain(after, e => Text(e, "type") == "flag-raised" && Text(e, "reason")!.StartsWith("fell back from contact", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_after_action_report_of_a_drill_started_again_marks_where_its_second_round_begins()
    {
        var id = $"aar-{Guid.NewGuid():N}"[..20];
        var director = host.Services.GetRequiredService<Command.Host.Drills.DrillDirector>();
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 4 })).EnsureSuccessStatusCode();
        await PlayToTheEndAsync(id, director);
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 4 })).EnsureSuccessStatusCode();
        await PlayToTheEndAsync(id, director);
        await CloseAsync(id);

        var aar = await host.Client.GetStringAsync($"/api/sessions/{id}/aar?format=html", TestContext.Current.CancellationToken);

        Assert.Contains("The drill started over (round 2); the first-unit times above and the objectives are round 1", aar, StringComparison.Ordinal);
        Assert.Contains("Round 2: threat ", aar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drill_played_from_outside_says_it_started_over_and_is_recorded()
    {
        var id = $"ext-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();

        var response = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start-over", scenario = "night-shift", round = 2 });
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var over = Assert.Single(timeline!, e => Text(e, "subject") == "start-over");
        Assert.Equal(("2", "night-shift"), (Text(over, "level"), Text(over, "reason")));
    }

    [Fact]
    public async Task A_start_over_from_outside_begins_the_incidents_next_round_only_and_one_out_of_turn_is_refused_naming_it()
    {
        // Rounds 3, 2, 2 and 4 were each recorded as said, and the after-action report numbered its rounds from them.
        var id = $"ext-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();

        var ahead = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start-over", scenario = "demo", round = 3 });
        var second = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start-over", scenario = "demo", round = 2 });
        var again = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start-over", scenario = "demo", round = 2 });
        var next = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start-over", scenario = "demo" });
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "round-out-of-turn", $"incident '{id}' plays round 1, so a start-over begins round 2, not 3; leave the round out to begin the next"), await ErrorAsync(ahead));
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "round-out-of-turn", $"incident '{id}' plays round 2, so a start-over begins round 3, not 2; leave the round out to begin the next"), await ErrorAsync(again));
        Assert.Equal(HttpStatusCode.NoContent, next.StatusCode);
        Assert.Equal(["2", "3"], timeline!.Where(e => Text(e, "subject") == "start-over").Select(e => Text(e, "level")));
    }

    [Fact]
    public async Task A_drill_played_from_outside_is_refused_a_scenario_that_is_no_scenario_name_and_a_speed_no_drill_plays_at()
    {
        var id = $"ext-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();

        var path = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "clock", scenario = "../../etc", speed = 1 });
        var overPath = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start-over", scenario = "a/b" });
        var crawl = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "clock", scenario = "demo", speed = 0.0001 });
        var paused = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "clock", scenario = "demo", speed = 0 });
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid-scenario", "scenario '../../etc' is not a scenario name: a drill is started and recorded by a name of 1-64 letters, digits and '-'"), await ErrorAsync(path));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-scenario", "scenario 'a/b' is not a scenario name: a drill is started and recorded by a name of 1-64 letters, digits and '-'"), await ErrorAsync(overPath));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-value", "drill clock rate 0.0001 is neither 0 (paused) nor within 0.25-60×, the speeds a drill plays at"), await ErrorAsync(crawl));
        Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);
        Assert.Equal([("clock", "demo", "0")], timeline!.Where(e => Text(e, "type") == "drill-controlled").Select(e => (Text(e, "subject"), Text(e, "reason"), Text(e, "level"))));
    }

    [Fact]
    public async Task A_start_over_without_its_scenario_is_refused_naming_it()
    {
        var id = $"ext-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();

        var response = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start-over" });
        var first = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start-over", scenario = "demo", round = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").EnumerateArray();
        Assert.Equal(["scenario"], errors.Select(e => Text(e, "field")));
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal("round 1 is outside 2 to 100000: the first start-over begins round 2", Text(await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken), "detail"));
    }

    [Fact]
    public async Task A_start_over_is_refused_on_an_unknown_or_closed_incident_and_while_the_hosts_own_drill_plays_there()
    {
        var unknown = $"none-{Guid.NewGuid():N}"[..20];
        var closed = $"shut-{Guid.NewGuid():N}"[..20];
        var playing = $"play-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(closed))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{closed}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(playing))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{playing}/drill", new { action = "start", scenario = "demo" })).EnsureSuccessStatusCode();

        var onUnknown = await host.PostJsonAsync($"/api/incidents/{unknown}/drill", new { action = "start-over", scenario = "demo", round = 2 });
        var onClosed = await host.PostJsonAsync($"/api/incidents/{closed}/drill", new { action = "start-over", scenario = "demo", round = 2 });
        var onPlaying = await host.PostJsonAsync($"/api/incidents/{playing}/drill", new { action = "start-over", scenario = "demo", round = 2 });
        (await host.PostJsonAsync($"/api/incidents/{playing}/drill", new { action = "stop" })).EnsureSuccessStatusCode();
        await CloseAsync(playing);

        Assert.Equal((HttpStatusCode.NotFound, "unknown-incident"), (onUnknown.StatusCode, await ReasonAsync(onUnknown)));
        Assert.Equal((HttpStatusCode.Conflict, "closed"), (onClosed.StatusCode, await ReasonAsync(onClosed)));
        Assert.Equal((HttpStatusCode.Conflict, "invalid-state"), (onPlaying.StatusCode, await ReasonAsync(onPlaying)));
    }

    // Moves the clock on 5 s at a time, what fell due sent before it moves again, until the drill has played to its end.
    private async Task PlayToTheEndAsync(string id, Command.Host.Drills.DrillDirector director)
    {
        for (var s = 0; s < 1000 && (await director.StatusAsync(id))!.State == "running"; s += 5)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            try
            {
                await director.CatchUpAsync(id);
            }
            catch (InvalidOperationException ended) when (ended.Message.StartsWith("The drill is completed", StringComparison.Ordinal))
            {
                // It ended on the clock's own tick, before it was asked to catch up.
            }
        }

        Assert.Equal("completed", (await director.StatusAsync(id))!.State);
    }

    // The demo's units are enrolled in one open incident at a time: each test that plays the demo frees them after.
    private async Task CloseAsync(string id) =>
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "test over" })).EnsureSuccessStatusCode();

    private static async Task<(HttpStatusCode, string?, string?)> ErrorAsync(HttpResponseMessage response)
    {
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (response.StatusCode, Text(error, "reason"), Text(error, "detail"));
    }

    private static async Task<string?> ReasonAsync(HttpResponseMessage response) =>
        Text(await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken), "reason");

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

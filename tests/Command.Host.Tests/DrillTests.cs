using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Command.Simulation.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

public sealed class DrillTests(FakeClockHost host) : IClassFixture<FakeClockHost>
{
    [Fact]
    public async Task The_demo_drill_makes_every_unit_appear_with_a_position()
    {
        // The drill runs on the incidents' clock, which the test moves: the last unit, due 320 s into the script,
        // reports once the clock has passed it, with no wall-clock wait.
        var scenario = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        var expected = scenario.Units.Select(u => u.UnitId).Order().ToArray();
        var id = $"drill-{Guid.NewGuid():N}"[..20];
        var director = host.Services.GetRequiredService<Command.Host.Drills.DrillDirector>();

        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();
        var started = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 1 });
        started.EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host, id);
        var seen = new HashSet<string>(watcher.Snapshot.Units.Where(u => u.LastFix is not null).Select(u => u.UnitId));
        var all = watcher.WaitForAsync(f =>
        {
            seen.UnionWith(f.Units.Where(u => u.LastFix is not null).Select(u => u.UnitId));
            return seen.IsSupersetOf(expected);
        });
        for (var s = 0; s < 340; s += 5)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await director.CatchUpAsync(id);
        }

        await all;
        var stopped = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "stop" });

        Assert.Equal(expected, seen.Order());
        var status = await stopped.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("stopped", status.GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_demo_plays_once_the_host_has_started_and_its_start_says_the_host_started_it()
    {
        var id = $"demo-{Guid.NewGuid():N}"[..20];
        await using var demo = new FakeClockHost(new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Incident"] = id });
        await demo.InitializeAsync();

        // The demo starts once the host has; its service's work ends when the start is recorded.
        await demo.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Command.Host.Drills.DemoDrill>().Single().ExecuteTask!.WaitAsync(TestContext.Current.CancellationToken);
        var timeline = await demo.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", TestContext.Current.CancellationToken);

        // The feed reads "DRILL START demo — host start-up": who started it, not the scenario's name twice.
        var start = timeline!.Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("type").GetString() == "drill-controlled");
        Assert.NotNull(start);
        Assert.Equal(("start", "demo", "host start-up"),
            (start.Value.GetProperty("subject").GetString(), start.Value.GetProperty("reason").GetString(), start.Value.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task A_drill_whose_host_stopped_carries_on_from_its_saved_clock_on_the_next_host_and_says_so()
    {
        var data = DataFolder.New();
        var id = $"carry-{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string?> { ["DataPath"] = data };
        try
        {
            await using (var first = new FakeClockHost(settings))
            {
                await PlayDemoAsync(first, id, seconds: 60);
            }

            // The next host's incident clock is past everything the first recorded.
            await using var second = new FakeClockHost(settings);
            await second.InitializeAsync();
            second.Clock.Advance(TimeSpan.FromMinutes(10));

            // Carried on at the next look over the running drills, not as its status is read.
            await second.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Command.Host.Drills.DrillKeeper>().Single().LookOverAsync(TestContext.Current.CancellationToken);
            var status = await second.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", TestContext.Current.CancellationToken);
            var timeline = await second.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", TestContext.Current.CancellationToken);

            Assert.Equal("running", status.GetProperty("state").GetString());
            Assert.Equal(60, status.GetProperty("drillTimeS").GetDouble(), 0.001);
            var drill = timeline!.Where(e => e.GetProperty("type").GetString() == "drill-controlled").Select(e => e.GetProperty("subject").GetString()!).ToArray();
            Assert.Equal(["start", "hand-over", "carry-on"], drill);
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task A_drill_whose_host_went_down_without_a_word_carries_on_and_the_minutes_between_are_no_ones_hold()
    {
        // A host killed mid-drill hands nothing over: the drill's clock stood still while no host played it, but the
        // incident's ran on, and every unit the script had stopped would be held for the minutes the host was down.
        var data = DataFolder.New();
        var id = $"crash-{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string?> { ["DataPath"] = data };
        try
        {
            await using var second = await CrashedMidDemoAsync(id, settings);
            second.Clock.Advance(TimeSpan.FromMinutes(10));
            await second.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Command.Host.Drills.DrillKeeper>().Single().LookOverAsync(TestContext.Current.CancellationToken);
            var status = await second.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", TestContext.Current.CancellationToken);
            var carried = second.Services.GetRequiredService<Command.Host.Drills.DrillDirector>();
            for (var s = 0; s < 20; s += 5)
            {
                second.Clock.Advance(TimeSpan.FromSeconds(5));
                await carried.CatchUpAsync(id);
            }

            var units = await second.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/units", TestContext.Current.CancellationToken);
            var timeline = await second.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", TestContext.Current.CancellationToken);

            Assert.Equal("running", status.GetProperty("state").GetString());
            var drill = timeline!.Where(e => e.GetProperty("type").GetString() == "drill-controlled").ToArray();
            Assert.Equal(["start", "carry-on"], drill.Select(e => e.GetProperty("subject").GetString()!));
            Assert.Equal("drill (carried on at 2:00 of loop 1 after its host stopped; not played for 8:00, which counts toward no hold)", drill[^1].GetProperty("actor").GetString());
            var held = units!.Where(u => u.TryGetProperty("holdS", out var h) && h.ValueKind == JsonValueKind.Number).ToDictionary(u => u.GetProperty("unitId").GetString()!, u => u.GetProperty("holdS").GetDouble());
            Assert.NotEmpty(held);
            Assert.All(held, h => Assert.InRange(h.Value, 0, 120));
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task A_drill_whose_host_went_down_while_the_incident_heard_on_is_reported_not_played_for_as_long_as_its_carry_on_says()
    {
        // The incident hears on while no host plays the drill (a radio enrols, its clock runs on): the carry-on still
        // says the drill was not played from its last save, and the after-action report takes that long off the
        // drill's clock and says so, not the moment or two since the incident's latest event.
        var data = DataFolder.New();
        var id = $"heard-{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string?> { ["DataPath"] = data };
        try
        {
            await using var second = await CrashedMidDemoAsync(id, settings);
            second.Clock.Advance(TimeSpan.FromMinutes(5));
            var incident = second.Services.GetRequiredService<Orleans.IGrainFactory>().GetGrain<Command.Grains.Incidents.IIncidentGrain>(id);
            Assert.Null(await incident.Enrol("R9", "Radio 9", Command.Domain.Units.UnitRole.Perimeter, "cmdr"));
            second.Clock.Advance(TimeSpan.FromMinutes(5));
            await second.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Command.Host.Drills.DrillKeeper>().Single().LookOverAsync(TestContext.Current.CancellationToken);
            var carried = second.Services.GetRequiredService<Command.Host.Drills.DrillDirector>();
            for (var s = 0; s < 20; s += 5)
            {
                second.Clock.Advance(TimeSpan.FromSeconds(5));
                await carried.CatchUpAsync(id);
            }

            var timeline = await second.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", TestContext.Current.CancellationToken);
            var report = await second.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/report?format=json", TestContext.Current.CancellationToken);

            var carryOn = timeline!.Last(e => e.GetProperty("type").GetString() == "drill-controlled");
            Assert.Equal("drill (carried on at 2:00 of loop 1 after its host stopped; not played for 8:00, which counts toward no hold)", carryOn.GetProperty("actor").GetString());
            Assert.Equal("played at 1×; not played for 8:00 while no host could play it: durations are the drill's time, times of day the incident's", report.GetProperty("incident").GetProperty("drillClock").GetString());
            var incidentSpan = report.GetProperty("incident").GetProperty("endedAt").GetDateTimeOffset() - report.GetProperty("incident").GetProperty("openedAt").GetDateTimeOffset();
            var spans = report.GetProperty("drillClockSpans").EnumerateArray().Select(s => s.Deserialize<Command.Domain.Incidents.DrillClockSpan>(JsonSerializerOptions.Web)!).ToList();
            var clock = new Command.Domain.Incidents.DrillClock();
            clock.Restore(spans);
            Assert.Equal(incidentSpan - TimeSpan.FromMinutes(8), clock.Elapsed(report.GetProperty("incident").GetProperty("openedAt").GetDateTimeOffset(), report.GetProperty("incident").GetProperty("endedAt").GetDateTimeOffset()));
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task A_field_the_drill_action_does_not_take_is_refused_by_name_and_nothing_changes()
    {
        // A host of its own: the demo's units are enrolled in one open incident at a time.
        await using var own = new FakeClockHost();
        await own.InitializeAsync();
        var id = $"speed-{Guid.NewGuid():N}"[..20];
        (await own.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();
        (await own.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 2 })).EnsureSuccessStatusCode();
        (await own.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "pause" })).EnsureSuccessStatusCode();

        var faster = await own.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "resume", speed = 4 });
        var other = await own.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "stop", scenario = "night-shift", loop = true, seed = 7 });
        var overFaster = await own.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start-over", scenario = "demo", round = 2, speed = 3 });
        var status = await own.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", TestContext.Current.CancellationToken);
        var timeline = await own.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, faster.StatusCode);
        Assert.Equal(
            [("speed", "invalid-value", "resume takes no 'speed': a drill plays at the speed it was started at; stop it and start it again, from the beginning, to play at another")],
            await ErrorsAsync(faster));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal(
            [("scenario", "invalid-value", "stop takes no 'scenario'; only start, start-over and clock do"), ("loop", "invalid-value", "stop takes no 'loop'; only start does"), ("seed", "invalid-value", "stop takes no 'seed'; only start does")],
            await ErrorsAsync(other));
        Assert.Equal([("speed", "invalid-value", "start-over takes no 'speed'; only start and clock do")], await ErrorsAsync(overFaster));
        Assert.Equal(("paused", 2.0, false), (status.GetProperty("state").GetString(), status.GetProperty("speed").GetDouble(), status.GetProperty("loop").GetBoolean()));
        var drill = timeline!.Where(e => e.GetProperty("type").GetString() == "drill-controlled").Select(e => e.GetProperty("subject").GetString()!).ToArray();
        Assert.Equal(["start", "pause"], drill);
    }

    [Fact]
    public async Task Controlling_a_drill_that_was_never_started_is_not_found()
    {
        var response = await host.PostJsonAsync($"/api/incidents/none-{Guid.NewGuid():N}/drill", new { action = "pause" });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_drill_never_opens_an_incident_and_is_refused_on_a_closed_one()
    {
        var unknown = $"none-{Guid.NewGuid():N}"[..20];
        var closed = $"shut-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(closed))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{closed}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();

        var onUnknown = await host.PostJsonAsync($"/api/incidents/{unknown}/drill", new { action = "start", scenario = "demo" });
        var onClosed = await host.PostJsonAsync($"/api/incidents/{closed}/drill", new { action = "start", scenario = "demo" });
        var read = await host.Client.GetAsync($"/api/incidents/{unknown}", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, onUnknown.StatusCode);
        Assert.Equal("unknown-incident", (await onUnknown.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("reason").GetString());
        Assert.Equal(System.Net.HttpStatusCode.Conflict, onClosed.StatusCode);
        Assert.Equal("closed", (await onClosed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("reason").GetString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task A_scenario_set_on_another_site_is_refused_saying_how_far_and_nothing_is_enrolled()
    {
        var id = $"far-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();

        var response = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo" });
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "scenario 'demo' is set on Meadowlark Flats School (fictional), 609 km from this incident's site Test campus: its units and threat would stand there; open an incident on its site to play it",
            error.GetProperty("detail").GetString());
        Assert.Empty(units.EnumerateArray());
    }

    [Fact]
    public async Task A_scenario_is_named_never_a_path()
    {
        var response = await host.PostJsonAsync($"/api/incidents/path-{Guid.NewGuid():N}/drill", new { action = "start", scenario = "/etc/passwd" });
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("scenario '/etc/passwd' is not a scenario name (1-64 letters, digits and '-')", error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_scenarios_are_the_demo_and_the_folders_files_and_one_that_does_not_load_says_why()
    {
        await using var scenarios = new ScenarioFolderHost();
        await scenarios.InitializeAsync();

        var listed = await scenarios.Client.GetFromJsonAsync<JsonElement[]>("/api/scenarios", TestContext.Current.CancellationToken);
        var id = $"drill-{Guid.NewGuid():N}"[..30];
        (await scenarios.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();
        var started = await scenarios.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "night-shift" });
        var status = await started.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var asked = await scenarios.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", TestContext.Current.CancellationToken);

        Assert.Equal(["demo", "broken", "night-shift"], listed!.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(("Night shift drill", null), (Text(listed![2], "title"), Text(listed[2], "error")));
        Assert.Null(Text(listed[1], "title"));
        Assert.NotEmpty(Text(listed[1], "error")!);
        Assert.Equal(System.Net.HttpStatusCode.OK, started.StatusCode);
        // Named as it is started and listed, not by its title, which names no file and which several files may share.
        Assert.Equal(("night-shift", "Night shift drill"), (Text(status, "scenario"), Text(status, "title")));
        Assert.Equal(("night-shift", "Night shift drill"), (Text(asked, "scenario"), Text(asked, "title")));
    }

    private static async Task<(string? Field, string? Reason, string? Detail)[]> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return [.. body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("reason").GetString(), e.GetProperty("detail").GetString()))];
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A host whose scenario folder holds a copy of the demo under another name, and a file that is not a scenario.</summary>
    private sealed class ScenarioFolderHost : CommandHost
    {
        public ScenarioFolderHost()
            : this(Path.Combine(Path.GetTempPath(), "command-tests", "scenarios-" + Guid.NewGuid().ToString("N")))
        {
        }

        private ScenarioFolderHost(string folder)
            : base(new Dictionary<string, string?> { ["Demo:ScenarioFolder"] = folder })
        {
            Directory.CreateDirectory(folder);
            var demo = DemoScenario.ReadJsonAsync(CancellationToken.None).GetAwaiter().GetResult();
            File.WriteAllText(Path.Combine(folder, "night-shift.json"), demo.Replace("Meadowlark Flats School — active threat drill", "Night shift drill", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(folder, "broken.json"), "{\"name\": \"half a scenario\"");
        }
    }

    // Opens an incident on the demo's site on a host of its own and plays the demo into it at 1x for that long.
    // Two minutes of the demo on a host that then goes down without handing its drill over, as a crash does (nothing of
    // the pause is recorded), and the next host on the same data, started.
    private static async Task<FakeClockHost> CrashedMidDemoAsync(string id, Dictionary<string, string?> settings)
    {
        await using (var first = new FakeClockHost(settings))
        {
            await PlayDemoAsync(first, id, seconds: 120);
            first.Services.GetRequiredService<Command.Host.Drills.LocalDrills>().Remove(id);
        }

        var second = new FakeClockHost(settings);
        await second.InitializeAsync();
        return second;
    }

    private static async Task PlayDemoAsync(FakeClockHost host, string id, int seconds)
    {
        await host.InitializeAsync();
        var director = host.Services.GetRequiredService<Command.Host.Drills.DrillDirector>();
        (await host.PostJsonAsync("/api/incidents", await DemoSite.CreateIncidentAsync(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 1 })).EnsureSuccessStatusCode();
        for (var s = 0; s < seconds; s += 5)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await director.CatchUpAsync(id);
        }
    }
}

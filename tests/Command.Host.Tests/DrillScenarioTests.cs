using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Command.Domain.Geometry;
using Command.Domain.Units;
using Command.Grains.Incidents;
using Command.Grains.Units;
using Command.Host.Tests.Support;
using Command.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>Drills started from the scenario folder: what is listed, what is refused and in what words, and what a refusal leaves behind.</summary>
public sealed class DrillScenarioTests(DrillScenarioTests.ScenarioHost host) : IClassFixture<DrillScenarioTests.ScenarioHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_the_scenario_check_refuses_is_listed_with_why_and_its_start_is_refused_as_an_invalid_scenario()
    {
        // Listed as valid, this file started a drill whose status overflowed: every control of it answered 500 after.
        var name = host.Files.Write("longhold", TestScenarioFiles.Campus(
            """{ "id": "H1", "role": "contact", "start": { "east": -300, "north": -300 }, "script": [ { "do": "hold", "durationS": 1e300 } ] }""",
            more: "\"durationS\": 1e12,"));
        var id = $"long-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();

        var listed = await host.Client.GetFromJsonAsync<JsonElement[]>("/api/scenarios", Ct);
        var started = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name, speed = 60, loop = true });
        var refusal = await started.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", Ct);

        var error = Text(listed!.Single(s => Text(s, "name") == name), "error")!;
        Assert.Contains("$.durationS: must be 10-86400 s: a drill runs at least 10 s and at most a day (was 1E+12)", error, StringComparison.Ordinal);
        Assert.Contains("$.units[0].script[0].durationS (unit 'H1'): must be more than 0 and at most 86400 s", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, started.StatusCode);
        Assert.Equal(("invalid-scenario", error), (Text(refusal, "reason"), Text(refusal, "detail")));
        Assert.Equal("none", Text(status, "state"));
    }

    [Fact]
    public async Task A_file_whose_name_no_drill_can_be_started_by_is_listed_saying_why()
    {
        host.Files.Write("bad_name", TestScenarioFiles.Campus(TestScenarioFiles.Walker("BN1")));

        var listed = await host.Client.GetFromJsonAsync<JsonElement[]>("/api/scenarios", Ct);

        var bad = listed!.Single(s => Text(s, "name") == "bad_name");
        Assert.Null(Text(bad, "title"));
        Assert.Equal(
            "'bad_name' is not a scenario name: a drill is started by a name of 1-64 letters, digits and '-'; rename the file to start a drill with it",
            Text(bad, "error"));
    }

    [Fact]
    public async Task A_start_refused_part_way_enrols_none_of_its_units_and_the_file_still_plays_on_its_own_site()
    {
        // Its site 9 km off the incident's is near enough to play on, but its threat 5 km further out is not: the
        // threat was refused after its units had been enrolled, and they were then held by an incident with no drill.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var nextDoor = TestSite.Frame.ToGeo(new LocalPoint(9000, 0));
        var name = host.Files.Write("next-door", TestScenarioFiles.Campus(
            TestScenarioFiles.Walker($"A{suffix}") + "," + TestScenarioFiles.Walker($"B{suffix}"), nextDoor, threatAt: (5000, 0)));
        var near = $"near-{suffix}";
        var own = $"own-{suffix}";
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(near))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync("/api/incidents", new { id = own, name = "On its own site", autoEnrol = true, site = new { name = "Next door", origin = new { lat = nextDoor.Latitude, lon = nextDoor.Longitude } } })).EnsureSuccessStatusCode();

        var refused = await host.PostJsonAsync($"/api/incidents/{near}/drill", new { action = "start", scenario = name });
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var enrolled = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{near}/units", Ct);
        var elsewhere = await host.PostJsonAsync($"/api/incidents/{own}/drill", new { action = "start", scenario = name });
        (await host.PostJsonAsync($"/api/incidents/{own}/drill", new { action = "stop" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid-coordinates", Text(refusal, "reason"));
        Assert.Matches(@"^scenario 'next-door', \$\.threat\.script\[0\]\.at: threat T1 at 44,-99\.8\d+ is 14 km from site Test campus: a threat is placed within 10 km of it$", Text(refusal, "detail"));
        Assert.Empty(enrolled!);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_start_refused_for_a_unit_another_incident_holds_names_the_unit_and_its_place_in_the_file()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = host.Files.Write("pair", TestScenarioFiles.Campus(TestScenarioFiles.Walker($"P{suffix}") + "," + TestScenarioFiles.Walker($"Q{suffix}")));
        var first = $"first-{suffix}";
        var second = $"second-{suffix}";
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(first))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(second))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{first}/drill", new { action = "start", scenario = name })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{first}/drill", new { action = "stop" })).EnsureSuccessStatusCode();

        var refused = await host.PostJsonAsync($"/api/incidents/{second}/drill", new { action = "start", scenario = name });
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(
            ("enrolled-elsewhere", $"scenario 'pair', $.units[0] (unit 'P{suffix}'): unit 'P{suffix}' is enrolled in incident '{first}'; a commander of that incident must release it first (Release from incident… on its row)"),
            (Text(refusal, "reason"), Text(refusal, "detail")));
    }

    [Fact]
    public async Task A_start_whose_units_a_device_token_is_bound_to_is_refused_whole_naming_the_units_and_the_token()
    {
        // Started, every fix it played for them was refused: the board stayed empty and the AAR proposed a perfect rating.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = host.Files.Write("bound", TestScenarioFiles.Campus(
            TestScenarioFiles.Walker($"P{suffix}") + "," + TestScenarioFiles.Walker($"Q{suffix}") + "," + TestScenarioFiles.Walker($"R{suffix}")));
        var id = $"bound-{suffix}";
        var device = $"dev-{suffix}";
        (await host.PostJsonAsync("/api/access/tokens", new { name = device, roles = new[] { "device" }, units = new[] { $"R{suffix}", $"P{suffix}" } })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();

        var refused = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name });
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/units", Ct);
        var drill = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(
            ("unit-bound-to-device", $"scenario 'bound': units 'P{suffix}' ($.units[0]) and 'R{suffix}' ($.units[2]) take positions only from token:{device}, so every fix the drill played for them would be refused; play a scenario whose units no device token is bound to, or revoke that token"),
            (Text(refusal, "reason"), Text(refusal, "detail")));
        Assert.Empty(units!);
        Assert.Equal("none", Text(drill, "state"));
    }

    [Fact]
    public async Task A_scenario_played_on_an_incident_opened_with_only_an_origin_gives_it_the_scenarios_site()
    {
        // Its buildings, zones and time zone were dropped in silence: no hot zone on the map, no building for the threat.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = host.Files.Write($"school-{suffix}", TestScenarioFiles.Campus(TestScenarioFiles.Walker($"S{suffix}"), ground: TestScenarioFiles.School));
        var id = $"bare-{suffix}";
        var origin = TestSite.Frame.ToGeo(new LocalPoint(50, 0));
        (await host.PostJsonAsync("/api/incidents", new { id, name = "Bare", autoEnrol = true, site = new { origin = new { lat = origin.Latitude, lon = origin.Longitude } } })).EnsureSuccessStatusCode();

        var started = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name });
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "stop" })).EnsureSuccessStatusCode();
        var site = (await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct)).GetProperty("site");
        var zones = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/zones", Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/units", Ct);
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        // Said where the page's feed reads commands, as the start is: what came, from which drill, by whom.
        Assert.Equal(
            [("site-set", "Test campus", name, "token:bootstrap", "1 building, 2 zones"), ("drill-controlled", "start", name, "token:bootstrap", null)],
            timeline!.Where(m => Text(m, "type") is "site-set" or "drill-controlled").Take(2)
                .Select(m => (Text(m, "type"), Text(m, "subject"), Text(m, "reason"), Text(m, "actor"), Text(m, "about"))));
        Assert.Equal(("Test campus", "America/Chicago"), (Text(site, "name"), Text(site, "timeZone")));
        Assert.Equal(["school"], site.GetProperty("buildings").EnumerateArray().Select(b => Text(b, "buildingId")));
        Assert.Equal(["hot", "staging"], site.GetProperty("zones").EnumerateArray().Select(z => Text(z, "zoneId")));
        Assert.Equal((origin.Latitude, origin.Longitude), (site.GetProperty("origin").GetProperty("latitude").GetDouble(), site.GetProperty("origin").GetProperty("longitude").GetDouble()));
        Assert.Equal(["hot", "staging"], zones!.Select(z => Text(z.GetProperty("zone"), "zoneId")));
        Assert.Equal([$"S{suffix}"], units!.Select(u => Text(u, "unitId")));
    }

    [Fact]
    public async Task A_scenario_set_on_another_site_than_its_incidents_own_is_refused_saying_how_they_differ()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = host.Files.Write($"other-{suffix}", TestScenarioFiles.Campus(TestScenarioFiles.Walker($"O{suffix}"), ground: TestScenarioFiles.School));
        var id = $"own-site-{suffix}";
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();

        var refused = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name });
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var site = (await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct)).GetProperty("site");
        var units = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/units", Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(
            ("site-differs", $"scenario '{name}' is set on site Test campus, and incident '{id}' has a site of its own, Test campus, that differs: "
                + "buildings main against the scenario's school; zones hot against the scenario's hot, staging; time zone none against the scenario's America/Chicago. "
                + "A drill does not overwrite a site someone set: play it on an incident opened with only an origin, or on one with its site"),
            (Text(refusal, "reason"), Text(refusal, "detail")));
        Assert.Equal(["main"], site.GetProperty("buildings").EnumerateArray().Select(b => Text(b, "buildingId")));
        Assert.Empty(units!);
    }

    [Fact]
    public async Task A_later_threat_step_beyond_where_the_incident_places_a_threat_refuses_the_start_naming_the_step()
    {
        // On its own site 6 km east every step is near enough, but its second step is 11 km from this incident's origin:
        // only the first step was checked as the drill started, and the second faulted it when it came due.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var east = TestSite.Frame.ToGeo(new LocalPoint(6000, 0));
        var name = host.Files.Write($"flees-{suffix}", TestScenarioFiles.Campus(
            TestScenarioFiles.Walker($"F{suffix}"), east, laterSteps: """{ "atS": 30, "at": { "east": 5000, "north": 0 } }"""));
        var id = $"flees-{suffix}";
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();

        var refused = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name });
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/units", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid-coordinates", Text(refusal, "reason"));
        Assert.Matches(@"^scenario 'flees-[0-9a-f]{8}', \$\.threat\.script\[1\]\.at: threat T1 at 44,-99\.86\d+ is 11 km from site Test campus: a threat is placed within 10 km of it$", Text(refusal, "detail"));
        Assert.Empty(units!);
    }

    [Fact]
    public async Task A_start_whose_unit_reads_as_a_unit_of_the_incident_is_refused_naming_both_and_enrols_none()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = host.Files.Write($"alike-{suffix}", TestScenarioFiles.Campus(
            TestScenarioFiles.Walker($"A{suffix}", "Alpha 1") + "," + TestScenarioFiles.Walker($"B{suffix}", "SRO-1")));
        var id = $"alike-{suffix}";
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = $"S{suffix}", callsign = "sro-1", role = "perimeter" })).EnsureSuccessStatusCode();

        var refused = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name });
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/units", Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(
            ("callsign-taken", $"scenario '{name}', $.units[1] (unit 'B{suffix}'): callsign 'SRO-1' reads as 'sro-1' of unit 'S{suffix}', already enrolled in incident '{id}': a board or a log could not tell the two apart; give this unit a callsign of its own"),
            (Text(refusal, "reason"), Text(refusal, "detail")));
        Assert.Equal([$"S{suffix}"], units!.Select(u => u.GetProperty("unitId").GetString()));
    }

    [Fact]
    public async Task A_unit_another_incident_takes_between_the_check_and_the_enrolment_leaves_nothing_of_the_start()
    {
        // The start checked no other incident held its units, then enrolled them one by one: another took the third in
        // between, and the first two stayed enrolled, held from every other incident by one no drill played on.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string[] ids = [$"A{suffix}", $"B{suffix}", $"C{suffix}"];
        var name = host.Files.Write($"trio-{suffix}", TestScenarioFiles.Campus(string.Join(",", ids.Select(u => TestScenarioFiles.Walker(u))), ground: TestScenarioFiles.School));
        var (id, other) = ($"trio-{suffix}", $"taker-{suffix}");
        (await host.PostJsonAsync("/api/incidents", new { id, name = "Bare", autoEnrol = true, site = new { origin = new { lat = TestSite.Origin.Latitude, lon = TestSite.Origin.Longitude } } })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(other))).EnsureSuccessStatusCode();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        host.Interleaving.Before(nameof(IUnitGrain.Claim), ids[2], async () =>
            Assert.Null(await grains.GetGrain<IIncidentGrain>(other).Enrol(ids[2], "Taken", UnitRole.Perimeter, "dispatch")));

        var refused = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name });
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/units", Ct);
        var site = (await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct)).GetProperty("site");
        var holders = await Task.WhenAll(ids.Select(async u => (await grains.GetGrain<IUnitGrain>(u).Get())?.IncidentId ?? "free"));
        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(
            ("enrolled-elsewhere", $"scenario '{name}', $.units[2] (unit '{ids[2]}'): unit '{ids[2]}' is enrolled in incident '{other}'; a commander of that incident must release it first (Release from incident… on its row)"),
            (Text(refusal, "reason"), Text(refusal, "detail")));
        Assert.Empty(units!);
        Assert.Empty(site.GetProperty("buildings").EnumerateArray());
        Assert.Equal(["free", "free", other], holders);
        Assert.Equal("none", Text(status, "state"));
    }

    [Fact]
    public async Task A_start_at_a_speed_its_units_would_report_faster_than_an_incident_takes_is_refused_saying_how_fast_it_may_play()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = host.Files.Write($"busy-{suffix}", TestScenarioFiles.Campus(
            string.Join(",", Enumerable.Range(0, 20).Select(i => TestScenarioFiles.Walker($"R{i}-{suffix}"))), more: "\"reporting\": { \"cadenceS\": 1 },"));
        var id = $"busy-{suffix}";
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();

        var refused = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name, speed = 60 });
        var refusal = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/units", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(
            ("invalid-value", $"scenario '{name}' sends 20 reports a second at speed 1 (20 units, one a cadence each), 1200 at speed 60; an incident takes at most 1000 a second from a drill: play it at speed 50 or less"),
            (Text(refusal, "reason"), Text(refusal, "detail")));
        Assert.Empty(units!);
    }

    [Fact]
    public async Task A_speed_sent_as_text_or_outside_what_a_drill_plays_at_is_refused_in_words()
    {
        var id = $"speed-{Guid.NewGuid():N}"[..20];
        using var asText = new StringContent("""{"action": "start", "scenario": "demo", "speed": "10"}""", Encoding.UTF8, "application/json");

        var text = await host.Client.PostAsync($"/api/incidents/{id}/drill", asText, Ct);
        var still = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = "demo", speed = 0 });
        var textRefusal = await text.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var stillRefusal = await still.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal(("malformed", "'speed' (at $.speed) must be a number"), (Text(textRefusal, "reason"), Text(textRefusal, "detail")));
        // A seed is a whole number: 1.5 was refused as "must be a number", which it was.
        using var fraction = new StringContent("""{"action": "start", "scenario": "demo", "seed": 1.5}""", Encoding.UTF8, "application/json");
        var seeded = await host.Client.PostAsync($"/api/incidents/{id}/drill", fraction, Ct);
        var seedRefusal = await seeded.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "malformed", "'seed' (at $.seed) must be a whole number"), (seeded.StatusCode, Text(seedRefusal, "reason"), Text(seedRefusal, "detail")));
        Assert.Equal(HttpStatusCode.BadRequest, still.StatusCode);
        Assert.Equal(
            [("speed", "invalid-value", "speed 0 is outside 0.25-60 drill seconds to each second")],
            stillRefusal.GetProperty("errors").EnumerateArray().Select(e => (Text(e, "field"), Text(e, "reason"), Text(e, "detail"))));
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A host that plays drills from a scenario folder of its own.</summary>
    public sealed class ScenarioHost : FakeClockHost
    {
        public ScenarioHost()
            : this(new TestScenarioFiles(), new InterleavedGrainCalls())
        {
        }

        private ScenarioHost(TestScenarioFiles files, InterleavedGrainCalls interleaving)
            : base(new Dictionary<string, string?> { [files.Setting.Key] = files.Setting.Value }, s => s.AddSingleton<IOutgoingGrainCallFilter>(interleaving))
        {
            Files = files;
            Interleaving = interleaving;
        }

        public TestScenarioFiles Files { get; }

        /// <summary>Steps a test runs just before a grain call in the host is sent (another incident taking a unit, say).</summary>
        public InterleavedGrainCalls Interleaving { get; }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Files.Dispose();
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Command.Domain.Geometry;
using Command.Host.Tests.Support;

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
        Assert.Matches(@"^scenario 'next-door', \$\.threat: threat T1 at 44,-99\.8\d+ is 14 km from site Test campus: a threat is placed within 10 km of it$", Text(refusal, "detail"));
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
            ("enrolled-elsewhere", $"scenario 'pair', $.units[0] (unit 'P{suffix}'): unit 'P{suffix}' is enrolled in incident '{first}'; release it there first (close that incident)"),
            (Text(refusal, "reason"), Text(refusal, "detail")));
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
            : this(new TestScenarioFiles())
        {
        }

        private ScenarioHost(TestScenarioFiles files)
            : base(new Dictionary<string, string?> { [files.Setting.Key] = files.Setting.Value }) =>
            Files = files;

        public TestScenarioFiles Files { get; }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Files.Dispose();
        }
    }
}

using System.Net;
using System.Text.Json;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Units;
using Command.Simulation.Demo;
using Command.Simulator.Api;
using Command.Simulator.Play;

namespace Command.Simulation.Tests.Simulator;

public sealed class HttpDrillSinkTests
{
    private readonly ApiRecorder api = new();
    private readonly ReportTally tally = new();
    private readonly StringWriter output = new();

    [Fact]
    public async Task Opening_creates_the_incident_places_the_threat_and_enrols_every_unit_with_the_token()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        await Sink().OpenAsync(demo.Setup(), TestContext.Current.CancellationToken);

        Assert.Equal(
            ["POST /api/incidents", "PUT /api/incidents/demo/threats/T1", .. Enumerable.Repeat("POST /api/incidents/demo/units", 8), "PUT /api/incidents/demo/exercise"],
            api.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.All(api.Requests, r => Assert.Equal("Bearer cmd_test", r.Credential));

        using var create = JsonDocument.Parse(api.Requests[0].Body);
        var root = create.RootElement;
        Assert.Equal(("demo", true), (root.GetProperty("id").GetString(), root.GetProperty("autoEnrol").GetBoolean()));
        var site = root.GetProperty("site");
        Assert.Equal(38.6517, site.GetProperty("origin").GetProperty("lat").GetDouble());
        Assert.Equal(["hot", "warm", "staging", "casualty-collection", "perimeter", "cold"], site.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("kind").GetString()));
        Assert.Equal(2, site.GetProperty("buildings")[0].GetProperty("floors").GetInt32());
        Assert.Equal("door", site.GetProperty("walks").GetProperty("nodes")[1].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, site.GetProperty("walks").GetProperty("edges")[0].GetProperty("lengthM").ValueKind);

        Assert.Equal("""{"unitId":"C1","callsign":"Command 1","role":"command","personName":"Lt. R. Ortiz","agency":"Meadowlark County Sheriff","icsPosition":"Incident Commander"}""", api.Requests[2].Body);
        Assert.StartsWith("""{"lat":38.6517""", api.Requests[1].Body, StringComparison.Ordinal);
        Assert.EndsWith(""","uncertaintyM":25,"phase":"reported","floor":0}""", api.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_every_right_playing_needs_stops_the_play_before_anything_is_created_naming_each_right_and_who_holds_it()
    {
        // A commander's and controller's token created the incident and enrolled every unit, then failed at its first report batch.
        api.Me = """{"name":"token:sim-cc","credential":"token","roles":["commander","controller"],"rights":["command","control-drills","watch","watch-replays","read-notes"]}""";
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<MissingRightsException>(() => Sink().OpenAsync(demo.Setup(), TestContext.Current.CancellationToken));

        Assert.Equal(
            "token:sim-cc may not play a drill: it lacks the 'report' right (admin or device holds it), to send its units' positions. Nothing was created or enrolled. "
            + "A device token holds the device role alone, so only an admin's token holds every right playing needs.",
            refused.Message);
        Assert.Equal(1, api.AskedWhoItIs);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_device_token_is_told_every_right_it_lacks()
    {
        api.Me = """{"name":"token:sim-dev","credential":"token","roles":["device"],"rights":["report"]}""";
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<MissingRightsException>(() => Sink().OpenAsync(demo.Setup(), TestContext.Current.CancellationToken));

        Assert.StartsWith(
            "token:sim-dev may not play a drill: it lacks the 'command' right (admin or commander holds it), to open the incident, place the threat and enrol and reassign its units; "
            + "and the 'control-drills' right (admin or controller holds it), to record the scenario played and say when the drill starts over and how fast it plays.",
            refused.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task The_scenario_played_is_recorded_with_its_version_and_objectives_as_the_hosts_own_drill_records_it()
    {
        // Played by the simulator, a session said "live drill (no scenario file)" and was compared with any other.
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        var sink = new HttpDrillSink(new CommandApiClient(ApiHttp.Create(new Uri("http://127.0.0.1:5000"), "cmd_test", api)), "demo", "demo", 1, tally, output, demo.Exercise("demo"));

        await sink.OpenAsync(demo.Setup(), TestContext.Current.CancellationToken);

        var put = Assert.Single(api.Requests, r => r.Path == "/api/incidents/demo/exercise");
        using var body = JsonDocument.Parse(put.Body);
        Assert.Equal(("PUT", "demo", demo.Version), (put.Method, body.RootElement.GetProperty("scenario").GetString(), body.RootElement.GetProperty("version").GetString()));
        Assert.Equal(demo.Objectives.Select(o => o.ObjectiveId), body.RootElement.GetProperty("objectives").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(demo.Objectives[0].Measures[0].PerformedS, body.RootElement.GetProperty("objectives")[0].GetProperty("measures")[0].GetProperty("performedS").GetDouble());
        Assert.True(api.Requests.IndexOf(put) > api.Requests.FindLastIndex(r => r.Path == "/api/incidents/demo/units"), "recorded before its units were enrolled");
    }

    [Fact]
    public async Task Existing_incident_and_units_are_reused()
    {
        api.Answer = (method, path) => (method, path) switch
        {
            // A unit enrolled there already is answered as the API answers it; any other 409 stops the play.
            ("POST", "/api/incidents/demo/units") => (HttpStatusCode.Conflict, """{"reason":"already-exists"}"""),
            ("POST", _) when !path.EndsWith("/reports", StringComparison.Ordinal) => (HttpStatusCode.Conflict, """{"reason":"incident-exists"}"""),
            // Nothing played there yet: its units have no position, and no drill started over on it.
            ("GET", _) => (HttpStatusCode.OK, "[]"),
            _ => (HttpStatusCode.OK, "{}"),
        };
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        await Sink().OpenAsync(demo.Setup(), TestContext.Current.CancellationToken);

        Assert.Equal(
            $"Incident 'demo' exists; reusing it.{Environment.NewLine}Enrolled 0 of 8 units (the rest were already enrolled).{Environment.NewLine}",
            output.ToString());
        Assert.DoesNotContain(api.Requests, r => r.Path.EndsWith("/drill", StringComparison.Ordinal));
        // The scenario's site is given to it (kept where it has it already), its own origin standing.
        var site = Assert.Single(api.Requests, r => r.Method == "PUT" && r.Path == "/api/incidents/demo/site");
        using var body = JsonDocument.Parse(site.Body);
        Assert.False(body.RootElement.TryGetProperty("origin", out var origin) && origin.ValueKind != JsonValueKind.Null, "the site given names an origin");
        Assert.Equal(6, body.RootElement.GetProperty("zones").GetArrayLength());
        Assert.Equal(1, api.Requests.IndexOf(site));
    }

    [Theory]
    [InlineData("""[{"unitId":"P1","lastFix":{"unitId":"P1"}}]""", "[]", 2)]
    [InlineData("""[{"unitId":"P1","lastFix":null}]""", """[{"type":"drill-controlled","subject":"start","level":null},{"type":"drill-controlled","subject":"start-over","level":"2"},{"type":"drill-controlled","subject":"start-over","level":"3"}]""", 4)]
    [InlineData("""[{"unitId":"P1","lastFix":{"unitId":"P1"}}]""", """[{"type":"flag-raised","subject":"P1","level":"watch"},{"type":"drill-controlled","subject":"start-over","level":"2"}]""", 3)]
    public async Task An_incident_a_drill_played_on_before_is_started_over_into_the_next_round_before_any_unit_moves_and_its_loops_follow(
        string units, string timeline, int round)
    {
        api.Answer = (method, path) => (method, path) switch
        {
            ("POST", "/api/incidents") => (HttpStatusCode.Conflict, """{"reason":"incident-exists"}"""),
            ("GET", "/api/incidents/demo/units") => (HttpStatusCode.OK, units),
            ("GET", "/api/sessions/demo/timeline") => (HttpStatusCode.OK, timeline),
            _ => (HttpStatusCode.OK, "{}"),
        };
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        var sink = Sink();

        await sink.OpenAsync(demo.Setup(), TestContext.Current.CancellationToken);
        await sink.StartOverAsync(2, TestContext.Current.CancellationToken);

        var overs = api.Requests.Where(r => r.Path == "/api/incidents/demo/drill").Select(r => r.Body).ToList();
        Assert.Equal([$$"""{"scenario":"demo","round":{{round}},"action":"start-over"}""", $$"""{"scenario":"demo","round":{{round + 1}},"action":"start-over"}"""], overs);
        var first = api.Requests.FindIndex(r => r.Path == "/api/incidents/demo/drill");
        Assert.True(first < api.Requests.FindIndex(r => r.Path.EndsWith("/units", StringComparison.Ordinal) && r.Method == "POST"), "started over after a unit was enrolled");
        Assert.Contains($"Started over: round {round}; the incident judges every unit afresh.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_right_to_control_drills_a_reused_incident_still_plays_and_says_its_units_are_judged_against_the_last_round()
    {
        api.Answer = (method, path) => (method, path) switch
        {
            ("POST", "/api/incidents") => (HttpStatusCode.Conflict, """{"reason":"incident-exists"}"""),
            ("GET", "/api/incidents/demo/units") => (HttpStatusCode.OK, """[{"unitId":"P1","lastFix":{"unitId":"P1"}}]"""),
            ("GET", "/api/sessions/demo/timeline") => (HttpStatusCode.OK, "[]"),
            ("POST", "/api/incidents/demo/drill") => (HttpStatusCode.Forbidden, """{"reason":"forbidden"}"""),
            _ => (HttpStatusCode.OK, "{}"),
        };
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);

        await Sink().OpenAsync(demo.Setup(), TestContext.Current.CancellationToken);

        Assert.Contains(
            "Warning: this token may not control drills, so the incident was not told round 2 begins: its units are judged against where the last round left them.",
            output.ToString(), StringComparison.Ordinal);
        Assert.Equal(8, api.Requests.Count(r => r.Method == "POST" && r.Path == "/api/incidents/demo/units"));
    }

    [Fact]
    public async Task Units_a_run_before_left_in_another_role_start_in_the_role_the_script_gives_them()
    {
        // The last run ended with Patrol 17 (P4) sent in from staging: left so, it stood at staging judged as contact.
        api.Answer = (method, path) => (method, path) switch
        {
            ("POST", "/api/incidents") => (HttpStatusCode.Conflict, """{"reason":"incident-exists"}"""),
            ("POST", "/api/incidents/demo/units") => (HttpStatusCode.Conflict, """{"reason":"already-exists"}"""),
            ("GET", "/api/incidents/demo/units") => (HttpStatusCode.OK, """[{"unitId":"P4","role":"contact"},{"unitId":"R1","role":"rescueTaskForce"},{"unitId":"M1","role":"medical"}]"""),
            ("GET", "/api/sessions/demo/timeline") => (HttpStatusCode.OK, "[]"),
            _ => (HttpStatusCode.OK, "{}"),
        };
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);

        await Sink().OpenAsync(demo.Setup(), TestContext.Current.CancellationToken);

        var roles = api.Requests.Where(r => r.Method == "PUT" && r.Path.EndsWith("/role", StringComparison.Ordinal)).Select(r => (r.Path, r.Body)).ToList();
        Assert.Equal([("/api/incidents/demo/units/P4/role", """{"role":"staging"}""")], roles);
        Assert.True(api.Requests.FindLastIndex(r => r.Path == "/api/incidents/demo/units" && r.Method == "POST") < api.Requests.FindIndex(r => r.Path.EndsWith("/role", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_unit_enrolled_in_another_open_incident_stops_the_play_naming_it()
    {
        api.Answer = (method, path) => (method, path) switch
        {
            ("POST", "/api/incidents/demo/units") => (HttpStatusCode.Conflict, """{"reason":"enrolled-elsewhere","detail":"unit 'C1' is enrolled in incident 'bb5a'"}"""),
            _ => (HttpStatusCode.OK, "{}"),
        };
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Sink().OpenAsync(demo.Setup(), TestContext.Current.CancellationToken));

        Assert.Contains("unit 'C1' is enrolled in incident 'bb5a'", refused.Message, StringComparison.Ordinal);
        Assert.Single(api.Requests, r => r.Path == "/api/incidents/demo/units");
    }

    [Fact]
    public async Task A_unit_whose_callsign_a_unit_of_the_incident_has_stops_the_play_naming_it()
    {
        api.Answer = (method, path) => (method, path) switch
        {
            ("POST", "/api/incidents/demo/units") => (HttpStatusCode.Conflict, """{"reason":"callsign-taken","detail":"callsign 'Patrol 12' reads as 'PATROL 12' of unit 'X1', already enrolled in incident 'demo'"}"""),
            _ => (HttpStatusCode.OK, "{}"),
        };
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Sink().OpenAsync(demo.Setup(), TestContext.Current.CancellationToken));

        Assert.Contains("reads as 'PATROL 12' of unit 'X1'", refused.Message, StringComparison.Ordinal);
        Assert.Single(api.Requests, r => r.Path == "/api/incidents/demo/units");
    }

    [Fact]
    public async Task An_existing_incident_with_another_site_of_its_own_stops_the_play_before_any_unit_is_enrolled()
    {
        api.Answer = (method, path) => (method, path) switch
        {
            ("POST", "/api/incidents") => (HttpStatusCode.Conflict, """{"reason":"incident-exists"}"""),
            ("PUT", "/api/incidents/demo/site") => (HttpStatusCode.Conflict, """{"reason":"site-differs","detail":"incident 'demo' has a site of its own, Campus, that differs: zones hot against the site given's hot, warm"}"""),
            _ => (HttpStatusCode.OK, "{}"),
        };
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Sink().OpenAsync(demo.Setup(), TestContext.Current.CancellationToken));

        Assert.Contains("site-differs", refused.Message, StringComparison.Ordinal);
        Assert.Contains("zones hot against the site given's hot, warm", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, r => r.Path.EndsWith("/units", StringComparison.Ordinal) || r.Path.Contains("/threats/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reports_are_posted_in_one_request_in_the_documented_shape()
    {
        api.Answer = (_, _) => (HttpStatusCode.OK, """{"accepted":1,"rejected":[]}""");
        var report = new PositionReport("U1", ReportSource.Simulator, new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), new GeoPoint(38.6517, -98.4306),
            AccuracyM: 5, SpeedMps: 1.2, CourseDeg: 90, Callsign: "Adam 12");
        await Sink().ReportsAsync([report], TestContext.Current.CancellationToken);

        var request = Assert.Single(api.Requests);
        Assert.Equal(("POST", "/api/incidents/demo/reports"), (request.Method, request.Path));
        Assert.Equal(
            """{"reports":[{"unitId":"U1","fixTime":"2026-11-25T10:00:00Z","lat":38.6517,"lon":-98.4306,"altitudeM":null,"accuracyM":5,"speedMps":1.2,"courseDeg":90,"callsign":"Adam 12","source":"simulator"}]}""",
            request.Body);
        Assert.Equal("sent 1, accepted 1, rejected 0", tally.ToString());
    }

    [Fact]
    public async Task A_tick_larger_than_the_hosts_batch_limit_goes_in_several_requests_in_order()
    {
        api.Answer = (_, _) => (HttpStatusCode.OK, """{"accepted":0,"rejected":[]}""");
        var reports = Enumerable.Range(0, 12_000)
            .Select(i => new PositionReport($"U{i}", ReportSource.Simulator, DateTimeOffset.UnixEpoch, new GeoPoint(1, 1)))
            .ToList();
        await Sink().ReportsAsync(reports, TestContext.Current.CancellationToken);

        var firsts = api.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("reports")).Select(a => (a.GetArrayLength(), a[0].GetProperty("unitId").GetString()));
        Assert.Equal([(5000, "U0"), (5000, "U5000"), (2000, "U10000")], firsts);
    }

    [Fact]
    public async Task Refused_reports_in_a_400_are_counted_by_reason()
    {
        api.Answer = (_, _) => (HttpStatusCode.BadRequest,
            """{"accepted":1,"rejected":[{"index":1,"unitId":"U1","reason":"future-fix","detail":"fix time is 40 s ahead"},{"index":2,"unitId":"U1","reason":"implied-speed","detail":"x"}]}""");
        var report = new PositionReport("U1", ReportSource.Simulator, DateTimeOffset.UnixEpoch, new GeoPoint(1, 1));
        await Sink().ReportsAsync([report, report, report], TestContext.Current.CancellationToken);

        Assert.Equal("sent 3, accepted 1, rejected 2 (future-fix 1, implied-speed 1)", tally.ToString());
    }

    [Fact]
    public async Task Role_change_and_threat_move_are_put_to_their_resources()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        await Sink().RoleAsync("P4", UnitRole.RescueTaskForce, TestContext.Current.CancellationToken);
        await Sink().ThreatAsync(demo.Threat.Steps[2].Threat, demo.Threat.Steps[2].Reason, TestContext.Current.CancellationToken);

        Assert.Equal(("PUT", "/api/incidents/demo/units/P4/role", """{"role":"rescue-task-force"}"""), (api.Requests[0].Method, api.Requests[0].Path, api.Requests[0].Body));
        Assert.Equal(("PUT", "/api/incidents/demo/threats/T1"), (api.Requests[1].Method, api.Requests[1].Path));
        Assert.Contains("\"phase\":\"contained\"", api.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_over_is_posted_to_the_drill_resource_with_its_round()
    {
        await Sink().StartOverAsync(2, TestContext.Current.CancellationToken);

        var request = Assert.Single(api.Requests);
        Assert.Equal(("POST", "/api/incidents/demo/drill", """{"scenario":"demo","round":2,"action":"start-over"}"""), (request.Method, request.Path, request.Body));
        Assert.Equal($"Started over: round 2; the incident judges every unit afresh.{Environment.NewLine}", output.ToString());
    }

    [Fact]
    public async Task A_drill_played_at_5x_tells_the_incident_its_clock_after_opening_and_gives_the_incident_its_own_back_at_the_end()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        var sink = Sink(speed: 5);
        await sink.OpenAsync(demo.Setup(), TestContext.Current.CancellationToken);
        await sink.EndedAsync(TestContext.Current.CancellationToken);

        var clocks = api.Requests.Where(r => r.Path == "/api/incidents/demo/drill").Select(r => r.Body).ToList();
        Assert.Equal(["""{"scenario":"demo","speed":5,"action":"clock"}""", """{"scenario":"demo","speed":1,"action":"clock"}"""], clocks);
        Assert.Equal("/api/incidents/demo/drill", api.Requests[11].Path);
        Assert.Contains("The incident judges its units on this drill's clock: 5 s of drill to each second.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drill_played_in_real_time_says_nothing_of_its_clock()
    {
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        var sink = Sink();
        await sink.OpenAsync(demo.Setup(), TestContext.Current.CancellationToken);
        await sink.EndedAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(api.Requests, r => r.Path.EndsWith("/drill", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_right_to_control_drills_a_fast_drill_still_plays_and_says_how_it_will_be_judged()
    {
        api.Answer = (_, path) => path.EndsWith("/drill", StringComparison.Ordinal) ? (HttpStatusCode.Forbidden, """{"reason":"forbidden"}""") : (HttpStatusCode.OK, "{}");
        var demo = await DemoScenario.LoadAsync(TestContext.Current.CancellationToken);
        await Sink(speed: 4).OpenAsync(demo.Setup(), TestContext.Current.CancellationToken);

        Assert.Contains(
            "Warning: this token may not control drills, so the incident judges units on its own clock: at 4x a hold the script makes 4 minutes long is judged 60 s long.",
            output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_error_surfaces_with_its_status_and_body()
    {
        api.Answer = (_, _) => (HttpStatusCode.NotFound, """{"reason":"unknown-incident"}""");
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => Sink().RoleAsync("P4", UnitRole.Contact, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Equal("""PUT http://127.0.0.1:5000/api/incidents/demo/units/P4/role answered 404: {"reason":"unknown-incident"}""", e.Message);
    }

    private HttpDrillSink Sink(double speed = 1) => new(new CommandApiClient(ApiHttp.Create(new Uri("http://127.0.0.1:5000"), "cmd_test", api)), "demo", "demo", speed, tally, output);
}

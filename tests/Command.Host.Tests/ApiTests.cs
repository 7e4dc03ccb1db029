using System.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace Command.Host.Tests;

public sealed class ApiTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewId() => $"t-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Health_answers_once_the_silo_is_up()
    {
        var response = await host.Client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_incident_is_created_listed_and_read_back()
    {
        var id = NewId();

        var created = await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        var list = await host.Client.GetFromJsonAsync<JsonElement>("/api/incidents", Ct);
        var read = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains(list.EnumerateArray(), i => i.GetProperty("incidentId").GetString() == id);
        Assert.Equal($"Drill {id}", read.GetProperty("name").GetString());
        Assert.Equal("hot", read.GetProperty("site").GetProperty("zones")[0].GetProperty("kind").GetString());
        Assert.Equal(44.0, read.GetProperty("site").GetProperty("origin").GetProperty("latitude").GetDouble());
    }

    [Fact]
    public async Task An_incident_reactivates_from_the_hosts_grain_storage_with_its_units()
    {
        var id = await host.NextIncidentAsync(NewId());
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", DateTimeOffset.UtcNow, 0, -50) } })).EnsureSuccessStatusCode();
        var before = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        await grains.GetGrain<Command.Grains.Incidents.IIncidentGrain>(id).Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        var after = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);

        Assert.Equal(before.GetProperty("lastSequence").GetInt64(), after.GetProperty("lastSequence").GetInt64());
        Assert.Equal("P1", Assert.Single(units.EnumerateArray()).GetProperty("unitId").GetString());
    }

    [Fact]
    public async Task A_unit_enrolled_in_an_open_incident_is_refused_by_another_until_it_is_let_go()
    {
        var (first, second) = (NewId(), NewId());
        var unitId = $"S-{Guid.NewGuid():N}"[..12];
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(first));
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(second));
        (await host.PostJsonAsync($"/api/incidents/{first}/units", new { unitId, callsign = "Sierra 1", role = "contact" })).EnsureSuccessStatusCode();

        var stolen = await host.PostJsonAsync($"/api/incidents/{second}/units", new { unitId, callsign = "steal", role = "contact" });
        var again = await host.PostJsonAsync($"/api/incidents/{first}/units", new { unitId, callsign = "Sierra 1", role = "contact" });
        var record = await host.Client.GetFromJsonAsync<JsonElement>($"/api/units/{unitId}", Ct);
        var secondUnits = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{second}/units", Ct);
        (await host.PostJsonAsync($"/api/incidents/{first}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<Command.Grains.Incidents.IIncidentGrain>(second).ReadModelsTold();
        var afterClose = await host.PostJsonAsync($"/api/incidents/{second}/units", new { unitId, callsign = "Sierra 1", role = "contact" });

        Assert.Equal(HttpStatusCode.Conflict, stolen.StatusCode);
        var error = await stolen.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("enrolled-elsewhere", $"unit '{unitId}' is enrolled in incident '{first}'; a commander of that incident must release it first (Release from incident… on its row)"),
            (error.GetProperty("reason").GetString(), error.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(first, record.GetProperty("incidentId").GetString());
        Assert.Empty(secondUnits.EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, afterClose.StatusCode);
    }

    [Fact]
    public async Task A_unit_released_with_a_reason_leaves_the_incident_and_its_own_incident_enrols_it_while_both_stay_open()
    {
        var (wrong, own) = (NewId(), NewId());
        var unitId = $"F-{Guid.NewGuid():N}"[..12];
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(wrong));
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(own));
        (await host.PostJsonAsync($"/api/incidents/{wrong}/units", new { unitId, callsign = "Fox 1", role = "unassigned" })).EnsureSuccessStatusCode();

        var noReason = await host.PostJsonAsync($"/api/incidents/{wrong}/units/{unitId}/release", new { });
        var nobody = await host.PostJsonAsync($"/api/incidents/{wrong}/units/nobody/release", new { reason = "wrong incident" });
        var released = await host.PostJsonAsync($"/api/incidents/{wrong}/units/{unitId}/release", new { reason = "enrolled in the wrong incident" });
        var twice = await host.PostJsonAsync($"/api/incidents/{wrong}/units/{unitId}/release", new { reason = "enrolled in the wrong incident" });
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{wrong}/units", Ct);
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<Command.Grains.Incidents.IIncidentGrain>(wrong).ReadModelsTold();
        var enrolled = await host.PostJsonAsync($"/api/incidents/{own}/units", new { unitId, callsign = "Fox 1", role = "contact" });
        (await host.PostJsonAsync($"/api/incidents/{wrong}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        var closed = await host.PostJsonAsync($"/api/incidents/{wrong}/units/{unitId}/release", new { reason = "again" });

        Assert.Equal((HttpStatusCode.BadRequest, "missing-field"), (noReason.StatusCode, await ReasonAsync(noReason)));
        Assert.Equal((HttpStatusCode.NotFound, "unknown-unit"), (nobody.StatusCode, await ReasonAsync(nobody)));
        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "duplicate"), (twice.StatusCode, await ReasonAsync(twice)));
        Assert.Empty(units.EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
    }

    private static async Task<string?> ReasonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString();

    [Fact]
    public async Task A_unit_whose_callsign_reads_as_another_units_of_the_incident_is_refused_as_callsign_taken()
    {
        var id = NewId();
        var (patrol, other) = ($"P-{Guid.NewGuid():N}"[..12], $"Q-{Guid.NewGuid():N}"[..12]);
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = patrol, callsign = "P1", role = "contact" })).EnsureSuccessStatusCode();

        var lookalike = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = other, callsign = "\u04201", role = "contact" });
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);
        var own = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = other, callsign = "P2", role = "contact" });

        Assert.Equal(HttpStatusCode.Conflict, lookalike.StatusCode);
        var error = await lookalike.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("callsign-taken", $"callsign '\u04201' reads as 'P1' of unit '{patrol}', already enrolled in incident '{id}' ('\u0420' is U+0420): a board or a log could not tell the two apart; give this unit a callsign of its own"),
            (error.GetProperty("reason").GetString(), error.GetProperty("detail").GetString()));
        Assert.Equal([patrol], units.EnumerateArray().Select(u => u.GetProperty("unitId").GetString()));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
    }

    [Theory]
    [InlineData("P\u00e91", "Pe\u03011")]
    [InlineData("Pe\u03011", "P\u00e91")]
    public async Task A_callsign_typed_with_its_accent_apart_or_as_one_character_is_one_callsign_kept_composed(string first, string second)
    {
        var id = NewId();
        var (patrol, other) = ($"P-{Guid.NewGuid():N}"[..12], $"Q-{Guid.NewGuid():N}"[..12]);
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        var taken = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = patrol, callsign = first, role = "contact", personName = "Jose\u0301 Ruiz" });

        var again = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = other, callsign = second, role = "contact" });
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);

        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.Equal("P\u00e91", (await taken.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("callsign").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var error = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("callsign-taken", $"callsign 'P\u00e91' is taken by unit '{patrol}', already enrolled in incident '{id}': a board or a log could not tell the two apart; give this unit a callsign of its own"),
            (error.GetProperty("reason").GetString(), error.GetProperty("detail").GetString()));
        var unit = Assert.Single(units.EnumerateArray());
        Assert.Equal((patrol, "P\u00e91"), (unit.GetProperty("unitId").GetString(), unit.GetProperty("callsign").GetString()));
    }

    [Fact]
    public async Task A_callsign_with_a_mark_on_no_letter_is_refused_naming_it_and_nothing_is_enrolled()
    {
        var id = NewId();
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));

        var refused = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "M1", callsign = "P1\u0301", role = "contact" });
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("invalid-value", "a mark (an accent, a vowel sign) in a callsign is written on a letter, and U+0301 follows '1'"),
            (error.GetProperty("reason").GetString(), error.GetProperty("detail").GetString()));
        Assert.Equal(0, units.GetArrayLength());
    }

    [Fact]
    public async Task Acknowledging_a_subject_with_no_flag_up_is_refused_and_not_recorded()
    {
        var id = NewId();
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        var unitId = $"C-{Guid.NewGuid():N}"[..12];
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId, callsign = "Command 1", role = "command" })).EnsureSuccessStatusCode();
        var before = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);

        var unknown = await host.PostJsonAsync($"/api/incidents/{id}/flags/NOPE/ack", new { reason = "x" });
        var flagless = await host.PostJsonAsync($"/api/incidents/{id}/flags/{unitId}/ack", new { reason = "x" });
        var after = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Conflict), (unknown.StatusCode, flagless.StatusCode));
        Assert.Equal("no-flag-up", (await flagless.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Equal(before.GetProperty("lastSequence").GetInt64(), after.GetProperty("lastSequence").GetInt64());
    }

    [Fact]
    public async Task Creating_an_existing_incident_is_a_conflict()
    {
        var id = NewId();
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));

        var again = await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("incident-exists", (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_bad_site_gets_a_reason_per_field()
    {
        var body = new
        {
            id = NewId(),
            site = new
            {
                origin = new { lat = 95.0, lon = 10.0 },
                zones = new[] { new { id = "z1", kind = "lukewarm", polygon = TestSite.Square(0, 10) } },
            },
        };

        var response = await host.PostJsonAsync("/api/incidents", body);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-request", error.GetProperty("reason").GetString());
        Assert.Equal(
            [("site.origin", "invalid-coordinates"), ("site.zones[0].kind", "invalid-value")],
            error.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("reason").GetString())));
        Assert.Equal("2 fields are invalid", error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_refusal_of_one_field_leads_with_that_fields_own_sentence()
    {
        // "1 field(s) are invalid" came first, and the page showed the one thing to put right in brackets after it.
        var body = new { id = NewId(), site = new { origin = new { lat = 95.0, lon = 10.0 } } };

        var response = await host.PostJsonAsync("/api/incidents", body);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-request", error.GetProperty("reason").GetString());
        var field = Assert.Single(error.GetProperty("errors").EnumerateArray());
        Assert.Equal(["field", "reason", "detail"], field.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("site.origin", "invalid-coordinates"), (field.GetProperty("field").GetString(), field.GetProperty("reason").GetString()));
        Assert.Equal($"site.origin: {field.GetProperty("detail").GetString()}", error.GetProperty("detail").GetString());
        Assert.StartsWith("site.origin: ", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_is_held_to_the_rules_scenario_files_obey()
    {
        var footprint = TestSite.Square(100, 20);
        var body = new
        {
            id = NewId(),
            site = new
            {
                origin = new { lat = 44.0, lon = -100.0 },
                buildings = new[] { new { id = "main", floors = 201, footprint }, new { id = "main", floors = 1, footprint } },
                zones = Enumerable.Range(0, 501).Select(i => new { id = $"z{i}", kind = "hot", polygon = footprint }),
                walks = new { nodes = new[] { new { id = "a", lat = 44.0, lon = -100.0, kind = "ladder" } } },
            },
        };

        var response = await host.PostJsonAsync("/api/incidents", body);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            [("site.walks.nodes[0].kind", "invalid-value"), ("site.buildings[0].floors", "invalid-value"), ("site.buildings[1].id", "invalid-value"), ("site.zones", "oversized")],
            error.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("reason").GetString())));
    }

    [Fact]
    public async Task Malformed_json_is_refused_as_malformed()
    {
        using var content = new StringContent("{\"id\": ", System.Text.Encoding.UTF8, "application/json");

        var response = await host.Client.PostAsync("/api/incidents", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_field_the_request_does_not_take_is_refused_by_name_and_nothing_is_opened()
    {
        // A misspelt field would otherwise be dropped without a word, and its default taken for what was meant.
        var id = NewId();
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(TestSite.CreateIncident(id), System.Text.Json.JsonSerializerOptions.Web))!.AsObject();
        body["bogusField"] = 1;

        var response = await host.PostJsonAsync("/api/incidents", body);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var after = await host.Client.GetAsync($"/api/incidents/{id}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unknown-field", error.GetProperty("reason").GetString());
        Assert.Equal("this request takes no field 'bogusField' (at $.bogusField); check its spelling against the API", error.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task A_field_given_twice_is_refused_by_name_and_nothing_changes()
    {
        // Which of the two was meant is unknown: a reader would keep the last, so "neutralized" would win in silence.
        var id = NewId();
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0009, lon = -100.0, uncertaintyM = 10, phase = "active" }, Ct)).EnsureSuccessStatusCode();
        using var doubled = new StringContent(
            "{\"phase\": \"contained\", \"reason\": \"subject barricaded\", \"Phase\": \"neutralized\"}", System.Text.Encoding.UTF8, "application/json");

        var response = await host.Client.PostAsync($"/api/incidents/{id}/threats/T1/phase", doubled, Ct);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var view = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("malformed", "'phase' is given twice (at $.Phase); a request names each field once"), (error.GetProperty("reason").GetString(), error.GetProperty("detail").GetString()));
        Assert.Equal("active", view.GetProperty("threats")[0].GetProperty("phase").GetString());
    }

    [Fact]
    public async Task A_phase_declared_again_as_it_was_is_recorded_once_and_again_for_another_reason_is_refused()
    {
        // Five presses of "contained" printed five lines in the commander's ICS-214 log.
        var id = NewId();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0009, lon = -100.0, uncertaintyM = 10, phase = "active" }, Ct)).EnsureSuccessStatusCode();
        var contained = new { phase = "contained", reason = "barricaded in room 12" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.PostJsonAsync($"/api/incidents/{id}/threats/T1/phase", contained)));
        var otherReason = await host.PostJsonAsync($"/api/incidents/{id}/threats/T1/phase", new { phase = "contained", reason = "in custody" });
        var error = await otherReason.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var active = await host.PostJsonAsync($"/api/incidents/{id}/threats/T1/phase", new { phase = "active", reason = "shots heard again" });
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        Assert.Equal((HttpStatusCode.Conflict, "already-exists"), (otherReason.StatusCode, error.GetProperty("reason").GetString()));
        Assert.Equal("threat T1 is already contained (declared by token:bootstrap: barricaded in room 12); it is not declared contained again for another reason: a note records more",
            error.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NoContent, active.StatusCode);
        var phases = timeline!.Where(m => m.GetProperty("type").GetString() == "threat-phase-changed").Select(m => m.GetProperty("level").GetString());
        Assert.Equal(["contained", "active"], phases);
    }

    [Fact]
    public async Task A_threat_sent_again_as_it_stands_is_answered_as_placed_and_recorded_once()
    {
        // An integration that sends its threat again each minute put a "threat placed" in the feed each time.
        var id = NewId();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        var threat = new { lat = 44.0009, lon = -100.0, uncertaintyM = 10, phase = "active", name = "Shooter", remarks = "male, black hoodie" };

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", threat, Ct));
        }

        var moved = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", threat with { lat = 44.0010 }, Ct);
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(44.0009, (await answers[^1].Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("position").GetProperty("latitude").GetDouble());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(2, timeline!.Count(m => m.GetProperty("type").GetString() == "threat-set"));
    }

    [Fact]
    public async Task A_threat_moved_without_a_phase_keeps_its_own_and_one_placed_afresh_without_one_is_active()
    {
        // Contained by a commander's decision: moved by an integration that says only where, it went active again in
        // silence, and its flags were no longer held back.
        var id = NewId();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0009, lon = -100.0, uncertaintyM = 10, phase = "active" }, Ct)).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/threats/T1/phase", new { phase = "contained", reason = "barricaded in room 12" })).EnsureSuccessStatusCode();

        var moved = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0010, lon = -100.0 }, Ct);
        var placed = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T2", new { lat = 44.0010, lon = -100.0 }, Ct);
        var view = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);

        Assert.Equal((HttpStatusCode.OK, "contained"), (moved.StatusCode, (await moved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("phase").GetString()));
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        Assert.Equal([("T1", "contained"), ("T2", "active")],
            view.GetProperty("threats").EnumerateArray().Select(t => (t.GetProperty("threatId").GetString(), t.GetProperty("phase").GetString())).OrderBy(t => t.Item1));
    }

    [Fact]
    public async Task Declaring_the_phase_of_a_threat_the_incident_does_not_have_is_not_found()
    {
        var id = NewId();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();

        var response = await host.PostJsonAsync($"/api/incidents/{id}/threats/T9/phase", new { phase = "contained", reason = "subject barricaded" });
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(("unknown-threat", "threat 'T9' is not in this incident"), (error.GetProperty("reason").GetString(), error.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_role_change_made_from_a_role_the_unit_no_longer_holds_is_refused_and_changes_nothing()
    {
        // Two commanders on one unit: one makes it staging; the other's change, made from the contact it was shown as, is
        // refused rather than taken over the first's head. Said from the role it holds, it is taken.
        var id = await host.NextIncidentAsync(NewId());
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "P1", callsign = "Patrol 1", role = "contact" })).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/units/P1/role", new { role = "staging", was = "contact" }, Ct)).EnsureSuccessStatusCode();

        var late = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/units/P1/role", new { role = "perimeter", was = "contact" }, Ct);
        var unknown = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/units/P1/role", new { role = "perimeter", was = "boss" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var body = await late.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("role-changed", "Patrol 1 is staging now, not contact: someone else reassigned it meanwhile, so it was not made perimeter; choose again if it should be"),
            (body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.StartsWith("was: 'boss' is not one of ", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);
        Assert.Equal("staging", Assert.Single(units.EnumerateArray()).GetProperty("role").GetString());
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/units/P1/role", new { role = "perimeter", was = "staging" }, Ct)).EnsureSuccessStatusCode();
        units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);
        Assert.Equal("perimeter", Assert.Single(units.EnumerateArray()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_unit_whose_radio_id_holds_a_slash_is_addressed_with_it_escaped()
    {
        // A CoT uid is any text: "TAK/7" reports, is on the board, and the page sends its id as TAK%2F7.
        var id = await host.NextIncidentAsync(NewId());
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        var unit = $"TAK/{Guid.NewGuid():N}"[..12];
        var escaped = Uri.EscapeDataString(unit);
        (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report(unit, DateTimeOffset.UtcNow, 0, -50) } })).EnsureSuccessStatusCode();

        var role = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/units/{escaped}/role", new { role = "perimeter" }, Ct);
        var ack = await host.PostJsonAsync($"/api/incidents/{id}/flags/{escaped}/ack", new { reason = "seen" });
        var record = await host.Client.GetFromJsonAsync<JsonElement>($"/api/units/{escaped}", Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);

        Assert.True(role.IsSuccessStatusCode, $"role change answered {(int)role.StatusCode}");
        Assert.Equal("perimeter", Assert.Single(units.EnumerateArray()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Conflict, ack.StatusCode);
        Assert.Equal("no-flag-up", (await ack.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Equal((unit, id), (record.GetProperty("unitId").GetString(), record.GetProperty("incidentId").GetString()));
    }

    [Fact]
    public async Task A_close_is_on_the_sessions_timeline_with_its_reason_and_who_closed_it()
    {
        var id = NewId();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();

        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);

        var closed = timeline![^1];
        Assert.Equal(("incident-closed", "exercise over", "token:bootstrap"),
            (closed.GetProperty("type").GetString(), closed.GetProperty("reason").GetString(), closed.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task A_bad_batch_gets_exact_reasons_and_its_good_reports_stay_accepted()
    {
        var id = await host.NextIncidentAsync(NewId());
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        var now = DateTimeOffset.UtcNow;
        var batch = new object[]
        {
            TestSite.Report("P1", now.AddSeconds(-2), 0, -50),
            new { unitId = "P2", fixTime = now, lat = 91.0, lon = 0.0 },
            new { unitId = "P3", fixTime = now.AddMinutes(5), lat = 44.0, lon = -100.0 },
            new { unitId = "P4", lat = 44.0, lon = -100.0 },
            TestSite.Report("P1", now.AddSeconds(-2), 0, -48),
            new { unitId = "P5", fixTime = now, lat = 0.0, lon = 0.0 },
            "not an object",
            TestSite.Report("P1", now.AddSeconds(-1), 0, -47),
        };

        var response = await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = batch });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(
            [(1, "invalid-coordinates"), (2, "future-fix"), (3, "missing-field"), (4, "duplicate"), (5, "zero-position"), (6, "malformed")],
            body.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("reason").GetString())));
        var p1 = Assert.Single(units.EnumerateArray());
        Assert.Equal("P1", p1.GetProperty("unitId").GetString());
    }

    [Fact]
    public async Task A_report_whose_text_is_not_utf8_is_refused_by_field_and_a_command_naming_its_place_not_answered_500()
    {
        var id = await host.NextIncidentAsync(NewId());
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        var now = DateTimeOffset.UtcNow;
        var good = System.Text.Json.JsonSerializer.Serialize(TestSite.Report("P1", now.AddSeconds(-1), 0, -50));
        // A client writing Latin-1: "Jos\xE9" as its callsign; then a unit id holding half a surrogate pair.
        byte[] body =
        [
            .. Encoding.ASCII.GetBytes($"{{\"reports\":[{good[..^1]},\"callsign\":\"Jos"), 0xE9,
            .. Encoding.ASCII.GetBytes($"\"}},{{\"unitId\":\"P\\ud8002\",\"fixTime\":\"{now:O}\",\"lat\":44.0,\"lon\":-100.0}},{good}]}}"),
        ];

        using var reports = await host.Client.PostAsync($"/api/incidents/{id}/reports", Json(body), Ct);
        using var note = await host.Client.PostAsync($"/api/sessions/{id}/notes", Json([.. "{\"text\":\"Jos"u8, 0xE9, .. "\",\"mark\":\"observation\"}"u8]), Ct);

        var answer = await reports.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.BadRequest, 1), (reports.StatusCode, answer.GetProperty("accepted").GetInt32()));
        Assert.Equal(
            [(0, "malformed", "'callsign' " + Command.Ingest.Json.JsonText.NotText), (1, "malformed", "'unitId' " + Command.Ingest.Json.JsonText.NotText)],
            answer.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("reason").GetString(), r.GetProperty("detail").GetString())));
        var refusal = await note.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "malformed", "the value at $.text " + Command.Ingest.Json.JsonText.NotText),
            (note.StatusCode, refusal.GetProperty("reason").GetString(), refusal.GetProperty("detail").GetString()));
    }

    private static ByteArrayContent Json(byte[] body) => new(body) { Headers = { ContentType = new("application/json") } };

    [Fact]
    public async Task A_report_with_a_misspelt_or_doubled_field_is_refused_by_name_and_the_rest_are_taken()
    {
        // "accuracy" for accuracyM, skipped, would have the fix taken with no accuracy, speed or course and no word why.
        var id = await host.NextIncidentAsync(NewId());
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        var now = DateTimeOffset.UtcNow;
        var batch = new object[]
        {
            new { unitId = "J21", fixTime = now, lat = 44.0, lon = -100.0, accuracy = 3, speed = 2.0, course = 90 },
            TestSite.Report("P1", now.AddSeconds(-1), 0, -50),
        };
        var doubled = "{\"reports\":[{\"unitId\":\"J12\",\"unitId\":\"J13\",\"fixTime\":\"" + now.ToString("O") + "\",\"lat\":44.0,\"lon\":-100.0}]}";

        var response = await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = batch });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var twice = await host.Client.PostAsync($"/api/incidents/{id}/reports", new StringContent(doubled, System.Text.Encoding.UTF8, "application/json"), Ct);
        var twiceBody = await twice.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var extra = await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = Array.Empty<object>(), x = 1 });
        var extraBody = await extra.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal((0, "J21", "unknown-field"), (rejected.GetProperty("index").GetInt32(), rejected.GetProperty("unitId").GetString(), rejected.GetProperty("reason").GetString()));
        Assert.StartsWith("a report takes no field 'accuracy'; ", rejected.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        var doubledRejection = Assert.Single(twiceBody.GetProperty("rejected").EnumerateArray());
        Assert.Equal(("malformed", "'unitId' is given twice; a report names each field once"), (doubledRejection.GetProperty("reason").GetString(), doubledRejection.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, extra.StatusCode);
        Assert.Equal(("unknown-field", "the body takes no field 'x'; it is an object with a 'reports' array and nothing else"), (extraBody.GetProperty("reason").GetString(), extraBody.GetProperty("detail").GetString()));
        Assert.Equal(["P1"], units.EnumerateArray().Select(u => u.GetProperty("unitId").GetString()));
    }

    [Fact]
    public async Task A_report_says_how_long_its_fix_stands_and_one_gone_stale_before_it_was_taken_is_refused_with_why()
    {
        var id = await host.NextIncidentAsync(NewId());
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        var now = new DateTimeOffset(DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var batch = new object[]
        {
            new { unitId = "P1", fixTime = now, lat = 44.0, lon = -100.0, speedMps = 0.0, staleAt = now.AddSeconds(375) },
            new { unitId = "P2", fixTime = now, lat = 44.0, lon = -100.001, staleAt = now.AddMinutes(-1) },
        };

        var response = await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = batch });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal((1, "invalid-value"), (rejected.GetProperty("index").GetInt32(), rejected.GetProperty("reason").GetString()));
        Assert.StartsWith("stale time ", rejected.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(" is not after the fix time ", rejected.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var p1 = Assert.Single(units.EnumerateArray());
        Assert.Equal(now.AddSeconds(375), p1.GetProperty("lastFix").GetProperty("staleAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task Reports_for_a_missing_incident_are_not_found(int count)
    {
        // An empty batch too: answered 200, a sender checking its incident id with one would think the incident there.
        var reports = Enumerable.Range(0, count).Select(_ => TestSite.Report("P1", DateTimeOffset.UtcNow, 0, 0)).ToArray();
        var id = NewId();

        var response = await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(("unknown-incident", $"incident '{id}' does not exist"), (body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("GET", "/api/incidents/a%2Fb")]
    [InlineData("GET", "/api/incidents/d%C3%A9mo/units")]
    [InlineData("GET", "/api/incidents/demo%20")]
    [InlineData("POST", "/api/incidents/..%2F..%2Fetc%2Fpasswd/reports")]
    [InlineData("GET", "/api/incidents/.hidden")]
    [InlineData("GET", "/api/sessions/a%2Fb/timeline")]
    public async Task A_path_naming_an_incident_by_an_id_none_can_have_is_a_bad_request_not_a_retry(string method, string path)
    {
        // Asked, an incident activated for the key, could not read a recording by it, and answered 503 "try again
        // shortly", logging an error with its stack on every call.
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { reports = Array.Empty<object>() });
        }

        var response = await host.Client.SendAsync(request, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid-value"), (response.StatusCode, body.GetProperty("reason").GetString()));
        Assert.EndsWith("is not an incident: an incident id is 1-64 letters, digits, '-', '_' or '.', not starting with '.'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fix_far_from_the_site_is_refused_and_enrols_no_one()
    {
        // A latitude's sign slipped (44° S for 44° N): taken, it enrolled its unit and zoomed the commander's map out to a
        // continent with the site in a corner of it.
        var id = await host.NextIncidentAsync(NewId());
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        var now = DateTimeOffset.UtcNow;

        var response = await host.PostJsonAsync($"/api/incidents/{id}/reports", new
        {
            reports = new object[] { new { unitId = "FAR1", fixTime = now, lat = -44.0, lon = -100.0 }, TestSite.Report("NEAR1", now, 0, -50) },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);

        var refused = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal((0, "invalid-coordinates"), (refused.GetProperty("index").GetInt32(), refused.GetProperty("reason").GetString()));
        Assert.EndsWith("km from site Test campus: a unit's fix is taken within 100 km of it", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["NEAR1"], units.EnumerateArray().Select(u => u.GetProperty("unitId").GetString()));
    }

    [Fact]
    public async Task A_path_naming_an_impossible_incident_is_refused_to_an_anonymous_caller_as_unauthenticated_first()
    {
        // The door checks who calls before what they name: nobody learns the id rule, or anything else, unsigned.
        using var anonymous = host.ClientWith(null);

        var response = await anonymous.GetAsync("/api/incidents/a%2Fb", Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthenticated"), (response.StatusCode, body.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task An_incident_whose_id_starts_with_a_dot_is_refused_as_it_could_not_be_recorded()
    {
        var response = await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(".hidden"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("id", "invalid-value"), (body.GetProperty("errors")[0].GetProperty("field").GetString(), body.GetProperty("errors")[0].GetProperty("reason").GetString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reports_for_a_missing_incident_are_not_found_though_none_of_them_is_well_formed(bool closed)
    {
        // The incident is the first thing to mend: answered item by item, the sender mends its reports and only then
        // hears that they go nowhere.
        var id = NewId();
        if (closed)
        {
            id = await host.NextIncidentAsync(id);
            await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
            (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        }

        var batch = new object[] { new { unitId = "P2", fixTime = DateTimeOffset.UtcNow, lat = 91.0, lon = 0.0 }, new { unitId = "P3", lat = 44.0 } };
        var response = await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = batch });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(closed ? HttpStatusCode.Conflict : HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(closed ? "closed" : "unknown-incident", body.GetProperty("reason").GetString());
        Assert.False(body.TryGetProperty("rejected", out _));
    }

    [Fact]
    public async Task Reports_for_a_closed_incident_are_refused_whole_as_closed_and_nothing_is_recorded()
    {
        var id = await host.NextIncidentAsync(NewId());
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        var recorded = await RecordedAsync(id);
        var batch = new object[] { TestSite.Report("P1", DateTimeOffset.UtcNow, 0, -50), new { unitId = "P2", fixTime = DateTimeOffset.UtcNow, lat = 91.0, lon = 0.0 } };

        var response = await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = batch });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("closed", body.GetProperty("reason").GetString());
        Assert.Matches($"^incident '{id}' was closed at [0-9-]{{10}} [0-9:]{{8}}Z; it takes nothing more$", body.GetProperty("detail").GetString());
        Assert.False(body.TryGetProperty("rejected", out _));
        Assert.Equal(recorded, await RecordedAsync(id));
    }

    [Fact]
    public async Task Roles_and_threats_are_validated_with_reasons()
    {
        // A unit of its own: other tests' incidents on this host hold P1, and a unit is enrolled in one at a time.
        var id = NewId();
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));

        var badRole = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "R1", role = "sniper" });
        var enrolled = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "R1", callsign = "Roles 1", role = "contact" });
        var badThreat = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0, lon = -100.0, phase = "escalating" }, Ct);
        var threat = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0009, lon = -100.0, uncertaintyM = 10, phase = "active" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Equal("role", (await badRole.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        var again = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "R1", role = "contact" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-exists", (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badThreat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, threat.StatusCode);
        var view = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);
        Assert.Equal("active", view.GetProperty("threats")[0].GetProperty("phase").GetString());
    }

    [Fact]
    public async Task A_threat_is_named_and_described_through_the_api_and_a_name_past_its_limit_is_refused_by_name()
    {
        var id = NewId();
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));

        var named = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1",
            new { lat = 44.0009, lon = -100.0, phase = "active", name = " Shooter ", remarks = "male, black hoodie, rifle" }, Ct);
        var tooLong = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0009, lon = -100.0, phase = "active", name = new string('S', 65) }, Ct);

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var refused = await tooLong.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("too-long", "threat name is 65 characters (limit 64)"), (refused.GetProperty("reason").GetString(), refused.GetProperty("detail").GetString()));
        var threat = (await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct)).GetProperty("threats")[0];
        Assert.Equal(("Shooter", "male, black hoodie, rifle"), (threat.GetProperty("name").GetString(), threat.GetProperty("remarks").GetString()));
    }

    [Fact]
    public async Task A_callsign_or_name_that_would_show_turned_round_or_pass_for_another_is_refused_naming_the_field_and_character()
    {
        var id = NewId();
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));

        var turned = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "B1", callsign = "\u202eAdam 12", role = "contact" });
        var named = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "B1", callsign = "Adam 12", role = "contact", personName = "Dana\u2066 Ruiz" });
        var threat = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0009, lon = -100.0, phase = "active", name = "Shoo\u200bter" }, Ct);

        async Task<(HttpStatusCode, string?, string?)> Refusal(HttpResponseMessage response)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return (response.StatusCode, body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString());
        }

        Assert.Equal((HttpStatusCode.BadRequest, "invalid-value", "callsign holds an invisible formatting character (U+202E)"), await Refusal(turned));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-value", "person name holds an invisible formatting character (U+2066)"), await Refusal(named));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-value", "threat name holds an invisible formatting character (U+200B)"), await Refusal(threat));
        var view = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);
        Assert.Equal(0, view.GetProperty("threats").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/units/B1", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_unit_is_not_enrolled_under_the_id_the_incident_command_log_is_downloaded_by()
    {
        var id = NewId();
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));

        var refused = await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "incident-command", callsign = "IC", role = "command" });
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0];

        // Refused at the door, naming its field, as any unit id no report could carry is.
        Assert.Equal((HttpStatusCode.BadRequest, "unitId", "invalid-value", "unit id 'incident-command' is reserved: it names the incident command log in the paperwork; enrol the unit under another id"),
            (refused.StatusCode, error.GetProperty("field").GetString(), error.GetProperty("reason").GetString(), error.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.Created, (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "command-1", callsign = "IC", role = "command" })).StatusCode);
        Assert.Equal(1, (await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct)).GetProperty("unitCount").GetInt32());
    }

    /// <summary>How many events the incident's recording holds.</summary>
    private async Task<int> RecordedAsync(string id)
    {
        var reader = await host.Services.GetRequiredService<Command.Recording.Reading.SessionCatalogue>().OpenAsync(id, Ct);
        return await reader.ReadAsync(null, null, Ct).CountAsync(Ct);
    }
}

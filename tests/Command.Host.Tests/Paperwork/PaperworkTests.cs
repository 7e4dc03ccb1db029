using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Domain.Events;
using Command.Host.Paperwork;
using Command.Host.Tests.Support;
using Command.Recording.Reading;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests.Paperwork;

/// <summary>
/// A contact unit holds 40 m short of an active threat until it is flagged, a second one waits on the far side; evaluators,
/// controllers, commanders and observers then use the session's paperwork, each signed in with their role.
/// </summary>
public sealed partial class PaperworkTests(PaperworkHost host) : IClassFixture<PaperworkHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Notes_are_shown_to_evaluators_and_controllers_and_hidden_from_commanders_and_observers()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        using var controller = await host.AsAsync("controller");
        using var commander = await host.AsAsync("commander");
        using var observer = await host.AsAsync("observer");

        var written = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "P1 waited for a partner", mark = "area-for-improvement", unitId = "P1" }, Ct);
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var note = await written.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("note", 1), (note.GetProperty("type").GetString(), note.GetProperty("number").GetInt32()));
        Assert.StartsWith("token:evaluator-", note.GetProperty("author").GetString(), StringComparison.Ordinal);
        // Written live: about the incident's clock when it was written.
        Assert.Equal(host.Clock.GetUtcNow(), note.GetProperty("about").GetDateTimeOffset());

        Assert.Equal("P1 waited for a partner", Assert.Single((await evaluator.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/notes", Ct))!).GetProperty("text").GetString());
        Assert.Single((await controller.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/notes", Ct))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.GetAsync($"/api/sessions/{id}/notes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await observer.GetAsync($"/api/sessions/{id}/notes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "no" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.GetAsync($"/api/sessions/{id}/aar?format=html", Ct)).StatusCode);

        // The note is in the evaluator's AAR and the unit's ICS-214, and never in the recording every viewer's frames come from.
        var aar = await evaluator.GetStringAsync($"/api/sessions/{id}/aar?format=html", Ct);
        Assert.Contains("<td>P1 waited for a partner</td>", aar, StringComparison.Ordinal);
        var log = await evaluator.GetStringAsync($"/api/sessions/{id}/ics214?format=csv&unit=P1", Ct);
        Assert.Matches("Evaluator note \\(area for improvement, token:evaluator-[0-9a-f]+\\): P1 waited for a partner", log);
        var recorded = await ReadAllAsync(id);
        Assert.DoesNotContain(recorded, e => EventJson.Serialize(e).Contains("waited for a partner", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(host.DataPath, "sessions", id, "annotations.jsonl")));
    }

    [Fact]
    public async Task A_mark_is_taken_back_as_the_notes_own_answers_write_it()
    {
        // GET /notes writes "areaForImprovement"; a client posting what it read is understood.
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");

        var written = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "Radio traffic stepped on", mark = "areaForImprovement" }, Ct);

        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        Assert.Equal("areaForImprovement", (await written.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("mark").GetString());
    }

    [Fact]
    public async Task A_note_about_a_unit_or_objective_the_session_never_had_is_refused_and_not_kept()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        using var controller = await host.AsAsync("controller");
        var objective = new { id = "OBJ-1", title = "Reach the threat", measures = new[] { new { measure = "first-contact", performedS = 180, someChallengesS = 300, majorChallengesS = 600 } } };
        (await controller.PutAsJsonAsync($"/api/incidents/{id}/exercise", new { scenario = "school", version = "1", objectives = new[] { objective } }, Ct)).EnsureSuccessStatusCode();

        var noUnit = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "held back", unitId = "NOPE" }, Ct);
        var noObjective = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "held back", unitId = "P1", objectiveId = "O9" }, Ct);
        var neither = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "held back", unitId = "NOPE", objectiveId = "O9" }, Ct);
        var kept = await evaluator.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/notes", Ct);
        var both = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "P2 went in", unitId = "P2", objectiveId = "OBJ-1" }, Ct);

        Assert.Equal(
            [(HttpStatusCode.BadRequest, "unitId", "invalid-value", $"session '{id}' has no unit 'NOPE'")],
            await ErrorsAsync(noUnit));
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "objectiveId", "invalid-value", $"session '{id}' has no objective 'O9': its exercise objectives are 'OBJ-1'")],
            await ErrorsAsync(noObjective));
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "unitId", "invalid-value", $"session '{id}' has no unit 'NOPE'"), (HttpStatusCode.BadRequest, "objectiveId", "invalid-value", $"session '{id}' has no objective 'O9': its exercise objectives are 'OBJ-1'")],
            await ErrorsAsync(neither));
        Assert.Empty(kept!);
        Assert.Equal(HttpStatusCode.Created, both.StatusCode);
        var note = await both.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("P2", "OBJ-1", 1), (note.GetProperty("unitId").GetString(), note.GetProperty("objectiveId").GetString(), note.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task An_objective_without_a_measure_is_refused_and_objectives_are_cleared_only_when_an_empty_list_says_so()
    {
        var id = await RecordHoldAsync();
        using var controller = await host.AsAsync("controller");
        var objective = new { id = "OBJ-1", title = "Reach the threat", measures = new[] { new { measure = "first-contact", performedS = 180, someChallengesS = 300, majorChallengesS = 600 } } };
        (await controller.PutAsJsonAsync($"/api/incidents/{id}/exercise", new { scenario = "school", objectives = new[] { objective } }, Ct)).EnsureSuccessStatusCode();

        async Task<HttpResponseMessage> PutAsync(string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/incidents/{id}/exercise") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            return await controller.SendAsync(request, Ct);
        }

        Assert.Equal(
            [(HttpStatusCode.BadRequest, "objectives[0].measures", "invalid-value", "1-10 measures, each read from the recording; an objective with none has nothing to rate it by")],
            await ErrorsAsync(await PutAsync("""{"objectives": [{"id": "O1", "title": "t", "measures": []}]}""")));
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "objectives[0].measures", "missing-field", "the measures the objective is rated by, at least one")],
            await ErrorsAsync(await PutAsync("""{"objectives": [{"id": "O1", "title": "t"}]}""")));
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "objectives", "missing-field", "the exercise's objectives, each with its measures; [] to set none")],
            await ErrorsAsync(await PutAsync("""{"scenario": "school"}""")));
        // Printed in the AAR/IP, where a right-to-left override would show "Reach the threat" backwards.
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "objectives[0].title", "invalid-value", "holds an invisible formatting character (U+202E)")],
            await ErrorsAsync(await PutAsync("""{"objectives": [{"id": "O1", "title": "Reach \u202Ethe threat", "measures": [{"measure": "first-contact", "performedS": 180, "someChallengesS": 300, "majorChallengesS": 600}]}]}""")));
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "objectives", "missing-field", "the exercise's objectives, each with its measures; [] to set none")],
            await ErrorsAsync(await PutAsync("{}")));
        Assert.Equal(["OBJ-1"], (await ReadAllAsync(id)).OfType<ExerciseSet>().Single().Exercise.Objectives.Select(o => o.ObjectiveId));

        var cleared = await PutAsync("""{"scenario": "school", "objectives": []}""");

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal([1, 0], (await ReadAllAsync(id)).OfType<ExerciseSet>().Select(e => e.Exercise.Objectives.Length));
    }

    [Fact]
    public async Task Paperwork_made_while_the_incident_runs_says_it_is_a_draft_of_an_open_incident_and_once_it_is_closed_does_not()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        using var commander = await host.AsAsync("commander");

        var running = await evaluator.GetStringAsync($"/api/sessions/{id}/aar?format=html", Ct);
        var report = await evaluator.GetStringAsync($"/api/sessions/{id}/report?format=html", Ct);
        (await commander.PostAsJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" }, Ct)).EnsureSuccessStatusCode();
        var closed = await evaluator.GetStringAsync($"/api/sessions/{id}/aar?format=html", Ct);

        // Made at the host's time; recorded up to the incident's, whose clock the drill drove.
        var recorded = host.Clock.GetUtcNow().UtcDateTime;
        Assert.Matches(
            $"</h1><p><b>Draft:</b> the incident was still open when this was made, at [0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}} UTC; its figures cover the recording up to {recorded:HH:mm:ss} UTC, and what had not happened by then is not yet measured</p>",
            running);
        Assert.Contains("<td>Recorded up to here: the incident was still open</td>", running, StringComparison.Ordinal);
        // The report says when it was made as the AAR/IP does.
        Assert.Matches("</h1><p class=\"draft\"><b>Draft:</b> the incident was still open when this was made, at [0-9]{2}:[0-9]{2}:[0-9]{2} UTC;", report);
        Assert.DoesNotContain("Draft:", closed, StringComparison.Ordinal);
        Assert.Contains("<td>Recording ends</td>", closed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_about_an_instant_outside_the_session_is_refused_and_not_kept()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        var session = (await evaluator.GetFromJsonAsync<JsonElement[]>("/api/sessions", Ct))!.Single(s => s.GetProperty("incidentId").GetString() == id);
        var (first, last) = (session.GetProperty("firstTime").GetDateTimeOffset(), session.GetProperty("lastTime").GetDateTimeOffset());
        var span = $"session '{id}' runs from {first.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} to {last.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} UTC";

        var before = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "years before", about = first.AddYears(-27) }, Ct);
        var after = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "an hour on", about = last.AddHours(1) }, Ct);
        var kept = await evaluator.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/notes", Ct);
        var within = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "the first report", about = first }, Ct);
        var atEnd = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "the last report", about = last }, Ct);

        Assert.Equal(
            [(HttpStatusCode.BadRequest, "about", "invalid-value", $"{span}; a note cannot be about {first.AddYears(-27).UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} UTC")],
            await ErrorsAsync(before));
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "about", "invalid-value", $"{span}; a note cannot be about {last.AddHours(1).UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} UTC")],
            await ErrorsAsync(after));
        Assert.Empty(kept!);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (within.StatusCode, atEnd.StatusCode));
        Assert.Equal([first, last], (await evaluator.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/notes", Ct))!.Select(n => n.GetProperty("about").GetDateTimeOffset()));
    }

    [Fact]
    public async Task A_rating_without_its_objective_or_rating_is_refused_as_missing_rather_than_as_an_unknown_objective()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");

        var noObjective = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { rating = "P" }, Ct);
        var nothing = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { reason = "  " }, Ct);

        Assert.Equal([(HttpStatusCode.BadRequest, "objectiveId", "missing-field", "the objective rated")], await ErrorsAsync(noObjective));
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "objectiveId", "missing-field", "the objective rated"),
             (HttpStatusCode.BadRequest, "rating", "missing-field", "the rating: performed, some-challenges, major-challenges or unable (P, S, M, U)")],
            await ErrorsAsync(nothing));
        Assert.Empty((await evaluator.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/notes", Ct))!);
    }

    [Fact]
    public async Task A_rating_changed_from_the_proposal_needs_a_reason_and_one_confirmed_does_not()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        using var controller = await host.AsAsync("controller");
        // Nobody reaches the threat, and the recording runs past every band: proposed U while the incident is still open.
        var objective = new { id = "OBJ-1", title = "Reach the threat", measures = new[] { new { measure = "first-contact", performedS = 10, someChallengesS = 20, majorChallengesS = 30 } } };
        (await controller.PutAsJsonAsync($"/api/incidents/{id}/exercise", new { scenario = "school", objectives = new[] { objective } }, Ct)).EnsureSuccessStatusCode();
        var why = "the report proposed U (unable to be performed) for 'OBJ-1' from the recording; rating it M changes that, and the AAR/IP prints why beside it: give the reason";

        var none = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { objectiveId = "OBJ-1", rating = "M" }, Ct);
        var blank = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { objectiveId = "OBJ-1", rating = "major-challenges", reason = "  \n " }, Ct);
        var kept = await evaluator.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/notes", Ct);
        var confirmed = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { objectiveId = "OBJ-1", rating = "U" }, Ct);
        var changed = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { objectiveId = "OBJ-1", rating = "M", reason = "P2 was on its way in" }, Ct);

        Assert.Equal([(HttpStatusCode.BadRequest, "reason", "reason-required", why)], await ErrorsAsync(none));
        Assert.Equal([(HttpStatusCode.BadRequest, "reason", "reason-required", why)], await ErrorsAsync(blank));
        Assert.Empty(kept!);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (confirmed.StatusCode, changed.StatusCode));
        var decision = await changed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("majorChallenges", "unable", "P2 was on its way in"), (decision.GetProperty("rating").GetString(), decision.GetProperty("proposed").GetString(), decision.GetProperty("reason").GetString()));
        var aar = await evaluator.GetStringAsync($"/api/sessions/{id}/aar?format=html", Ct);
        Assert.Matches("M: Performed with major challenges \\(changed by token:evaluator-[0-9a-f]+ at [0-9:]{8} UTC: P2 was on its way in\\)", aar);
    }

    [Fact]
    public async Task The_objectives_to_rate_are_listed_with_their_proposal_its_evidence_and_the_latest_decision()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        using var controller = await host.AsAsync("controller");
        var objective = new { id = "OBJ-1", title = "Reach the threat", measures = new[] { new { measure = "first-contact", performedS = 10, someChallengesS = 20, majorChallengesS = 30 } } };
        (await controller.PutAsJsonAsync($"/api/incidents/{id}/exercise", new { scenario = "school", objectives = new[] { objective } }, Ct)).EnsureSuccessStatusCode();

        var before = (await evaluator.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/ratings", Ct))!;
        (await evaluator.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { objectiveId = "OBJ-1", rating = "S", reason = "P2 was seconds out" }, Ct)).EnsureSuccessStatusCode();
        var after = (await controller.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/ratings", Ct))!;

        var listed = Assert.Single(before);
        Assert.Equal(("OBJ-1", "Reach the threat", "unable"), (listed.GetProperty("objectiveId").GetString(), listed.GetProperty("title").GetString(), listed.GetProperty("proposed").GetString()));
        Assert.StartsWith("first contact with the threat: not reached", Assert.Single(listed.GetProperty("evidence").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.False(listed.TryGetProperty("decided", out _));
        var decided = Assert.Single(after).GetProperty("decided");
        Assert.Equal(("someChallenges", "P2 was seconds out"), (decided.GetProperty("rating").GetString(), decided.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Ratings_are_refused_to_an_anonymous_caller_to_one_without_the_right_and_for_a_session_never_recorded()
    {
        var id = await RecordHoldAsync();
        using var anonymous = host.ClientWith(null);
        using var commander = await host.AsAsync("commander");
        using var observer = await host.AsAsync("observer");
        using var controller = await host.AsAsync("controller");
        using var evaluator = await host.AsAsync("evaluator");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/sessions/{id}/ratings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { objectiveId = "OBJ-1", rating = "M" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.GetAsync($"/api/sessions/{id}/ratings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await observer.GetAsync($"/api/sessions/{id}/ratings", Ct)).StatusCode);
        // A controller reads the decisions, as it reads notes, and makes none.
        Assert.Equal(HttpStatusCode.Forbidden, (await controller.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { objectiveId = "OBJ-1", rating = "M" }, Ct)).StatusCode);
        var unknown = await evaluator.GetAsync("/api/sessions/never-recorded-y/ratings", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("unknown-session", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Empty((await evaluator.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/ratings", Ct))!);
    }

    [Fact]
    public async Task A_value_of_the_wrong_kind_is_refused_naming_its_field_and_what_it_takes()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        using var controller = await host.AsAsync("controller");
        var opened = await evaluator.PostAsJsonAsync("/api/replays", new { incidentId = id }, Ct);
        var replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;

        async Task<(HttpStatusCode, string?, string?)> Refusal(HttpClient client, HttpMethod method, string path, string json)
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            var response = await client.SendAsync(request, Ct);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return (response.StatusCode, body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString());
        }

        Assert.Equal(
            (HttpStatusCode.BadRequest, "malformed", "'about' (at $.about) must be a date and time in ISO 8601, such as 2026-03-14T15:00:00Z"),
            await Refusal(evaluator, HttpMethod.Post, $"/api/sessions/{id}/notes", """{"text": "held back", "about": "yesterday"}"""));
        Assert.Equal(
            (HttpStatusCode.BadRequest, "malformed", "'text' (at $.text) must be text, in quotes"),
            await Refusal(evaluator, HttpMethod.Post, $"/api/sessions/{id}/notes", """{"text": 123}"""));
        Assert.Equal(
            (HttpStatusCode.BadRequest, "malformed", "the body must be an object"),
            await Refusal(evaluator, HttpMethod.Post, $"/api/sessions/{id}/notes", "[1, 2]"));
        Assert.Equal(
            (HttpStatusCode.BadRequest, "malformed", "'time' (at $.time) must be a date and time in ISO 8601, such as 2026-03-14T15:00:00Z"),
            await Refusal(evaluator, HttpMethod.Post, $"/api/replays/{replayId}/seek", """{"time": "15:02:00"}"""));
        Assert.Equal(
            (HttpStatusCode.BadRequest, "malformed", "'performedS' (at $.objectives[0].measures[1].performedS) must be a number"),
            await Refusal(controller, HttpMethod.Put, $"/api/incidents/{id}/exercise", """{"objectives": [{"id": "O1", "title": "t", "measures": [{"measure": "first-contact", "performedS": 1}, {"measure": "contained", "performedS": "soon"}]}]}"""));
        Assert.Empty((await evaluator.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/notes", Ct))!);
    }

    [Fact]
    public async Task A_note_written_in_replay_is_about_the_replays_instant()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        var opened = await evaluator.PostAsJsonAsync("/api/replays", new { incidentId = id }, Ct);
        var replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;
        var instant = new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
        var seekTo = (await ReadAllAsync(id)).First(e => e is FlagRaised).Time;
        (await evaluator.PostAsJsonAsync($"/api/replays/{replayId}/seek", new { time = seekTo }, Ct)).EnsureSuccessStatusCode();

        var written = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "flag went up here", replayId }, Ct);

        var note = await written.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(seekTo, note.GetProperty("about").GetDateTimeOffset());
        Assert.True(note.GetProperty("written").GetDateTimeOffset() > instant.AddYears(-10));
    }

    [Fact]
    public async Task A_second_commander_acknowledging_a_flag_already_acknowledged_is_told_by_whom_and_nothing_is_recorded()
    {
        var id = await RecordHoldAsync();
        using var first = await host.AsAsync("commander");
        using var second = host.ClientWith((await host.Access.IssueTokenAsync("deputy", ["commander"])).Token);

        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsJsonAsync($"/api/incidents/{id}/flags/P1/ack", new { reason = "covering the west door" }, Ct)).StatusCode);
        var again = await second.PostAsJsonAsync($"/api/incidents/{id}/flags/P1/ack", new { reason = "also seen" }, Ct);
        var renewed = await first.PostAsJsonAsync($"/api/incidents/{id}/flags/P1/ack", new { reason = "still covering the west door" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var refusal = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("already-acknowledged", refusal.GetProperty("reason").GetString());
        Assert.Matches("^the flag on 'P1' is already acknowledged by token:commander-[0-9a-f]+ at [0-9:]{8} UTC \\(covering the west door\\)", refusal.GetProperty("detail").GetString());
        // The commander who acknowledged it renews it, as the README says.
        Assert.Equal(HttpStatusCode.NoContent, renewed.StatusCode);
        Assert.Equal(["covering the west door", "still covering the west door"], (await ReadAllAsync(id)).OfType<FlagAcknowledged>().Select(a => a.Reason));
    }

    [Fact]
    public async Task A_commander_sends_a_unit_in_instead_and_the_recording_says_which_flag_it_answered()
    {
        var id = await RecordHoldAsync();
        using var commander = await host.AsAsync("commander");
        using var observer = await host.AsAsync("observer");

        Assert.Equal(HttpStatusCode.Forbidden, (await observer.PostAsJsonAsync($"/api/incidents/{id}/flags/P1/send", new { unitId = "P2" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await commander.PostAsJsonAsync($"/api/incidents/{id}/flags/P2/send", new { unitId = "P1" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await commander.PostAsJsonAsync($"/api/incidents/{id}/flags/P1/send", new { unitId = "P2" }, Ct)).StatusCode);

        var recorded = await ReadAllAsync(id);
        var proposed = Assert.Single(recorded.OfType<SendInsteadProposed>());
        Assert.Equal(("P1", "T1"), (proposed.Subject, proposed.ThreatId));
        Assert.Equal(recorded.OfType<FlagRaised>().Single(f => f.Subject == "P1").Sequence + 1, proposed.Sequence);
        var sent = Assert.Single(recorded.OfType<UnitRoleChanged>());
        Assert.Equal(("P2", Domain.Units.UnitRole.Contact, "P1", "T1"), (sent.UnitId, sent.Role, sent.AnsweringFlag, sent.ThreatId));
        Assert.StartsWith("token:commander-", sent.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_a_radio_named_is_enrolled_sent_in_and_exported_by_the_id_its_reports_carry()
    {
        const string Radio = "urn:tak:mesh/!a1b2c3d4";
        var id = await RecordHoldAsync(Radio);
        using var commander = await host.AsAsync("commander");
        using var evaluator = await host.AsAsync("evaluator");

        var sent = await commander.PostAsJsonAsync($"/api/incidents/{id}/flags/P1/send", new { unitId = Radio }, Ct);
        var final = await ExportToTheEndAsync(evaluator, id, "ics214-csv", Radio);
        var file = await evaluator.GetAsync($"/api/sessions/{id}/exports/{final.JobId}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);
        var changed = Assert.Single((await ReadAllAsync(id)).OfType<UnitRoleChanged>());
        Assert.Equal((Radio, "P1"), (changed.UnitId, changed.AnsweringFlag));
        Assert.Equal("done", final.State);
        Assert.Matches("^ics214-csv-[0-9a-f]{12}-urn_tak_mesh__a1b2c3d4$", final.JobId);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal($"{id}-ics214-urn_tak_mesh__a1b2c3d4.csv", file.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains($",{Radio},", await file.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_named_in_another_script_is_exported_under_its_own_letters_with_an_rfc_5987_file_name()
    {
        const string Unit = "Адам-1";
        var id = await RecordHoldAsync(Unit);
        using var evaluator = await host.AsAsync("evaluator");

        var direct = await evaluator.GetAsync($"/api/sessions/{id}/ics214?format=docx&unit={Uri.EscapeDataString(Unit)}", Ct);
        var final = await ExportToTheEndAsync(evaluator, id, "ics214-docx", Unit);
        var kept = await evaluator.GetAsync($"/api/sessions/{id}/exports/{Uri.EscapeDataString(final.JobId)}", Ct);

        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal($"{id}-ics214-Адам-1.docx", direct.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains($"filename*=UTF-8''{id}-ics214-%D0%90%D0%B4%D0%B0%D0%BC-1.docx", direct.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal(("done", $"{id}-ics214-Адам-1.docx"), (final.State, final.FileName));
        Assert.Matches("^ics214-docx-[0-9a-f]{12}-Адам-1$", final.JobId);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal($"{id}-ics214-Адам-1.docx", kept.Content.Headers.ContentDisposition?.FileNameStar);
        foreach (var download in new[] { direct, kept })
        {
            Assert.Equal(
                ("attachment", "nosniff", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
                (download.Content.Headers.ContentDisposition?.DispositionType, string.Join(",", download.Headers.GetValues("X-Content-Type-Options")),
                    string.Join(",", download.Headers.GetValues("Content-Security-Policy"))));
        }
    }

    [Theory]
    [InlineData("units", "unitId", "Adam\u202E12", "invalid-value", "unit id holds an invisible formatting character (U+202E)")]
    [InlineData("units", "unitId", "incident-command", "invalid-value", "unit id 'incident-command' is reserved: it names the incident command log in the paperwork; enrol the unit under another id")]
    [InlineData("units", "unitId", "   ", "missing-field", "a unit id is required")]
    [InlineData("send", "unitId", "P2\u0007", "invalid-value", "the unit to send in: unit id holds control characters")]
    [InlineData("exports", "unit", "x\u200By", "invalid-value", "unit id holds an invisible formatting character (U+200B): a unit id, or incident-command")]
    public async Task A_unit_id_named_anywhere_is_refused_for_what_no_report_could_carry(string door, string field, string escaped, string reason, string detail)
    {
        var unitId = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var id = await host.NextIncidentAsync($"paper-{Guid.NewGuid():N}"[..20]);
        using var commander = await host.AsAsync("commander");
        using var evaluator = await host.AsAsync("evaluator");
        (await commander.PostAsJsonAsync("/api/incidents", TestSite.CreateIncident(id), CommandHost.Json, Ct)).EnsureSuccessStatusCode();

        using var response = door switch
        {
            "units" => await commander.PostAsJsonAsync($"/api/incidents/{id}/units", new { unitId, role = "contact" }, Ct),
            "send" => await commander.PostAsJsonAsync($"/api/incidents/{id}/flags/P1/send", new { unitId }, Ct),
            _ => await evaluator.PostAsJsonAsync($"/api/sessions/{id}/exports", new { kind = "ics214-csv", unit = unitId }, Ct),
        };

        Assert.Equal([(HttpStatusCode.BadRequest, field, reason, detail)], await ErrorsAsync(response));
    }

    [Fact]
    public async Task An_export_job_reports_its_progress_over_the_hub_and_keeps_its_word_file_for_download()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        (await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "Good radio discipline", mark = "strength" }, Ct)).EnsureSuccessStatusCode();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/incidents"), o => o.AccessTokenProvider = () => host.TokenAsync("evaluator")!)
            .AddJsonProtocol(o => o.PayloadSerializerOptions = CommandHost.Json)
            .Build();
        var heard = new List<ExportStatus>();
        var done = new TaskCompletionSource<ExportStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<ExportStatus>(ExportJobs.ProgressMethod, s =>
        {
            lock (heard)
            {
                heard.Add(s);
            }

            if (s.State != "running")
            {
                done.TrySetResult(s);
            }
        });
        await hub.StartAsync(Ct);

        var started = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/exports", new { kind = "aar-docx" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = (await started.Content.ReadFromJsonAsync<ExportStatus>(CommandHost.Json, Ct))!;
        var now = await hub.InvokeAsync<ExportStatus?>("WatchExport", job.JobId, Ct);
        var final = now is { State: not "running" } ? now : await done.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(("done", 1.0, $"{id}-aar.docx"), (final.State, final.Progress, final.FileName));
        var file = await evaluator.GetAsync($"/api/sessions/{id}/exports/{job.JobId}", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.Content.Headers.ContentType?.MediaType);
        using var docx = WordprocessingDocument.Open(new MemoryStream(await file.Content.ReadAsByteArrayAsync(Ct)), false);
        var text = docx.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("Good radio discipline", text, StringComparison.Ordinal);
        Assert.Contains("Improvement plan", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(host.DataPath, "sessions", id, "exports", job.JobId)));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.AsAsync("observer")).GetAsync($"/api/sessions/{id}/exports/{job.JobId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_units_ics214_export_job_downloads_under_that_units_name_not_incident_commands()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        async Task<HttpResponseMessage> ExportAsync(string kind, string? unit)
        {
            var final = await ExportToTheEndAsync(evaluator, id, kind, unit);
            Assert.Equal("done", final.State);
            return await evaluator.GetAsync($"/api/sessions/{id}/exports/{final.JobId}", Ct);
        }

        var unitLog = await ExportAsync("ics214-csv", "P1");
        var commandLog = await ExportAsync("ics214-csv", null);

        Assert.Equal($"{id}-ics214-P1.csv", unitLog.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains(",P1,Dana Ruiz,", await unitLog.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal($"{id}-ics214.csv", commandLog.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.GetAsync($"/api/sessions/{id}/exports/ics214-csv-0123456789ab-", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.GetAsync($"/api/sessions/{id}/exports/ics214-csv-0123456789AB", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_unit_a_radio_named_like_a_path_downloads_under_a_plain_file_name_in_a_well_formed_header()
    {
        var id = await host.NextIncidentAsync($"paper-{Guid.NewGuid():N}"[..20]);
        using var commander = await host.AsAsync("commander");
        (await commander.PostAsJsonAsync("/api/incidents", TestSite.CreateIncident(id), CommandHost.Json, Ct)).EnsureSuccessStatusCode();
        const string Unit = "../../evil \"x\" é";
        (await host.Client.PostAsJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report(Unit, host.Clock.GetUtcNow(), 0, 60) } }, CommandHost.Json, Ct))
            .EnsureSuccessStatusCode();
        using var evaluator = await host.AsAsync("evaluator");

        var file = await evaluator.GetAsync($"/api/sessions/{id}/ics214?format=docx&unit={Uri.EscapeDataString(Unit)}", Ct);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var header = Assert.Single(file.Content.Headers.GetValues("Content-Disposition"));
        // The "é" is a letter, kept: in the RFC 5987 name, and as "_" in the plain one for clients that know no other.
        Assert.Equal($"attachment; filename={id}-ics214-_._evil__x___.docx; filename*=UTF-8''{id}-ics214-_._evil__x__%C3%A9.docx", header);
        using var docx = WordprocessingDocument.Open(new MemoryStream(await file.Content.ReadAsByteArrayAsync(Ct)), false);
        Assert.Contains($"ACTIVITY LOG (ICS 214): {Unit}", docx.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ics214-csv")]
    [InlineData("ics214-docx")]
    [InlineData("ics214-zip")]
    public async Task An_export_job_for_a_unit_the_session_never_had_is_refused_up_front_and_no_job_is_started(string kind)
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");

        var refused = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/exports", new { kind, unit = "NOPE" }, Ct);
        var commandLog = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/exports", new { kind, unit = "incident-command" }, Ct);

        // As GET /series?units= and the ICS-214 download answer the same mistake.
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("unknown-unit", $"session '{id}' has no unit 'NOPE'"), (body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString()));
        Assert.False(body.TryGetProperty("jobId", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.GetAsync($"/api/sessions/{id}/ics214?format=csv&unit=NOPE", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, commandLog.StatusCode);
    }

    [Fact]
    public async Task An_export_job_for_a_unit_of_a_session_never_recorded_is_refused_for_the_session()
    {
        using var evaluator = await host.AsAsync("evaluator");

        var refused = await evaluator.PostAsJsonAsync("/api/sessions/never-recorded-x/exports", new { kind = "ics214-csv", unit = "P1" }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("unknown-session", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("aar-docx", "P1")]
    [InlineData("aar-html", "P1")]
    [InlineData("aar-docx", "NOPE")]
    [InlineData("aar-html", "")]
    public async Task A_whole_session_export_job_refuses_a_unit_it_would_ignore_naming_the_field(string kind, string unit)
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");

        var refused = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/exports", new { kind, unit }, Ct);
        var whole = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/exports", new { kind, unit = (string?)null }, Ct);

        Assert.Equal(
            [(HttpStatusCode.BadRequest, "unit", "invalid-value", $"{kind} takes no 'unit': the AAR/IP is the whole session's; only ics214-zip, ics214-docx and ics214-csv do, each picking one unit's log")],
            await ErrorsAsync(refused));
        Assert.Equal(HttpStatusCode.Accepted, whole.StatusCode);
    }

    [Fact]
    public async Task Starting_an_export_job_is_refused_to_an_anonymous_caller_and_to_one_who_may_not_export()
    {
        var id = await RecordHoldAsync();
        using var anonymous = host.ClientWith(null);
        using var observer = await host.AsAsync("observer");
        using var commander = await host.AsAsync("commander");

        var unsigned = await anonymous.PostAsJsonAsync($"/api/sessions/{id}/exports", new { kind = "ics214-csv", unit = "NOPE" }, Ct);
        var watching = await observer.PostAsJsonAsync($"/api/sessions/{id}/exports", new { kind = "aar-docx", unit = "P1" }, Ct);
        var commanding = await commander.PostAsJsonAsync($"/api/sessions/{id}/exports", new { kind = "ics214-csv", unit = "NOPE" }, Ct);

        // Who calls is checked before what they name: nobody learns which units a session had, or which fields a kind takes.
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (watching.StatusCode, commanding.StatusCode));
        Assert.Equal("missing-right", (await commanding.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }

    /// <summary>Starts an export job as the given caller and waits, over the hub as the page does, until it is done or failed.</summary>
    private async Task<ExportStatus> ExportToTheEndAsync(HttpClient caller, string id, string kind, string? unit)
    {
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/incidents"), o => o.AccessTokenProvider = () => host.TokenAsync("evaluator")!)
            .AddJsonProtocol(o => o.PayloadSerializerOptions = CommandHost.Json)
            .Build();
        var finished = new TaskCompletionSource<ExportStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? jobId = null;
        hub.On<ExportStatus>(ExportJobs.ProgressMethod, s =>
        {
            if (s.State != "running" && s.JobId == Volatile.Read(ref jobId))
            {
                finished.TrySetResult(s);
            }
        });
        await hub.StartAsync(Ct);
        var started = await caller.PostAsJsonAsync($"/api/sessions/{id}/exports", new { kind, unit }, Ct);
        var job = (await started.Content.ReadFromJsonAsync<ExportStatus>(CommandHost.Json, Ct))!;
        Volatile.Write(ref jobId, job.JobId);
        var now = await hub.InvokeAsync<ExportStatus?>("WatchExport", job.JobId, Ct);
        return now is { State: not "running" } ? now : await finished.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task Runs_are_compared_over_http_and_runs_of_different_scenarios_are_refused()
    {
        using var evaluator = await host.AsAsync("evaluator");
        using var controller = await host.AsAsync("controller");
        var objective = new { id = "OBJ-1", title = "Reach the threat", measures = new[] { new { measure = "first-contact", performedS = 180, someChallengesS = 300, majorChallengesS = 600 } } };

        // Each run's exercise is set while it is open: recording the second closes the first (they share their units).
        var first = await RecordHoldAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await evaluator.PutAsJsonAsync($"/api/incidents/{first}/exercise", new { scenario = "school" }, Ct)).StatusCode);
        (await controller.PutAsJsonAsync($"/api/incidents/{first}/exercise", new { scenario = "school", version = "2", objectives = new[] { objective } }, Ct)).EnsureSuccessStatusCode();
        var second = await RecordHoldAsync();
        // A session recording no scenario is no run of the first's: compared, it made a table of units sharing no row.
        var unlike = await evaluator.GetAsync($"/api/compare?sessions={first},{second}", Ct);
        var unlikeError = await unlike.Content.ReadFromJsonAsync<JsonElement>(Ct);
        (await controller.PutAsJsonAsync($"/api/incidents/{second}/exercise", new { scenario = "school", objectives = Array.Empty<object>() }, Ct)).EnsureSuccessStatusCode();

        var c = await evaluator.GetFromJsonAsync<JsonElement>($"/api/compare?sessions={first},{second}", Ct);
        var svg = await evaluator.GetAsync($"/api/compare?sessions={first},{second}&format=svg", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unlike.StatusCode);
        Assert.Equal(
            ("no-scenario", $"session '{second}' records no scenario, and the others were played from scenario 'school': runs of one scenario are compared, and a live drill only with other live drills"),
            (unlikeError.GetProperty("reason").GetString(), unlikeError.GetProperty("detail").GetString()));
        Assert.Equal([first, second], c.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("incidentId").GetString()));
        Assert.Equal(["P1", "P2"], c.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("key").GetString()));
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.AsAsync("commander")).GetAsync($"/api/compare?sessions={first},{second}", Ct)).StatusCode);
        var twice = await evaluator.GetAsync($"/api/compare?sessions={first},{first}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal($"each session is one run: {first} is named more than once",
            (await twice.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0].GetProperty("detail").GetString());

        (await controller.PutAsJsonAsync($"/api/incidents/{second}/exercise", new { scenario = "mall", objectives = Array.Empty<object>() }, Ct)).EnsureSuccessStatusCode();
        var refused = await evaluator.GetAsync($"/api/compare?sessions={first},{second}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("different-scenarios", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());

        // The objective set on the first run is rated from its recording, and an evaluator's decision is kept beside it.
        var rated = await evaluator.PostAsJsonAsync($"/api/sessions/{first}/ratings", new { objectiveId = "OBJ-1", rating = "M", reason = "nobody reached the threat, but a second unit was on its way" }, Ct);
        var decision = await rated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("rating", "majorChallenges", "unable"), (decision.GetProperty("type").GetString(), decision.GetProperty("rating").GetString(), decision.GetProperty("proposed").GetString()));
    }

    [Fact]
    public async Task Live_drills_recording_no_scenario_are_compared_only_where_a_callsign_map_says_how_their_units_match()
    {
        using var evaluator = await host.AsAsync("evaluator");
        var first = await RecordHoldAsync();
        var second = await RecordHoldAsync();

        var unmapped = await evaluator.GetAsync($"/api/compare?sessions={first},{second}", Ct);
        var error = await unmapped.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var mapped = await evaluator.GetAsync($"/api/compare?sessions={first},{second}&map={Uri.EscapeDataString("Patrol 1=first officer")}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unmapped.StatusCode);
        Assert.Equal(
            ("no-scenario", $"sessions '{first}', '{second}' record no scenario, so nothing says they are runs of one drill: to compare live drills, say how their units match by callsign (map=callsign=name;…)"),
            (error.GetProperty("reason").GetString(), error.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
    }

    [Fact]
    public async Task A_comparison_says_a_run_still_open_in_its_json_and_csv()
    {
        using var evaluator = await host.AsAsync("evaluator");
        using var commander = await host.AsAsync("commander");
        var closed = await RecordHoldAsync();
        (await commander.PostAsJsonAsync($"/api/incidents/{closed}/close", new { reason = "drill over" }, Ct)).EnsureSuccessStatusCode();
        var open = await RecordHoldAsync();
        var query = $"/api/compare?sessions={closed},{open}&map={Uri.EscapeDataString("Patrol 1=first officer")}";

        var c = await evaluator.GetFromJsonAsync<JsonElement>(query, Ct);
        var csv = await evaluator.GetStringAsync($"{query}&format=csv", Ct);

        var runs = c.GetProperty("runs").EnumerateArray().ToList();
        Assert.False(runs[0].TryGetProperty("stillOpen", out _));
        Assert.StartsWith("the incident was still open when this was made, at ", runs[1].GetProperty("stillOpen").GetString(), StringComparison.Ordinal);
        // In the words the JSON says it, under its run.
        var caution = Assert.Single(c.GetProperty("cautions").EnumerateArray());
        Assert.Contains($"\r\nDraft,,\"{caution.GetProperty("said").GetString()}\"\r\n", csv, StringComparison.Ordinal);
    }

    private async Task<string> RecordHoldAsync(string backup = "P2")
    {
        var id = await host.NextIncidentAsync($"paper-{Guid.NewGuid():N}"[..20]);
        using var commander = await host.AsAsync("commander");
        (await commander.PostAsJsonAsync("/api/incidents", TestSite.CreateIncident(id), CommandHost.Json, Ct)).EnsureSuccessStatusCode();
        (await commander.PostAsJsonAsync($"/api/incidents/{id}/units", new { unitId = "P1", callsign = "Patrol 1", role = "contact", personName = "Dana Ruiz", agency = "Test PD" }, Ct)).EnsureSuccessStatusCode();
        (await commander.PostAsJsonAsync($"/api/incidents/{id}/units", new { unitId = backup, callsign = "Patrol 2", role = "contact" }, Ct)).EnsureSuccessStatusCode();
        var threat = TestSite.Frame.ToGeo(new(0, 100));
        (await commander.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = threat.Latitude, lon = threat.Longitude, uncertaintyM = 5, phase = "active" }, Ct)).EnsureSuccessStatusCode();
        for (var i = 0; i < 60; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            // Reports are a device's (or an admin's) to send, not a commander's.
            var posted = await host.Client.PostAsJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", host.Clock.GetUtcNow(), (i % 3) - 1.0, 60) } }, CommandHost.Json, Ct);
            posted.EnsureSuccessStatusCode();
        }

        return id;
    }

    private static async Task<(HttpStatusCode Status, string? Field, string? Reason, string? Detail)[]> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return [.. body.GetProperty("errors").EnumerateArray().Select(e =>
            (response.StatusCode, e.GetProperty("field").GetString(), e.GetProperty("reason").GetString(), e.GetProperty("detail").GetString()))];
    }

    private async Task<List<IncidentEvent>> ReadAllAsync(string id)
    {
        var reader = await host.Services.GetRequiredService<SessionCatalogue>().OpenAsync(id, Ct);
        return await reader.ReadAsync(null, null, Ct).ToListAsync(Ct);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Domain.Annotations;
using Command.Host.Paperwork;
using Command.Host.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests.Paperwork;

/// <summary>Notes corrected and taken back: by whom, refused how, shown how, and printed how.</summary>
public sealed partial class PaperworkTests
{
    [Fact]
    public async Task A_note_amended_by_its_author_is_shown_as_it_now_stands_with_its_history_and_printed_so()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        using var controller = await host.AsAsync("controller");
        var number = await WriteAsync(evaluator, id, new { text = "P1 went straight in", mark = "strength", unitId = "P1" });

        var amended = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { text = "P1 waited at the car for a partner", mark = "area-for-improvement", reason = "marked a strength by mistake" }, Ct);

        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        var answered = await amended.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var listed = Assert.Single((await controller.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/notes", Ct))!);
        foreach (var note in new[] { answered, listed })
        {
            // The note keeps its number, author and instant; it reads as amended, by whom and why.
            Assert.Equal(("note", number, "P1 waited at the car for a partner", "areaForImprovement", "P1"),
                (note.GetProperty("type").GetString(), note.GetProperty("number").GetInt64(), note.GetProperty("text").GetString(), note.GetProperty("mark").GetString(), note.GetProperty("unitId").GetString()));
            Assert.StartsWith("token:evaluator-", note.GetProperty("author").GetString(), StringComparison.Ordinal);
            Assert.Equal(note.GetProperty("author").GetString(), note.GetProperty("amended").GetProperty("by").GetString());
            Assert.Equal("marked a strength by mistake", note.GetProperty("amended").GetProperty("reason").GetString());
            Assert.False(note.TryGetProperty("withdrawn", out _));
            Assert.Equal(
                [("written", "P1 went straight in", "strength"), ("amended", "P1 waited at the car for a partner", "areaForImprovement")],
                note.GetProperty("history").EnumerateArray().Select(v => (v.GetProperty("change").GetString(), v.GetProperty("text").GetString(), v.GetProperty("mark").GetString())));
        }

        // Every document prints the note as it now stands: an area for improvement, in the plan, never the first words.
        var aar = await evaluator.GetStringAsync($"/api/sessions/{id}/aar?format=html", Ct);
        Assert.Contains("<td>P1 waited at the car for a partner</td>", aar, StringComparison.Ordinal);
        Assert.DoesNotContain("went straight in", aar, StringComparison.Ordinal);
        var log = await evaluator.GetStringAsync($"/api/sessions/{id}/ics214?format=csv&unit=P1", Ct);
        Assert.Matches("Evaluator note \\(area for improvement, token:evaluator-[0-9a-f]+\\): P1 waited at the car for a partner", log);
        Assert.DoesNotContain("went straight in", log, StringComparison.Ordinal);

        // The stream beside the recording only grew: the note as written, then its amendment.
        var lines = await File.ReadAllLinesAsync(Path.Combine(host.DataPath, "sessions", id, "annotations.jsonl"), Ct);
        Assert.Equal(["note", "amended"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Only_the_author_or_an_admin_amends_or_withdraws_a_note_and_a_withdrawn_one_is_left_out_of_the_paperwork()
    {
        var id = await RecordHoldAsync();
        using var author = await host.AsAsync("evaluator");
        using var other = host.ClientWith(await host.Access.TokenForAsync("evaluator"));
        using var controller = await host.AsAsync("controller");
        using var admin = await host.AsAsync("admin");
        using var anonymous = host.ClientWith(null);
        var number = await WriteAsync(author, id, new { text = "P2 never moved", mark = "area-for-improvement", unitId = "P2" });
        var kept = await WriteAsync(author, id, new { text = "Good radio discipline", mark = "strength" });

        var byOther = await other.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { text = "mine now" }, Ct);
        var otherWithdraws = await other.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/withdraw", new { reason = "not mine" }, Ct);
        var byController = await controller.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/withdraw", new { reason = "no" }, Ct);
        var byNobody = await anonymous.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/withdraw", new { reason = "no" }, Ct);

        var refusal = await byOther.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.Forbidden, "not-the-author", "amend-any-note"), (byOther.StatusCode, refusal.GetProperty("reason").GetString(), refusal.GetProperty("right").GetString()));
        Assert.Matches($"^note {number} of session '{id}' is token:evaluator-[0-9a-f]+'s: only its author may amend it, or one holding the 'amend-any-note' right, which admin holds$", refusal.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, otherWithdraws.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, "missing-right"), (byController.StatusCode, (await byController.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal("P2 never moved", (await NotesAsync(controller, id))[0].GetProperty("text").GetString());

        // An admin may correct anyone's note; so may its author; then it is withdrawn, and stays so.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { text = "P2 never moved from staging" }, Ct)).StatusCode);
        var withdrawn = await author.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/withdraw", new { reason = "written on the wrong session" }, Ct);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var again = await admin.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { text = "too late" }, Ct);
        var twice = await author.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/withdraw", new { reason = "again" }, Ct);
        var conflict = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.Conflict, "note-withdrawn"), (again.StatusCode, conflict.GetProperty("reason").GetString()));
        Assert.Matches($"^note {number} of session '{id}' was withdrawn by token:evaluator-[0-9a-f]+ at .* UTC \\(written on the wrong session\\): a withdrawn note can be neither amended nor withdrawn again$", conflict.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // Shown as withdrawn to those who may read notes, with its whole history; left out of every document.
        var shown = (await NotesAsync(controller, id)).Single(n => n.GetProperty("number").GetInt64() == number);
        Assert.Equal("written on the wrong session", shown.GetProperty("withdrawn").GetProperty("reason").GetString());
        Assert.StartsWith("token:admin-", shown.GetProperty("amended").GetProperty("by").GetString(), StringComparison.Ordinal);
        Assert.Equal(["written", "amended", "withdrawn"], shown.GetProperty("history").EnumerateArray().Select(v => v.GetProperty("change").GetString()));
        var aar = await author.GetStringAsync($"/api/sessions/{id}/aar?format=html", Ct);
        Assert.DoesNotContain("P2 never moved", aar, StringComparison.Ordinal);
        Assert.Contains("Good radio discipline", aar, StringComparison.Ordinal);
        Assert.DoesNotContain("P2 never moved", await author.GetStringAsync($"/api/sessions/{id}/ics214?format=csv", Ct), StringComparison.Ordinal);
        Assert.True(kept > number);
    }

    [Fact]
    public async Task A_person_removed_and_added_again_under_the_same_name_may_not_change_what_the_first_wrote()
    {
        var id = await RecordHoldAsync();
        var name = $"eva-{Guid.NewGuid():N}"[..12];
        // Kept before authors' identities were: a note bearing the name alone, written long before anyone now in the book was added.
        var longAgo = new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.Zero);
        await File.WriteAllBytesAsync(
            Path.Combine(host.DataPath, "sessions", id, "annotations.jsonl"),
            AnnotationJson.SerializeLine(new EvaluatorNote("Kept before", NoteMark.Observation) { Number = 1, About = longAgo, Written = longAgo, Author = name }),
            Ct);
        await host.Access.AddPersonAsync(name, "evaluator");
        var first = await host.Access.SignInAsync(name);
        var theirs = await WriteAsPageAsync(first, id, "P1 went straight in");
        (await host.Client.DeleteAsync($"/api/access/people/{name}", Ct)).EnsureSuccessStatusCode();
        await host.Access.AddPersonAsync(name, "evaluator");
        var again = await host.Access.SignInAsync(name);

        using var amends = await SendAsPageAsync(again, $"/api/sessions/{id}/notes/{theirs}/amend", new { text = "P1 waited at the car" });
        using var withdraws = await SendAsPageAsync(again, $"/api/sessions/{id}/notes/{theirs}/withdraw", new { reason = "not what happened" });
        using var amendsOld = await SendAsPageAsync(again, $"/api/sessions/{id}/notes/1/amend", new { text = "rewritten" });

        Assert.Equal((HttpStatusCode.Forbidden, "not-the-author"), (amends.StatusCode, (await amends.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, withdraws.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, amendsOld.StatusCode);
        // Both stand as written, read with their author's name, and neither is shown as the newcomer's to change.
        using var listing = await SendAsPageAsync(again, $"/api/sessions/{id}/notes", null, HttpMethod.Get);
        var notes = (await listing.Content.ReadFromJsonAsync<JsonElement[]>(Ct))!;
        Assert.Equal(
            [("Kept before", name, false), ("P1 went straight in", name, false)],
            notes.Select(n => (n.GetProperty("text").GetString(), n.GetProperty("author").GetString(), n.GetProperty("yours").GetBoolean())));

        // What the newcomer writes is theirs.
        var own = await WriteAsPageAsync(again, id, "P2 held at staging");
        using var ownAmended = await SendAsPageAsync(again, $"/api/sessions/{id}/notes/{own}/amend", new { text = "P2 held at staging, as assigned" });
        Assert.Equal(HttpStatusCode.OK, ownAmended.StatusCode);
        Assert.True((await ownAmended.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("yours").GetBoolean());
    }

    private async Task<HttpResponseMessage> SendAsPageAsync(string cookie, string path, object? body, HttpMethod? method = null)
    {
        using var page = host.ClientWith(null);
        return await page.SendAsync(host.Access.AsPage(method ?? HttpMethod.Post, path, cookie, body), Ct);
    }

    private async Task<long> WriteAsPageAsync(string cookie, string id, string text)
    {
        using var written = await SendAsPageAsync(cookie, $"/api/sessions/{id}/notes", new { text });
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        return (await written.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetInt64();
    }

    [Fact]
    public async Task A_change_to_a_note_that_is_not_there_or_is_a_rating_or_names_what_the_session_never_had_is_refused_by_name()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        using var controller = await host.AsAsync("controller");
        var number = await WriteAsync(evaluator, id, new { text = "P1 waited", unitId = "P1" });

        // No exercise is declared: no objective can be named, in a new note or an amendment.
        var noExercise = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "held back", objectiveId = "OBJ-1" }, Ct);
        var amendNoExercise = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { objectiveId = "OBJ-1" }, Ct);
        var declaredNone = (HttpStatusCode.BadRequest, "objectiveId", "invalid-value", $"session '{id}' has no exercise objectives declared, so none can be named (objective 'OBJ-1')");
        Assert.Equal([declaredNone], await ErrorsAsync(noExercise));
        Assert.Equal([declaredNone], await ErrorsAsync(amendNoExercise));

        var objective = new { id = "OBJ-1", title = "Reach the threat", measures = new[] { new { measure = "first-contact", performedS = 180, someChallengesS = 300, majorChallengesS = 600 } } };
        (await controller.PutAsJsonAsync($"/api/incidents/{id}/exercise", new { scenario = "school", version = "1", objectives = new[] { objective } }, Ct)).EnsureSuccessStatusCode();
        var rating = (await (await evaluator.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { objectiveId = "OBJ-1", rating = "P" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetInt64();

        Assert.Equal(
            [(HttpStatusCode.BadRequest, "unitId", "invalid-value", $"session '{id}' has no unit 'NOPE'"),
             (HttpStatusCode.BadRequest, "objectiveId", "invalid-value", $"session '{id}' has no objective 'O9': its exercise objectives are 'OBJ-1'")],
            await ErrorsAsync(await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { unitId = "NOPE", objectiveId = "O9" }, Ct)));
        Assert.Equal(
            (HttpStatusCode.NotFound, "unknown-note", $"session '{id}' has no note 99"),
            await RefusedAsync(await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/99/amend", new { text = "x" }, Ct)));
        Assert.Equal(
            (HttpStatusCode.NotFound, "unknown-note", $"session '{id}' has no note 'first'"),
            await RefusedAsync(await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/first/withdraw", new { reason = "x" }, Ct)));
        Assert.Equal(
            (HttpStatusCode.NotFound, "unknown-session", "no recorded session for incident 'no-such-session'"),
            await RefusedAsync(await evaluator.PostAsJsonAsync("/api/sessions/no-such-session/notes/1/withdraw", new { reason = "x" }, Ct)));
        Assert.Equal(
            (HttpStatusCode.BadRequest, "not-a-note", $"annotation {rating} of session '{id}' is a rating decision for objective 'OBJ-1', not a note: decide the objective's rating again to change it"),
            await RefusedAsync(await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{rating}/withdraw", new { reason = "x" }, Ct)));
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "reason", "missing-field", "why the note is withdrawn: the record keeps it, and shows it beside the note")],
            await ErrorsAsync(await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/withdraw", new { reason = "  " }, Ct)));
        Assert.Equal(
            (HttpStatusCode.BadRequest, "unchanged", $"the amendment leaves note {number} of session '{id}' as it is: change its text, mark, unit or objective"),
            await RefusedAsync(await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { text = "P1 waited", reason = "nothing" }, Ct)));
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "mark", "invalid-value", "mark is strength, area-for-improvement or observation")],
            await ErrorsAsync(await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { mark = "excellent" }, Ct)));
        Assert.Equal(
            [(HttpStatusCode.BadRequest, "text", "missing-field", "required")],
            await ErrorsAsync(await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { text = " " }, Ct)));

        // Nothing refused was kept: the note as written, and the rating, listed as it is.
        Assert.Equal([("note", number), ("rating", rating)], (await NotesAsync(evaluator, id)).Select(n => (n.GetProperty("type").GetString(), n.GetProperty("number").GetInt64())));
        Assert.Equal(1, (await NotesAsync(evaluator, id))[0].GetProperty("history").GetArrayLength());

        // A unit given empty takes the note off it; an objective of the exercise is taken.
        var moved = await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { unitId = "", objectiveId = "OBJ-1" }, Ct);
        var note = await moved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.OK, false, "OBJ-1", 2), (moved.StatusCode, note.TryGetProperty("unitId", out _), note.GetProperty("objectiveId").GetString(), note.GetProperty("history").GetArrayLength()));
    }

    [Fact]
    public async Task A_session_holding_the_most_annotations_it_may_refuses_one_more_on_every_endpoint_by_name_and_keeps_what_it_holds()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        using var controller = await host.AsAsync("controller");
        using var admin = await host.AsAsync("admin");
        var objective = new { id = "OBJ-1", title = "Reach the threat", measures = new[] { new { measure = "first-contact", performedS = 180, someChallengesS = 300, majorChallengesS = 600 } } };
        (await controller.PutAsJsonAsync($"/api/incidents/{id}/exercise", new { scenario = "school", version = "1", objectives = new[] { objective } }, Ct)).EnsureSuccessStatusCode();
        // The stream beside the recording, written before the session's notes are first read: all but one of the most it may hold.
        var path = Path.Combine(host.DataPath, "sessions", id, "annotations.jsonl");
        var at = host.Clock.GetUtcNow();
        await using (var stream = File.Create(path))
        {
            for (var n = 1; n < AnnotationRules.MaxPerSession; n++)
            {
                await stream.WriteAsync(AnnotationJson.SerializeLine(new EvaluatorNote($"note {n}", NoteMark.Observation) { Number = n, About = at, Written = at, Author = "eva" }), Ct);
            }
        }

        var last = await WriteAsync(evaluator, id, new { text = "the last one" });
        var refused = new[]
        {
            await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", new { text = "one more" }, Ct),
            await evaluator.PostAsJsonAsync($"/api/sessions/{id}/ratings", new { objectiveId = "OBJ-1", rating = "U", reason = "P1 never went in" }, Ct),
            await admin.PostAsJsonAsync($"/api/sessions/{id}/notes/1/amend", new { text = "note 1, amended" }, Ct),
            await admin.PostAsJsonAsync($"/api/sessions/{id}/notes/1/withdraw", new { reason = "written on the wrong session" }, Ct),
        };

        Assert.Equal(AnnotationRules.MaxPerSession, last);
        var full = (HttpStatusCode.Conflict, "limit-reached",
            $"session '{id}' holds 10,000 annotations (notes, rating decisions, amendments and withdrawals), the most one session keeps: it takes no more");
        Assert.Equal([full, full, full, full], await Task.WhenAll(refused.Select(RefusedAsync)));
        // What it holds stays as it was, to be read and printed.
        var notes = await NotesAsync(evaluator, id);
        Assert.Equal((AnnotationRules.MaxPerSession, "note 1", "the last one"), (notes.Length, notes[0].GetProperty("text").GetString(), notes[^1].GetProperty("text").GetString()));
        Assert.Equal(AnnotationRules.MaxPerSession, (await File.ReadAllLinesAsync(path, Ct)).Length);
    }

    [Fact]
    public async Task A_page_watching_a_sessions_notes_hears_each_change_over_the_hub()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/incidents"), o => o.AccessTokenProvider = () => host.TokenAsync("controller")!)
            .AddJsonProtocol(o => o.PayloadSerializerOptions = CommandHost.Json)
            .Build();
        var heard = System.Threading.Channels.Channel.CreateUnbounded<NotesChanged>();
        hub.On<NotesChanged>(NoteWatchers.Method, c => heard.Writer.TryWrite(c));
        await hub.StartAsync(Ct);
        await hub.InvokeAsync("WatchNotes", id, Ct);

        var number = await WriteAsync(evaluator, id, new { text = "P1 waited" });
        (await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/amend", new { text = "P1 waited for a partner" }, Ct)).EnsureSuccessStatusCode();
        (await evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes/{number}/withdraw", new { reason = "wrong session" }, Ct)).EnsureSuccessStatusCode();

        async Task<NotesChanged> Next() => await heard.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(15), Ct);
        Assert.Equal([new NotesChanged(id, number), new NotesChanged(id, number + 1), new NotesChanged(id, number + 2)], [await Next(), await Next(), await Next()]);

        // Unwatched, it hears no more: a note on another session it watches, written after one on this session, is
        // the next it hears (one connection's messages come in the order they are sent).
        var other = await RecordHoldAsync();
        await hub.InvokeAsync("UnwatchNotes", id, Ct);
        await hub.InvokeAsync("WatchNotes", other, Ct);
        await WriteAsync(evaluator, id, new { text = "P2 went in" });
        var elsewhere = await WriteAsync(evaluator, other, new { text = "P1 went in" });
        Assert.Equal(new NotesChanged(other, elsewhere), await Next());
    }

    [Fact]
    public async Task The_same_note_sent_several_times_at_once_is_kept_once_and_each_sender_told_which()
    {
        var id = await RecordHoldAsync();
        using var evaluator = await host.AsAsync("evaluator");
        var note = new { text = "P1 waited at the car", mark = "area-for-improvement", unitId = "P1" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => evaluator.PostAsJsonAsync($"/api/sessions/{id}/notes", note, Ct)));

        // One keeps it; the others are answered with the note kept, as a repeated request is.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Created], answers.Select(a => a.StatusCode).Order());
        var numbers = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetInt64()));
        Assert.Single(numbers.Distinct());
        Assert.Single(await NotesAsync(evaluator, id), n => n.GetProperty("type").GetString() == "note");

        // Other words are another note.
        Assert.Equal(numbers[0] + 1, await WriteAsync(evaluator, id, new { text = "P1 waited at the car for backup", mark = "area-for-improvement", unitId = "P1" }));
    }

    private static async Task<long> WriteAsync(HttpClient client, string id, object note)
    {
        var written = await client.PostAsJsonAsync($"/api/sessions/{id}/notes", note, Ct);
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        return (await written.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetInt64();
    }

    private static async Task<JsonElement[]> NotesAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/notes", Ct))!;

    private static async Task<(HttpStatusCode Status, string? Reason, string? Detail)> RefusedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body.GetProperty("reason").GetString(), body.GetProperty("detail").GetString());
    }
}

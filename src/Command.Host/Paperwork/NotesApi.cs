using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Domain.Exercises;
using Command.Domain.Validation;
using Command.Grains.Annotations;
using Command.Grains.Incidents;
using Command.Host.Access;
using Command.Host.Api;
using Command.Host.Replays;
using Command.Recording.Reading;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Command.Host.Paperwork;

/// <summary>
/// Evaluator notes and rating decisions: an annotation stream kept beside a session's recording, read and written
/// over HTTP by those allowed (<see cref="Rights.ReadNotes"/>, <see cref="Rights.WriteNotes"/>), never sent in the frames every viewer gets.
/// A note is corrected or taken back by appending an amendment or a withdrawal that names it by number, never by
/// rewriting the stream: its author may, and so may one holding <see cref="Rights.AmendAnyNote"/> (an admin).
/// </summary>
public static class NotesApi
{
    public static IEndpointRouteBuilder MapNotesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions/{id}").WithTags("Notes");
        api.MapGet("/notes", List).Needs(Rights.ReadNotes);
        api.MapPost("/notes", Add).Commands(Rights.WriteNotes);
        api.MapGet("/ratings", Ratings).Needs(Rights.ReadNotes);
        api.MapPost("/notes/{number}/amend", Amend).Commands(Rights.WriteNotes);
        api.MapPost("/notes/{number}/withdraw", Withdraw).Commands(Rights.WriteNotes);
        api.MapPost("/ratings", Rate).Commands(Rights.WriteNotes);
        return app;
    }

    /// <summary>
    /// The notes as they now stand (<see cref="NoteView"/>, withdrawn ones shown as withdrawn) and the rating decisions,
    /// in the order written; amendments and withdrawals are in the history of the note they name, not listed apart.
    /// </summary>
    private static async Task<IResult> List(string id, HttpContext http, SessionPaperwork paperwork, AccessBookCopy book, IOptions<JsonOptions> json, CancellationToken ct) =>
        await paperwork.ExistsAsync(id, ct)
            ? Results.Ok(Listed(await paperwork.AnnotationsAsync(id), NoteAuthors.Of(http.User, book), json.Value.SerializerOptions))
            : UnknownSession(id);

    internal static List<object> Listed(IReadOnlyList<Annotation> annotations, NoteAuthor? reader, System.Text.Json.JsonSerializerOptions options)
    {
        var notes = NoteBook.Fold(annotations).ToDictionary(n => n.Number);
        List<object> listed = [];
        foreach (var annotation in annotations)
        {
            if (annotation is EvaluatorNote && notes.TryGetValue(annotation.Number, out var note))
            {
                listed.Add(NoteView.Of(note, reader));
            }
            else if (annotation is RatingDecided)
            {
                // As the annotation it is, "type": "rating" and all: written through its base type.
                listed.Add(System.Text.Json.JsonSerializer.SerializeToElement(annotation, options));
            }
        }

        return listed;
    }

    private static async Task<IResult> Amend(
        string id, string number, HttpRequest request, SessionPaperwork paperwork, IGrainFactory grains, TimeProvider clock, AccessAudit audit,
        AccessBookCopy book, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, note, error) = await ChangeAsync<NoteAmendRequest>(id, number, request, paperwork, json, ct);
        if (error is not null)
        {
            return error;
        }

        NoteMark? mark = null;
        if (body!.Mark is { } m)
        {
            if (!TryMark(m, out var parsed))
            {
                return ApiError.Invalid([new FieldError("mark", "invalid-value", "mark is strength, area-for-improvement or observation")]);
            }

            mark = parsed;
        }

        // Left out, a unit or objective stays; given empty, the note is taken off it; given, it must be the session's.
        var (unitId, objectiveId) = (Cleared(body.UnitId), Cleared(body.ObjectiveId));
        if (await UnknownAsync(id, unitId is "" ? null : unitId, objectiveId is "" ? null : objectiveId, paperwork, ct) is { Count: > 0 } unknown)
        {
            return ApiError.Invalid(unknown);
        }

        if (NoteAuthors.Of(request.HttpContext.User, book) is not { } author)
        {
            return NoteAuthors.Gone(request.HttpContext.User);
        }

        var answer = await grains.GetGrain<IAnnotationGrain>(id).Amend(
            note, new NoteEdit(body.Text, mark, unitId, objectiveId), body.Reason, author, clock.GetUtcNow(), Rights.Grants(request.HttpContext.User, Rights.AmendAnyNote));
        return await AnsweredAsync(id, note, answer, request, audit, grains, author);
    }

    private static async Task<IResult> Withdraw(
        string id, string number, HttpRequest request, SessionPaperwork paperwork, IGrainFactory grains, TimeProvider clock, AccessAudit audit,
        AccessBookCopy book, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, note, error) = await ChangeAsync<NoteWithdrawRequest>(id, number, request, paperwork, json, ct);
        if (error is not null)
        {
            return error;
        }

        if (Blank(body!.Reason) is not { } reason)
        {
            return ApiError.Invalid([new FieldError("reason", "missing-field", "why the note is withdrawn: the record keeps it, and shows it beside the note")]);
        }

        if (NoteAuthors.Of(request.HttpContext.User, book) is not { } author)
        {
            return NoteAuthors.Gone(request.HttpContext.User);
        }

        var answer = await grains.GetGrain<IAnnotationGrain>(id).Withdraw(
            note, reason, author, clock.GetUtcNow(), Rights.Grants(request.HttpContext.User, Rights.AmendAnyNote));
        return await AnsweredAsync(id, note, answer, request, audit, grains, author);
    }

    /// <summary>
    /// What a change of a note (an amendment or a withdrawal) opens with: its body, read as every body is; the session,
    /// which must exist; and the note's number, which must be one. The refusal of the first that fails, else none.
    /// </summary>
    private static async Task<(T? Body, long Note, IResult? Error)> ChangeAsync<T>(
        string id, string number, HttpRequest request, SessionPaperwork paperwork, IOptions<JsonOptions> json, CancellationToken ct)
        where T : class
    {
        var (body, error) = await JsonBody.ReadAsync<T>(request, json.Value.SerializerOptions, ct);
        return error is not null ? (null, 0, error)
            : !await paperwork.ExistsAsync(id, ct) ? (null, 0, UnknownSession(id))
            : !TryNumber(number, out var note) ? (null, 0, UnknownNote(id, number))
            : (body, note, null);
    }

    /// <summary>The note as it now stands, or the refusal as the API says each: 404, 400, 409 (withdrawn, or the session full), or 403 naming the right that would do.</summary>
    private static async Task<IResult> AnsweredAsync(
        string id, long note, AnnotationAnswer answer, HttpRequest request, AccessAudit audit, IGrainFactory grains, NoteAuthor author)
    {
        if (answer.Refused is not { } refused)
        {
            var standing = NoteBook.Fold(await grains.GetGrain<IAnnotationGrain>(id).List()).Single(n => n.Number == note);
            return Results.Ok(NoteView.Of(standing, author));
        }

        switch (refused.Reason)
        {
            case AnnotationRefusalReason.UnknownNote:
                return Results.NotFound(new ApiError("unknown-note", refused.Detail));
            case AnnotationRefusalReason.Withdrawn:
                return Results.Conflict(new ApiError("note-withdrawn", refused.Detail));
            case AnnotationRefusalReason.NotANote:
                return Results.BadRequest(new ApiError("not-a-note", refused.Detail));
            case AnnotationRefusalReason.Unchanged:
                return Results.BadRequest(new ApiError("unchanged", refused.Detail));
            case AnnotationRefusalReason.LimitReached:
                return LimitReached(refused);
            case AnnotationRefusalReason.NotTheAuthor:
                var what = $"{request.Method} {request.Path}";
                audit.Refused(Actor.Of(request), what, "not-the-author");
                return Results.Json(
                    new AccessRefused("not-the-author", $"{refused.Detail}, or one holding the '{Rights.AmendAnyNote}' right, which {Rights.HoldersText(Rights.AmendAnyNote)} holds", Rights.AmendAnyNote),
                    statusCode: StatusCodes.Status403Forbidden);
            default:
                var colon = refused.Detail.IndexOf(':', StringComparison.Ordinal);
                return colon < 0
                    ? Results.BadRequest(new ApiError("invalid-request", refused.Detail))
                    : ApiError.Invalid([new FieldError(refused.Detail[..colon], refused.Detail.Contains("required", StringComparison.Ordinal) ? "missing-field" : "invalid-value", refused.Detail[(colon + 2)..])]);
        }
    }

    // A note's number as the route names it: a positive whole number; anything else names no note.
    private static bool TryNumber(string text, out long number) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) && number > 0;

    private static IResult UnknownNote(string id, string number) =>
        Results.NotFound(new ApiError("unknown-note", $"session '{id}' has no note '{number[..Math.Min(number.Length, 40)]}'"));

    // Null when left out; "" when given empty (take the note off it); else trimmed.
    private static string? Cleared(string? text) => text is null ? null : text.Trim();

    private static async Task<IResult> Add(
        string id, HttpRequest request, SessionPaperwork paperwork, IGrainFactory grains, TimeProvider clock, AccessBookCopy book, IOptions<JsonOptions> json,
        CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<NoteRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        if (await paperwork.FindAsync(id, ct) is not { } session)
        {
            return UnknownSession(id);
        }

        var mark = NoteMark.Observation;
        if (body!.Mark is { } m && !TryMark(m, out mark))
        {
            return ApiError.Invalid([new FieldError("mark", "invalid-value", "mark is strength, area-for-improvement or observation")]);
        }

        var (unitId, objectiveId) = (Blank(body.UnitId), Blank(body.ObjectiveId));
        if (await UnknownAsync(id, unitId, objectiveId, paperwork, ct) is { Count: > 0 } unknown)
        {
            return ApiError.Invalid(unknown);
        }

        DateTimeOffset? about = body.About;
        if (body.ReplayId is { } replayId)
        {
            if (!SiteMapping.IsValidId(replayId) || await grains.GetGrain<IReplayGrain>(replayId).Status() is not { } replay || replay.IncidentId != id)
            {
                return Results.NotFound(new ApiError("unknown-replay", $"replay '{replayId}' of session '{id}' is not open"));
            }

            about = replay.Position;
        }
        else if (about is { } given && await OutsideAsync(session, given, grains) is { } outside)
        {
            // Kept, it would print in the AAR/IP and the ICS-214 logs at a time of day as if the session held that moment.
            return ApiError.Invalid([outside]);
        }

        about ??= (await grains.GetGrain<IIncidentGrain>(id).GetView())?.Clock;
        if (about is null)
        {
            return ApiError.Invalid([new FieldError("about", "missing-field", "the incident time the note is about, or the replay it was written in")]);
        }

        if (NoteAuthors.Of(request.HttpContext.User, book) is not { } author)
        {
            return NoteAuthors.Gone(request.HttpContext.User);
        }

        var note = new EvaluatorNote(body.Text?.Trim() ?? "", mark, unitId, objectiveId) { About = about.Value, Written = clock.GetUtcNow(), Author = author.Name, AuthorId = author.Id };
        return await KeepAsync(id, note, grains);
    }

    private static async Task<IResult> Rate(
        string id, HttpRequest request, SessionPaperwork paperwork, IGrainFactory grains, TimeProvider clock, AccessBookCopy book, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<RatingRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        if (!await paperwork.ExistsAsync(id, ct))
        {
            return UnknownSession(id);
        }

        List<FieldError> missing = [];
        if (Blank(body!.ObjectiveId) is null)
        {
            missing.Add(new FieldError("objectiveId", "missing-field", "the objective rated"));
        }

        if (Blank(body.Rating) is null)
        {
            missing.Add(new FieldError("rating", "missing-field", "the rating: performed, some-challenges, major-challenges or unable (P, S, M, U)"));
        }

        if (missing.Count > 0)
        {
            return ApiError.Invalid(missing);
        }

        if (!ExerciseRatings.TryParse(body.Rating, out var rating))
        {
            return ApiError.Invalid([new FieldError("rating", "invalid-value", "rating is performed, some-challenges, major-challenges or unable (P, S, M, U)")]);
        }

        var report = await paperwork.ReportAsync(id, null, ct);
        if (Objective(report, body.ObjectiveId) is not { } objective)
        {
            return ApiError.Invalid([NoObjective(id, body.ObjectiveId, report)]);
        }

        var proposed = ObjectiveProposal.For(objective, report).Rating;
        if (NoteAuthors.Of(request.HttpContext.User, book) is not { } author)
        {
            return NoteAuthors.Gone(request.HttpContext.User);
        }

        var decided = new RatingDecided(objective.ObjectiveId, rating, proposed, Blank(body.Reason))
        {
            About = report.Incident.EndedAt ?? clock.GetUtcNow(), Written = clock.GetUtcNow(), Author = author.Name, AuthorId = author.Id,
        };
        if (AnnotationRules.ReasonRequired(decided))
        {
            // Kept, a changed rating would print in the AAR/IP with no why beside it.
            return ApiError.Invalid([new FieldError("reason", "reason-required", AnnotationRules.ReasonRequiredDetail(decided))]);
        }

        return await KeepAsync(id, decided, grains);
    }

    // Each objective as the rating dialog offers it: its proposal, the evidence it rests on, and the decision that
    // counts so far (the latest).
    private static async Task<IResult> Ratings(string id, SessionPaperwork paperwork, CancellationToken ct)
    {
        if (!await paperwork.ExistsAsync(id, ct))
        {
            return UnknownSession(id);
        }

        var report = await paperwork.ReportAsync(id, null, ct);
        var decided = (await paperwork.AnnotationsAsync(id)).OfType<RatingDecided>().GroupBy(r => r.ObjectiveId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Number)!);
        var clock = new SiteClock(report.Incident.TimeZone);
        return Results.Ok((report.Exercise?.Objectives ?? []).Select(o =>
        {
            var proposal = ObjectiveProposal.For(o, report);
            var decision = decided.GetValueOrDefault(o.ObjectiveId);
            var revisit = decision is null ? null : new DecisionAgainstProposal(decision, proposal).Revisit(clock);
            return new ObjectiveRating(o.ObjectiveId, o.Title, proposal.Rating, [.. proposal.Evidence.Select(e => e.Text)], decision, revisit);
        }).ToList());
    }

    private static async Task<IResult> KeepAsync(string id, Annotation annotation, IGrainFactory grains)
    {
        if (AnnotationRules.Check(annotation) is { } wrong)
        {
            var colon = wrong.IndexOf(':', StringComparison.Ordinal);
            return ApiError.Invalid([new FieldError(wrong[..colon], "invalid-value", wrong[(colon + 2)..])]);
        }

        var answer = await grains.GetGrain<IAnnotationGrain>(id).Add(annotation);
        return answer switch
        {
            // The same note sent again: answered with the one kept, as a repeated PUT is, and not kept twice.
            { Kept: { } kept, Repeated: true } => Results.Ok(kept),
            { Kept: { } kept } => Results.Created($"/api/sessions/{id}/notes", kept),
            _ => LimitReached(answer.Refused!),
        };
    }

    // A session that holds the most annotations it may keeps what it holds and takes no more: a conflict with its state,
    // as opening an incident past Incidents:MaxOpen is.
    private static IResult LimitReached(AnnotationRefusal refused) =>
        Results.Conflict(new ApiError(RejectReasons.Name(RejectReason.LimitReached), refused.Detail));

    // A note is about a moment of the session: from its first event to its last, or to the clock of an incident still open.
    private static async Task<FieldError?> OutsideAsync(SessionSummary session, DateTimeOffset about, IGrainFactory grains)
    {
        if (session.FirstTime is not { } first || session.LastTime is not { } last)
        {
            return null;
        }

        if (about > last && (await grains.GetGrain<IIncidentGrain>(session.IncidentId).GetView())?.Clock is { } clock && clock > last)
        {
            last = clock;
        }

        return about >= first && about <= last ? null : new FieldError(
            "about", "invalid-value",
            $"session '{session.IncidentId}' runs from {first.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} to {last.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} UTC; a note cannot be about {about.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} UTC");
    }

    /// <summary>
    /// A unit the session never had, and an objective that is not one of its incident's exercise objectives, each as a
    /// field error: kept, a note about either would show in the paperwork as if the session had it, or never show beside
    /// the objective it was meant for.
    /// </summary>
    private static async Task<List<FieldError>> UnknownAsync(string id, string? unitId, string? objectiveId, SessionPaperwork paperwork, CancellationToken ct)
    {
        List<FieldError> unknown = [];
        if (unitId is null && objectiveId is null)
        {
            return unknown;
        }

        var report = await paperwork.ReportAsync(id, null, ct);
        if (unitId is not null && !report.Units.Any(u => u.UnitId == unitId))
        {
            unknown.Add(new FieldError("unitId", "invalid-value", $"session '{id}' has no unit '{unitId}'"));
        }

        if (objectiveId is not null && Objective(report, objectiveId) is null)
        {
            unknown.Add(NoObjective(id, objectiveId, report));
        }

        return unknown;
    }

    private static ExerciseObjective? Objective(AfterActionReport report, string? objectiveId) =>
        report.Exercise?.Objectives.FirstOrDefault(o => o.ObjectiveId == objectiveId);

    private static FieldError NoObjective(string id, string? objectiveId, AfterActionReport report) =>
        new("objectiveId", "invalid-value", report.Exercise is not { Objectives.Length: > 0 } exercise
            ? $"session '{id}' has no exercise objectives declared, so none can be named (objective '{objectiveId}')"
            : $"session '{id}' has no objective '{objectiveId}': its exercise objectives are {string.Join(", ", exercise.Objectives.Select(o => $"'{o.ObjectiveId}'"))}");

    private static bool TryMark(string text, out NoteMark mark)
    {
        // With or without hyphens: "area-for-improvement", and "areaForImprovement" as the notes' own answers write it.
        (var known, mark) = text.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal) switch
        {
            "strength" => (true, NoteMark.Strength),
            "areaforimprovement" or "improvement" => (true, NoteMark.AreaForImprovement),
            "observation" or "" => (true, NoteMark.Observation),
            _ => (false, NoteMark.Observation),
        };
        return known;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static IResult UnknownSession(string id) => Results.NotFound(new ApiError("unknown-session", $"no recorded session for incident '{id}'"));
}

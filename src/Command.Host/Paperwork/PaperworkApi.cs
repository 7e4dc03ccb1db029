using System.Collections.Immutable;
using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Domain.Exercises;
using Command.Grains.Incidents;
using Command.Host.Access;
using Command.Host.Api;
using Command.Recording.Storage;
using Command.Reporting.Exports;
using Command.Reporting.Ics214;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Command.Host.Paperwork;

/// <summary>
/// The paperwork of an exercise: the AAR/IP draft and ICS-214 logs of a recorded session (downloaded at once, or as
/// export jobs with progress), the exercise an incident is run as, and sending a unit in instead of a flagged one.
/// </summary>
public static class PaperworkApi
{
    public static IEndpointRouteBuilder MapPaperworkApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/sessions/{id}").WithTags("Paperwork");
        sessions.MapGet("/aar", (string id, string? format, HttpContext context, SessionPaperwork paperwork, TimeProvider clock, CancellationToken ct) =>
            Download(id, format?.ToLowerInvariant() switch { "html" => PaperworkKind.AarHtml, null or "docx" => PaperworkKind.AarDocx, _ => null }, null, context, paperwork, clock, ct))
            .Needs(Rights.Export);
        sessions.MapGet("/ics214", (string id, string? format, string? unit, HttpContext context, SessionPaperwork paperwork, TimeProvider clock, CancellationToken ct) =>
            Download(id, format?.ToLowerInvariant() switch { "docx" => PaperworkKind.Ics214Docx, "csv" => PaperworkKind.Ics214Csv, null or "zip" => PaperworkKind.Ics214Zip, _ => null }, unit, context, paperwork, clock, ct))
            .Needs(Rights.Export);
        sessions.MapPost("/exports", StartExport).Needs(Rights.Export);
        sessions.MapGet("/exports/{jobId}", Result).Needs(Rights.Export);
        app.MapGet("/api/exports/{jobId}", async (string jobId, ExportJobs jobs) =>
            await jobs.FindAsync(jobId) is { } status ? Results.Ok(status)
                : Results.NotFound(new ApiError("unknown-export", $"no export '{jobId[..Math.Min(jobId.Length, 100)]}' was started in this cluster")))
            .WithTags("Paperwork").Needs(Rights.Export);
        app.MapPut("/api/incidents/{id}/exercise", SetExercise).WithTags("Paperwork").Commands(Rights.ControlDrills)
            .RefusedOnceClosed(id => $"exercise objectives are an incident's while it runs, and those it had are rated on its recording (/api/sessions/{id}/ratings)");
        app.MapPost("/api/incidents/{id}/flags/{subject}/send", Send).WithTags("Units").Commands(Rights.Command).RefusedOnceClosed();
        return app;
    }

    /// <summary>The notes a caller may see: all of them for one who may read notes, none for anyone else.</summary>
    internal static async Task<ImmutableArray<Annotation>> VisibleAnnotationsAsync(HttpContext context, SessionPaperwork paperwork, string id) =>
        Rights.Grants(context.User, Rights.ReadNotes) ? await paperwork.AnnotationsAsync(id) : [];

    // Written whole to memory first: a .docx (a zip) needs a seekable stream, which a response body is not.
    private static async Task<IResult> Download(string id, PaperworkKind? kind, string? unit, HttpContext context, SessionPaperwork paperwork, TimeProvider clock, CancellationToken ct)
    {
        if (kind is not { } k)
        {
            return ApiError.Invalid([new FieldError("format", "invalid-value", "the AAR is docx or html; ICS-214 logs are zip, docx or csv")]);
        }

        if (!await paperwork.ExistsAsync(id, ct))
        {
            return NotesApi.UnknownSession(id);
        }

        var report = await paperwork.ReportAsync(id, null, ct);
        var document = new MemoryStream();
        try
        {
            await PaperworkExport.WriteAsync(k, report, await VisibleAnnotationsAsync(context, paperwork, id), unit, Actor.Of(context.Request), clock.GetUtcNow(), document, null, ct);
        }
        catch (KeyNotFoundException)
        {
            return UnknownUnit(id, unit!);
        }

        document.Position = 0;
        Attachment.Contain(context.Response);
        return Results.File(document, PaperworkExport.Format(k).ContentType, PaperworkExport.FileName(id, k, unit));
    }

    private static async Task<IResult> StartExport(string id, HttpContext context, SessionPaperwork paperwork, ExportJobs jobs, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<ExportRequest>(context.Request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        if (!PaperworkExport.TryParse(body!.Kind, out var kind))
        {
            return ApiError.Invalid([new FieldError("kind", "invalid-value", "kind is aar-docx, aar-html, ics214-zip, ics214-docx or ics214-csv")]);
        }

        // Left unread, a unit sent with the AAR/IP was answered 202 and the whole session's document made as if asked for.
        if (body.Unit is not null && !PaperworkExport.TakesUnit(kind))
        {
            return ApiError.Invalid([new FieldError("unit", "invalid-value",
                $"{PaperworkExport.Name(kind)} takes no 'unit': the AAR/IP is the whole session's; only ics214-zip, ics214-docx and ics214-csv do, each picking one unit's log")]);
        }

        if (body.Unit is { } unit && unit != Ics214Form.IncidentCommand && FieldError.UnitId("unit", unit) is { } wrong)
        {
            return ApiError.Invalid([wrong with { Detail = $"{wrong.Detail}: a unit id, or incident-command" }]);
        }

        if (!await paperwork.ExistsAsync(id, ct))
        {
            return NotesApi.UnknownSession(id);
        }

        // A unit the session never had is refused here, as a download or a replay's series refuses it, not accepted and
        // then failed in the job; the report read to tell is the one the job writes from, so it is read once.
        AfterActionReport? report = null;
        if (body.Unit is { } named)
        {
            report = await paperwork.ReportAsync(id, null, ct);
            if (!PaperworkExport.HasLog(report, named))
            {
                return UnknownUnit(id, named);
            }
        }

        var status = await jobs.StartAsync(id, kind, body.Unit, Rights.Grants(context.User, Rights.ReadNotes), Actor.Of(context.Request), report);
        // A job for a unit named in another script carries its letters: escaped, as a header must be ASCII.
        return Results.Accepted($"/api/exports/{Uri.EscapeDataString(status.JobId)}", status);
    }

    private static IResult UnknownUnit(string id, string unit) => Results.NotFound(new ApiError("unknown-unit", PaperworkExport.NoUnit(id, unit)));

    private static async Task<IResult> Result(string id, string jobId, ISessionStore store, HttpResponse response, CancellationToken ct)
    {
        if (!IncidentIds.IsValid(id) || !ExportJobs.TryParseJobId(jobId, out var kind, out var namedFor)
            || await store.ReadAllAsync(ExportJobs.ResultPath(id, jobId), ct) is not { } bytes)
        {
            return Results.NotFound(new ApiError("unknown-export", $"session '{id}' has no finished export '{jobId[..Math.Min(jobId.Length, 100)]}'"));
        }

        Attachment.Contain(response);
        return Results.File(bytes, PaperworkExport.Format(kind).ContentType, PaperworkExport.FileName(id, kind, namedFor));
    }

    private static async Task<IResult> SetExercise(string id, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<ExerciseRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var given = body!;
        if (Missing(given) is { Count: > 0 } missing)
        {
            return ApiError.Invalid(missing);
        }

        var exercise = new Exercise(Blank(given.Scenario), Blank(given.Version), [.. given.Objectives!.Select(o => new ExerciseObjective(
            o!.Id ?? "", o.Title?.Trim() ?? "",
            [.. o.Measures!.Select(m => new ObjectiveMeasure(m!.Measure ?? "", m.PerformedS ?? double.NaN, m.SomeChallengesS ?? double.NaN, m.MajorChallengesS ?? double.NaN))]))]);
        if (ExerciseRules.Check(exercise) is { } wrong)
        {
            var colon = wrong.IndexOf(':', StringComparison.Ordinal);
            return ApiError.Invalid([new FieldError(wrong[..colon], "invalid-value", wrong[(colon + 2)..])]);
        }

        var incident = grains.GetGrain<IIncidentGrain>(id);
        if (await incident.GetView() is null)
        {
            return IncidentsApi.NotFound(id);
        }

        var rejection = await incident.SetExercise(exercise, Actor.Of(request));
        return rejection is null ? Results.Ok(exercise) : ApiError.For(rejection);
    }

    // The objectives are given whole, every time: clearing them is "objectives": [], said, never the effect of a field
    // left out; and an objective comes with the measures it is rated by.
    private static List<FieldError> Missing(ExerciseRequest body)
    {
        if (body.Objectives is null)
        {
            return [new FieldError("objectives", "missing-field", "the exercise's objectives, each with its measures; [] to set none")];
        }

        List<FieldError> missing = [];
        for (var i = 0; i < body.Objectives.Count; i++)
        {
            if (body.Objectives[i] is not { } objective)
            {
                missing.Add(new FieldError($"objectives[{i}]", "missing-field", "an objective: id, title and measures"));
            }
            else if (objective.Measures is null)
            {
                missing.Add(new FieldError($"objectives[{i}].measures", "missing-field", "the measures the objective is rated by, at least one"));
            }
            else
            {
                missing.AddRange(objective.Measures.Select((m, j) => m is null ? new FieldError($"objectives[{i}].measures[{j}]", "missing-field", "a measure and its bands") : null).OfType<FieldError>());
            }
        }

        return missing;
    }

    private static async Task<IResult> Send(string id, string subject, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        subject = Api.RouteIds.Unit(subject);
        var (body, error) = await JsonBody.ReadAsync<SendRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        if (FieldError.UnitId("unitId", body!.UnitId) is { } wrong)
        {
            return ApiError.Invalid([wrong with { Detail = $"the unit to send in: {wrong.Detail}" }]);
        }

        var incident = grains.GetGrain<IIncidentGrain>(id);
        if (await incident.GetView() is null)
        {
            return IncidentsApi.NotFound(id);
        }

        var rejection = await incident.SendInstead(body.UnitId!, subject, Actor.Of(request));
        return rejection is null ? Results.NoContent() : ApiError.For(rejection);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// POST /api/sessions/{id}/exports: kind is aar-docx, aar-html, ics214-zip, ics214-docx or ics214-csv; unit picks one
/// ICS-214 log (a unit the session had, or incident-command), and only an ICS-214 kind takes it.
/// </summary>
public sealed record ExportRequest(string? Kind, string? Unit);

using System.Globalization;
using Command.Domain.Events;
using Command.Host.Access;
using Command.Host.Api;
using Command.Recording.Reading;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Command.Host.Replays;

/// <summary>Recorded sessions and their replays: list those open, open, play, pause, step, seek, timeline.</summary>
public static class ReplaysApi
{
    public static IEndpointRouteBuilder MapReplaysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sessions", async (SessionCatalogue catalogue, CancellationToken ct) =>
            Results.Ok(await catalogue.ListAsync(ct).ToListAsync(ct))).WithTags("Sessions").Needs(Rights.WatchReplays);

        // The live page reads what an incident recorded so far (its flags and commands) to show what it missed: watching
        // live reads an open incident's; a session closed, or of no incident listed, is a recording (watch-replays).
        app.MapGet("/api/sessions/{id}/timeline", SessionTimeline).WithTags("Sessions").Needs(Rights.Watch);

        // A replay id is the twelve hex digits Open made; anything else names no replay and wakes no grain.
        var api = app.MapGroup("/api/replays").WithTags("Replays").AddEndpointFilter(async (context, next) =>
            context.HttpContext.GetRouteValue("replayId") is string id && !IsReplayId(id) ? NotFound(id[..Math.Min(id.Length, 40)]) : await next(context));
        api.MapGet("/", List).Needs(Rights.WatchReplays);
        api.MapPost("/", Open).Commands(Rights.OpenReplays);
        api.MapGet("/{replayId}", (string replayId, IGrainFactory grains) => Answer(replayId, Replay(grains, replayId).Status())).Needs(Rights.WatchReplays);
        api.MapDelete("/{replayId}", (string replayId, HttpRequest request, IGrainFactory grains, AccessBookCopy book, AccessAudit audit) =>
            Drive(request, book, audit, async by => await Replay(grains, replayId).Close(by) ? Results.NoContent() : NotFound(replayId))).Commands(Rights.OpenReplays);
        api.MapPost("/{replayId}/play", Play).Commands(Rights.OpenReplays);
        api.MapPost("/{replayId}/pause", (string replayId, HttpRequest request, IGrainFactory grains, AccessBookCopy book, AccessAudit audit) =>
            Drive(request, book, audit, by => Answer(replayId, Replay(grains, replayId).Pause(by)))).Commands(Rights.OpenReplays);
        api.MapPost("/{replayId}/step", (string replayId, HttpRequest request, IGrainFactory grains, AccessBookCopy book, AccessAudit audit) =>
            Drive(request, book, audit, by => Answer(replayId, Replay(grains, replayId).Step(by)))).Commands(Rights.OpenReplays);
        api.MapPost("/{replayId}/seek", Seek).Commands(Rights.OpenReplays);
        api.MapGet("/{replayId}/timeline", Timeline).Needs(Rights.WatchReplays);
        return app;
    }

    private static async Task<IResult> Open(
        HttpRequest request, IGrainFactory grains, SessionCatalogue catalogue, AccessBookCopy book, AccessAudit audit, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<OpenReplayRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        if (body!.IncidentId is null)
        {
            return ApiError.Invalid([new FieldError("incidentId", "missing-field", "the incident whose session to replay")]);
        }

        if (!IncidentIds.IsValid(body.IncidentId))
        {
            return ApiError.Invalid([new FieldError("incidentId", "invalid-value", IncidentIds.Shape)]);
        }

        if (!await catalogue.ExistsAsync(body.IncidentId, ct))
        {
            return UnknownSession(body.IncidentId!);
        }

        if (Caller(request, book) is not { } caller)
        {
            return Paperwork.NoteAuthors.Gone(request.HttpContext.User);
        }

        var replayId = Guid.NewGuid().ToString("N")[..12];
        var status = await Replay(grains, replayId).Open(body.IncidentId!, caller);
        audit.ReplayOpened(Actor.Of(request), body.IncidentId!, replayId);
        return Results.Created($"/api/replays/{replayId}", status);
    }

    /// <summary>The replays open now across the cluster, whoever opened them (those of one incident's session, given <paramref name="incident"/>).</summary>
    private static async Task<IResult> List(string? incident, IGrainFactory grains, [FromKeyedServices(ReplayClock.Key)] TimeProvider clock)
    {
        if (incident is not null && !IncidentIds.IsValid(incident))
        {
            return ApiError.Invalid([new FieldError("incident", "invalid-value", IncidentIds.Shape)]);
        }

        var now = clock.GetUtcNow();
        var open = await grains.GetGrain<IReplayRoster>(IReplayRoster.Key).List(now);
        return Results.Ok(open.Where(r => incident is null || r.Status.IncidentId == incident).Select(r => ListedReplay.Of(r, now)).ToList());
    }

    // Play and seek read their bodies only once the caller is known to drive the replay: one who may not is refused for
    // that (403), as every command is refused for a right before its body, not told first what was wrong with the body.
    private static Task<IResult> Play(
        string replayId, HttpRequest request, IGrainFactory grains, AccessBookCopy book, AccessAudit audit, IOptions<JsonOptions> json, CancellationToken ct) =>
        Drive(request, book, audit, async by =>
        {
            var replay = Replay(grains, replayId);
            if (await Driven(replay, replayId, by) is null)
            {
                return NotFound(replayId);
            }

            // A body sent chunked has no length but is a body all the same (.NET's JSON client sends it so).
            var hasBody = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength is > 0;
            double? speed = null;
            if (hasBody)
            {
                var (body, error) = await JsonBody.ReadAsync<SpeedRequest>(request, json.Value.SerializerOptions, ct);
                if (error is not null)
                {
                    return error;
                }

                speed = body!.Speed;
            }

            if (speed is { } s && !(s is >= Recording.Replay.ReplaySession.MinSpeed and <= Recording.Replay.ReplaySession.MaxSpeed))
            {
                return ApiError.Invalid([new FieldError("speed", "invalid-value", "speed must be 0.25-60")]);
            }

            return await Answer(replayId, replay.Play(speed, by));
        });

    private static Task<IResult> Seek(
        string replayId, HttpRequest request, IGrainFactory grains, AccessBookCopy book, AccessAudit audit, IOptions<JsonOptions> json, CancellationToken ct) =>
        Drive(request, book, audit, async by =>
        {
            var replay = Replay(grains, replayId);
            if (await Driven(replay, replayId, by) is not { } status)
            {
                return NotFound(replayId);
            }

            var (body, error) = await JsonBody.ReadAsync<SeekRequest>(request, json.Value.SerializerOptions, ct);
            if (error is not null)
            {
                return error;
            }

            if (body!.Time is not { } time)
            {
                return ApiError.Invalid([new FieldError("time", "missing-field", "the instant to seek to, ISO 8601")]);
            }

            // Past the end the replay knew, an incident still open may have recorded it since: the replay reads its
            // session again first, paused or not, rather than having the team play on to its end to find out.
            if (time > status.LastTime && status.Follows)
            {
                if (await replay.LookAgain() is not { } looked)
                {
                    return NotFound(replayId);
                }

                status = looked;
            }

            // A time outside the recording (a wrong date, a local time read as UTC) went to its start or its end and
            // answered 200, the after-action team none the wiser. A page's slider gives the first instant to the
            // millisecond, so a time within the millisecond before it is its start.
            return time < status.FirstTime.AddTicks(-(status.FirstTime.Ticks % TimeSpan.TicksPerMillisecond)) || time > status.LastTime
                ? ApiError.Invalid([new FieldError("time", "outside-recording", OutsideRecording(time, status))])
                : await Answer(replayId, replay.Seek(time, by));
        });

    /// <summary>
    /// Why <paramref name="time"/> is no instant of the recording <paramref name="status"/> plays: it runs from its first
    /// instant to its last. Past the end of an incident still open (read again just now), the recording is still growing,
    /// and the time may yet be recorded: said so, or the team took the time for one the drill never had.
    /// </summary>
    internal static string OutsideRecording(DateTimeOffset time, ReplayStatus status) =>
        time > status.LastTime && status.Follows
            ? string.Create(CultureInfo.InvariantCulture, $"{time:O} is past the end of the recording so far, which runs from {status.FirstTime:O} to {status.LastTime:O}: "
                + $"incident '{status.IncidentId}' is still open and nothing is recorded that late yet; seek there again once the drill has reached it")
            : string.Create(CultureInfo.InvariantCulture, $"{time:O} is outside the recording, which runs from {status.FirstTime:O} to {status.LastTime:O}");

    /// <summary>
    /// The status of the replay <paramref name="by"/> is about to control, null when none of that id is open; one they do
    /// not drive throws <see cref="ReplayNotYoursException"/> (the grain refuses the control itself as well).
    /// </summary>
    private static async Task<ReplayStatus?> Driven(IReplayGrain replay, string replayId, ReplayCaller by)
    {
        var status = await replay.Status();
        return status is null || by.Drives(status.DrivenBy, status.DrivenById) ? status : throw new ReplayNotYoursException(replayId, status.DrivenBy);
    }

    /// <summary>The caller at a replay's controls; null for a person this copy of the book no longer holds.</summary>
    private static ReplayCaller? Caller(HttpRequest request, AccessBookCopy book)
    {
        var user = request.HttpContext.User;
        return Paperwork.NoteAuthors.Of(user, book) is { } author ? new ReplayCaller(author.Name, author.Id, Rights.Grants(user, Rights.DriveAnyReplay)) : null;
    }

    /// <summary>
    /// A control of a replay by the caller: theirs if they opened it, or if they may drive any replay. Anyone else who may
    /// watch it is refused (403), told who drives it and the right that would let them.
    /// </summary>
    private static async Task<IResult> Drive(HttpRequest request, AccessBookCopy book, AccessAudit audit, Func<ReplayCaller, Task<IResult>> control)
    {
        if (Caller(request, book) is not { } caller)
        {
            return Paperwork.NoteAuthors.Gone(request.HttpContext.User);
        }

        try
        {
            return await control(caller);
        }
        catch (ReplayNotYoursException ex)
        {
            audit.Refused(caller.Name, $"{request.Method} {request.Path}", "not-the-driver");
            return Results.Json(
                new AccessRefused(
                    "not-the-driver",
                    $"{ex.Message}: only they may play, pause, step, seek or close it, or one holding the '{Rights.DriveAnyReplay}' right, which {Rights.HoldersText(Rights.DriveAnyReplay)} holds; watch it as they drive, or open your own replay of this session",
                    Rights.DriveAnyReplay),
                statusCode: StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>A session's flags so far, so a page opened (or reconnected) mid-incident can show what it missed.</summary>
    private static async Task<IResult> SessionTimeline(string id, HttpContext http, CatalogueTimeline timelines, CancellationToken ct)
    {
        if (!IncidentIds.IsValid(id))
        {
            return UnknownSession(id);
        }

        if (await RecordedIncidents.SessionRefusalAsync(http, id) is { } refused)
        {
            return refused;
        }

        try
        {
            return Results.Ok(await timelines.ReadAsync(id, ct));
        }
        catch (KeyNotFoundException)
        {
            return UnknownSession(id);
        }
    }

    private static IResult UnknownSession(string id) => Results.NotFound(new ApiError("unknown-session", $"no recorded session for incident '{id}'"));

    private static async Task<IResult> Timeline(string replayId, IGrainFactory grains, CatalogueTimeline timelines, CancellationToken ct) =>
        await Replay(grains, replayId).Status() is { } replay ? Results.Ok(await timelines.ReadAsync(replay.IncidentId, ct)) : NotFound(replayId);

    internal static bool IsReplayId(string id) => id.Length == 12 && id.All(char.IsAsciiHexDigitLower);

    private static IReplayGrain Replay(IGrainFactory grains, string replayId) => grains.GetGrain<IReplayGrain>(replayId);

    private static async Task<IResult> Answer(string replayId, Task<ReplayStatus?> control) =>
        await control is { } status ? Results.Ok(status) : NotFound(replayId);

    internal static IResult NotFound(string replayId) => Results.NotFound(new ApiError("unknown-replay", $"replay '{replayId}' is not open"));
}

/// <summary>
/// A replay open now, as GET /api/replays lists it: the session it plays (its incident's id and name), who opened it (and
/// drives it: by name, and by identity as <see cref="ReplayStatus.DrivenById"/>) and when, whether it is paused, its
/// speed, the instant it has reached, and its session's span.
/// </summary>
public sealed record ListedReplay(
    string ReplayId, string IncidentId, string Name, string OpenedBy, DateTimeOffset OpenedAt, bool Paused, double Speed, DateTimeOffset Position,
    DateTimeOffset FirstTime, DateTimeOffset LastTime, string OpenedById)
{
    public static ListedReplay Of(ReplayListing listing, DateTimeOffset now)
    {
        var status = listing.Status;
        return new(status.ReplayId, status.IncidentId, status.Name, listing.OpenedBy, listing.OpenedAt, status.Paused, status.Speed, listing.PositionAt(now), status.FirstTime, status.LastTime,
            status.DrivenById);
    }
}

/// <summary>POST /api/replays.</summary>
public sealed record OpenReplayRequest(string? IncidentId);

/// <summary>POST /api/replays/{id}/play.</summary>
public sealed record SpeedRequest(double? Speed);

/// <summary>POST /api/replays/{id}/seek.</summary>
public sealed record SeekRequest(DateTimeOffset? Time);

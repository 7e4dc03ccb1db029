using Command.Domain.Events;
using Command.Domain.Validation;
using Command.Host.Access;
using Command.Host.Api;
using Command.Simulation.Engine;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Command.Host.Drills;

/// <summary>Start, pause, resume and stop a simulated drill on an incident; read its state.</summary>
public static class DrillsApi
{
    public static IEndpointRouteBuilder MapDrillsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents/{id}/drill").WithTags("Drills");
        // No drill yet is a state, not an error: the page asks on load. A closed incident's drill (its scenario, where
        // it stood and when) is its recording's, as its units are.
        api.MapGet("/", async (string id, DrillDirector drills) =>
            Results.Ok(await drills.StatusAsync(id) ?? new DrillStatusView(id, "", "none", 0, 0, 0, false, 0))).Needs(Rights.Watch).LiveOnly();
        api.MapPost("/", Control).Commands(Rights.ControlDrills).RefusedOnceClosed();
        app.MapGet("/api/scenarios", async (ScenarioLibrary scenarios, CancellationToken ct) => Results.Ok(await scenarios.ListAsync(ct))).WithTags("Drills").Needs(Rights.ControlDrills);
        return app;
    }

    private static async Task<IResult> Control(string id, HttpRequest request, DrillDirector drills, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<DrillRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var action = body!.Action?.Trim().ToLowerInvariant();
        if (NotTaken(action, body) is { Count: > 0 } notTaken)
        {
            return ApiError.Invalid(notTaken);
        }

        if (action == "start" && body.Speed is { } speed && DrillOptions.SpeedProblem(speed) is { } problem)
        {
            return ApiError.Invalid([new FieldError("speed", "invalid-value", problem)]);
        }

        var actor = Actor.Of(request);
        if (action == DrillControlled.StartOver)
        {
            return await StartOverAsync(id, body, drills, actor);
        }

        if (action == DrillControlled.Clock)
        {
            return await ClockAsync(id, body, drills, actor);
        }

        var outcome = action switch
        {
            "start" => await drills.StartAsync(id, body.Scenario ?? "demo", new DrillOptions { Speed = body.Speed ?? 1, Loop = body.Loop ?? false, Seed = body.Seed ?? 0 }, actor),
            "pause" => await drills.PauseAsync(id, actor),
            "resume" => await drills.ResumeAsync(id, actor),
            "stop" => await drills.StopAsync(id, actor),
            _ => DrillOutcome.Refused("invalid-value", $"action '{body.Action}' is not one of start, pause, resume, stop, start-over, clock"),
        };
        return outcome switch
        {
            { Status: { } status } => Results.Ok(status),
            { Refusal: "no-drill" or "unknown-incident" } => Results.NotFound(new ApiError(outcome.Refusal!, outcome.Detail!)),
            { Refusal: "closed" or "enrolled-elsewhere" or "callsign-taken" or "unit-bound-to-device" or IncidentDrillSink.SiteDiffers } => Results.Conflict(new ApiError(outcome.Refusal!, outcome.Detail!)),
            _ => ApiError.BadRequest(outcome.Refusal!, outcome.Detail!),
        };
    }

    // A drill played from outside (the simulator's --loop) went back to its beginning: the incident judges every unit afresh.
    private static Task<IResult> StartOverAsync(string id, DrillRequest body, DrillDirector drills, string actor) =>
        FromOutsideAsync(id, drills, "starts its rounds over itself",
            [
                (string.IsNullOrWhiteSpace(body.Scenario), new FieldError("scenario", "missing-field", "the scenario that started over")),
            ],
            () => drills.StartOverAsync(id, body.Scenario!.Trim(), body.Round, actor));

    // A drill played from outside says how fast its clock runs (0 paused, 1 when it ends): units are judged on it.
    private static Task<IResult> ClockAsync(string id, DrillRequest body, DrillDirector drills, string actor) =>
        FromOutsideAsync(id, drills, "keeps the clock units are judged on itself",
            [
                (string.IsNullOrWhiteSpace(body.Scenario), new FieldError("scenario", "missing-field", "the scenario that plays")),
                (body.Speed is null, new FieldError("speed", "missing-field", "drill seconds to each real second: the speed it plays at, 0 while it is paused, 1 once it ends")),
            ],
            () => drills.ClockAsync(id, body.Scenario!.Trim(), body.Speed!.Value, actor));

    // What a drill played from outside says: refused naming each field missing, and with 409 while this host's own drill
    // plays on the incident (it alone says what the drill does there); else recorded (204) or the incident's refusal.
    private static async Task<IResult> FromOutsideAsync(
        string id, DrillDirector drills, string itself, (bool Missing, FieldError Error)[] fields, Func<Task<Rejection?>> record)
    {
        if (fields.Where(f => f.Missing).Select(f => f.Error).ToList() is { Count: > 0 } missing)
        {
            return ApiError.Invalid(missing);
        }

        if (await drills.StatusAsync(id) is { State: "running" or "paused" } hosted)
        {
            return Results.Conflict(new ApiError("invalid-state",
                $"this host's own drill '{hosted.Scenario}' plays on incident '{id}' and {itself}; stop it before another drill plays into the incident"));
        }

        return await record() is { } refused ? ApiError.For(refused) : Results.NoContent();
    }

    /// <summary>The fields each action reads: any other sent with it would be answered as if it had been done.</summary>
    private static readonly (string Action, string[] Fields)[] Takes =
    [
        ("start", ["scenario", "speed", "loop", "seed"]),
        ("pause", []),
        ("resume", []),
        ("stop", []),
        (DrillControlled.StartOver, ["scenario", "round"]),
        (DrillControlled.Clock, ["scenario", "speed"]),
    ];

    /// <summary>
    /// The fields sent that the action does not read, each refused by name: left unread, a resume at a new speed was
    /// answered as done while the drill kept its old one. Nothing for an action that is not one of <see cref="Takes"/>.
    /// </summary>
    private static List<FieldError> NotTaken(string? action, DrillRequest body)
    {
        if (Takes.FirstOrDefault(t => t.Action == action).Fields is not { } takes)
        {
            return [];
        }

        (string Field, bool Sent)[] fields =
            [("scenario", body.Scenario is not null), ("speed", body.Speed is not null), ("loop", body.Loop is not null), ("seed", body.Seed is not null), ("round", body.Round is not null)];
        return [.. fields.Where(f => f.Sent && !takes.Contains(f.Field)).Select(f => NotTaken(action!, f.Field))];
    }

    private static FieldError NotTaken(string action, string field)
    {
        if (field == "speed" && action is "pause" or "resume" or "stop")
        {
            return new(field, "invalid-value",
                $"{action} takes no 'speed': a drill plays at the speed it was started at; stop it and start it again, from the beginning, to play at another");
        }

        var takers = Takes.Where(t => t.Fields.Contains(field)).Select(t => t.Action).ToArray();
        var named = takers.Length == 1 ? takers[0] : $"{string.Join(", ", takers[..^1])} and {takers[^1]}";
        return new(field, "invalid-value", $"{action} takes no '{field}'; only {named} {(takers.Length == 1 ? "does" : "do")}");
    }
}

/// <summary>
/// POST /api/incidents/{id}/drill: action is start, pause, resume, stop, start-over or clock. Only start takes a scenario
/// (demo by default), speed (1), loop (false) and seed (0); start-over, from a drill played from outside the host, takes
/// the scenario and the round that begins (the incident's next; left out, that one); clock, from such a drill, the scenario and the speed it plays at (0 while
/// paused, 1 once it ends); pause, resume and stop take nothing more. A field the action does not take is refused.
/// </summary>
public sealed record DrillRequest(string? Action, string? Scenario, double? Speed, bool? Loop, int? Seed, int? Round = null);

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
        // No drill yet is a state, not an error: the page asks on load.
        api.MapGet("/", async (string id, DrillDirector drills) =>
            Results.Ok(await drills.StatusAsync(id) ?? new DrillStatusView(id, "", "none", 0, 0, 0, false, 0))).Needs(Rights.Watch);
        api.MapPost("/", Control).Commands(Rights.ControlDrills);
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

        var actor = Actor.Of(request);
        var outcome = body!.Action?.Trim().ToLowerInvariant() switch
        {
            "start" => await drills.StartAsync(id, body.Scenario ?? "demo", new DrillOptions { Speed = body.Speed ?? 1, Loop = body.Loop ?? false, Seed = body.Seed ?? 0 }, actor),
            "pause" => await drills.PauseAsync(id, actor),
            "resume" => await drills.ResumeAsync(id, actor),
            "stop" => await drills.StopAsync(id, actor),
            _ => DrillOutcome.Refused("invalid-value", $"action '{body.Action}' is not one of start, pause, resume, stop"),
        };
        return outcome switch
        {
            { Status: { } status } => Results.Ok(status),
            { Refusal: "no-drill" or "unknown-incident" } => Results.NotFound(new ApiError(outcome.Refusal!, outcome.Detail!)),
            { Refusal: "closed" or "enrolled-elsewhere" } => Results.Conflict(new ApiError(outcome.Refusal!, outcome.Detail!)),
            _ => ApiError.BadRequest(outcome.Refusal!, outcome.Detail!),
        };
    }
}

/// <summary>POST /api/incidents/{id}/drill: action is start, pause, resume or stop.</summary>
public sealed record DrillRequest(string? Action, string? Scenario, double? Speed, bool? Loop, int? Seed);

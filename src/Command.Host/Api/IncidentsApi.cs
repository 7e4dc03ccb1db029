using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Validation;
using Command.Grains.Directory;
using Command.Grains.Incidents;
using Command.Host.Access;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Command.Host.Api;

/// <summary>Incidents and their threats: create, read, list, place and move threats, change phase.</summary>
public static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents").WithTags("Incidents");
        api.MapGet("/", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List())).Needs(Rights.Watch);
        api.MapPost("/", Create).Commands(Rights.Command);
        api.MapGet("/{id}", View).Needs(Rights.Watch);
        api.MapPut("/{id}/site", SetSite).Commands(Rights.Command).RefusedOnceClosed();
        api.MapPut("/{id}/threats/{threatId}", SetThreat).Commands(Rights.Command).RefusedOnceClosed();
        api.MapPost("/{id}/threats/{threatId}/phase", SetPhase).Commands(Rights.Command).RefusedOnceClosed();
        api.MapPost("/{id}/close", Close).Commands(Rights.Command).RefusedOnceClosed();
        return app;
    }

    /// <summary>
    /// An incident's site, zones and threats. Once it is closed, its threats as they stood at the close are its recording's,
    /// as its units are: one who may not watch replays reads its site and name (for the page to say what it does not show)
    /// and no threats, <c>withheld</c> saying why.
    /// </summary>
    private static async Task<IResult> View(string id, HttpContext http, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        if (await grains.GetGrain<IIncidentGrain>(id).GetView() is not { } view)
        {
            return NotFound(id);
        }

        if (await RecordedIncidents.ClosedToCallerAsync(http, id) is not { } closedAt)
        {
            return Results.Ok(view);
        }

        var answer = System.Text.Json.JsonSerializer.SerializeToNode(view with { Threats = [] }, json.Value.SerializerOptions)!.AsObject();
        answer["withheld"] = $"{RecordedIncidents.Closed(id, closedAt)}: its threats need the '{Rights.WatchReplays}' right, which {Rights.HoldersText(Rights.WatchReplays)} holds";
        return Results.Json(answer, json.Value.SerializerOptions);
    }

    internal static IResult NotFound(string id) => Results.NotFound(new ApiError("unknown-incident", $"incident '{id}' does not exist"));

    private static async Task<IResult> Create(HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateIncidentRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        var id = body!.Id ?? $"incident-{clock.GetUtcNow():yyyyMMdd-HHmmss}";
        if (!IncidentIds.IsValid(id))
        {
            errors.Add(new FieldError("id", "invalid-value", IncidentIds.Shape));
        }

        var site = SiteMapping.Map(body.Site, errors);
        if (errors.Count > 0)
        {
            return ApiError.Invalid(errors);
        }

        var name = string.IsNullOrWhiteSpace(body.Name) ? id : body.Name.Trim();
        var rejection = await grains.GetGrain<IIncidentGrain>(id).Open(new OpenIncident(name, site!, body.AutoEnrol ?? true, Actor.Of(request)));
        return rejection is null
            ? Results.Created($"/api/incidents/{id}", new { id })
            : rejection.Reason == RejectReason.AlreadyExists ? Results.Conflict(new ApiError("incident-exists", rejection.Detail)) : ApiError.For(rejection);
    }

    /// <summary>
    /// Gives an incident opened with only an origin its site (buildings, zones, walk graph, time zone), as a drill's start
    /// gives it its scenario's: the same site checked as a new incident's, recorded, and the incident's origin kept (an
    /// origin given must be it: every fix and track is measured from it). A site the incident has already is kept: 204
    /// again; another is not overwritten (409 <c>site-differs</c>, saying how it differs). A closed incident takes no site,
    /// not even its own again: 409 <c>closed</c>, as every command to it is answered.
    /// </summary>
    private static async Task<IResult> SetSite(string id, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<SiteDto>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var incident = grains.GetGrain<IIncidentGrain>(id);
        if (await incident.GetView() is not { } view)
        {
            return NotFound(id);
        }

        var origin = view.Site.Origin;
        var errors = new List<FieldError>();
        var site = SiteMapping.Map(body! with { Origin = body.Origin ?? new LatLon(origin.Latitude, origin.Longitude) }, errors);
        if (site is not null && GreatCircle.DistanceM(site.Origin, origin) > SameOriginM)
        {
            errors.Add(new FieldError("site.origin", "invalid-value", FormattableString.Invariant(
                $"incident '{id}' is measured from its origin {origin.Latitude},{origin.Longitude}, {GreatCircle.DistanceM(site.Origin, origin):0} m from the one given: leave the origin out, or give that one")));
        }

        if (errors.Count > 0)
        {
            return ApiError.Invalid(errors);
        }

        // Decided here from the site it shows, a site sent again to a closed incident was answered 204 as if taken.
        if (await RecordedIncidents.ClosedAtAsync(grains, id) is { } closedAt)
        {
            return ApiError.For(Rejection.Closed(id, closedAt));
        }

        if (SiteGround.Differences(view.Site, site!, "the site given") is [_, ..] differences && !SiteGround.IsOriginOnly(view.Site))
        {
            return Results.Conflict(new ApiError(SiteDiffers, $"incident '{id}' has a site of its own, {view.Site.Name}, that differs: {string.Join("; ", differences)}. A site someone set is not overwritten"));
        }

        if (SiteGround.IsOriginOnly(view.Site) && !SiteGround.IsOriginOnly(site!))
        {
            var rejection = await incident.SetSite(site!, Actor.Of(request));
            return rejection is null ? Results.NoContent() : ApiError.For(rejection);
        }

        return Results.NoContent();
    }

    /// <summary>The refusal of a site other than the one the incident has of its own.</summary>
    public const string SiteDiffers = "site-differs";

    // How far apart two origins may be and still be the incident's: a rounding of its coordinates.
    private const double SameOriginM = 0.5;

    private static async Task<IResult> SetThreat(string id, string threatId, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<ThreatRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        var position = SiteMapping.Point(new LatLon(body!.Lat, body.Lon), "lat/lon", errors);
        var phase = ThreatPhase.Active;
        if (body.Phase is not null && !ThreatPhases.TryParse(body.Phase, out phase))
        {
            errors.Add(new FieldError("phase", "invalid-value", $"'{body.Phase}' is not one of reported, active, contained, neutralized"));
        }

        if (body.UncertaintyM is { } u && (!double.IsFinite(u) || u < 0 || u > 5000))
        {
            errors.Add(new FieldError("uncertaintyM", "invalid-value", "uncertainty must be 0-5000 m"));
        }

        if (!SiteMapping.IsValidId(threatId))
        {
            errors.Add(new FieldError("threatId", "invalid-value", "a threat id is 1-64 letters, digits, '-', '_' or '.'"));
        }

        if (errors.Count > 0)
        {
            return ApiError.Invalid(errors);
        }

        // A move that says no phase keeps the threat's: it made a contained threat active again, silently, and its flags
        // were no longer held back. A threat placed afresh with none is active.
        if (body.Phase is null && await grains.GetGrain<IIncidentGrain>(id).GetView() is { } view && view.Threats.FirstOrDefault(t => t.ThreatId == threatId) is { } placed)
        {
            phase = placed.Phase;
        }

        var threat = new Threat(threatId, position!.Value, body.UncertaintyM, phase, body.Floor,
            Name: string.IsNullOrWhiteSpace(body.Name) ? null : body.Name.Trim(), Remarks: string.IsNullOrWhiteSpace(body.Remarks) ? null : body.Remarks.Trim());
        // The threat sent again as it stands: it is as asked, and nothing is recorded twice.
        var rejection = await grains.GetGrain<IIncidentGrain>(id).SetThreat(threat, Actor.Of(request), body.Reason);
        return rejection is null or { Reason: RejectReason.Duplicate } ? Results.Ok(threat) : ApiError.For(rejection);
    }

    private static async Task<IResult> Close(string id, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<CloseRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var rejection = await grains.GetGrain<IIncidentGrain>(id).Close(body!.Reason?.Trim() ?? "", Actor.Of(request));
        return rejection is null ? Results.NoContent() : ApiError.For(rejection);
    }

    private static async Task<IResult> SetPhase(string id, string threatId, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<PhaseRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        if (!ThreatPhases.TryParse(body!.Phase, out var phase))
        {
            return ApiError.Invalid([new FieldError("phase", "invalid-value", $"'{body.Phase}' is not one of reported, active, contained, neutralized")]);
        }

        // The phase the threat has, declared again as it was: the threat is as asked, and nothing is recorded twice.
        var rejection = await grains.GetGrain<IIncidentGrain>(id).SetThreatPhase(threatId, phase, Actor.Of(request), body.Reason);
        return rejection is null or { Reason: RejectReason.Duplicate } ? Results.NoContent() : ApiError.For(rejection);
    }
}

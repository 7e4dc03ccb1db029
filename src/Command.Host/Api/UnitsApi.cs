using Command.Domain.Text;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Grains.Incidents;
using Command.Grains.Units;
using Command.Grains.Zones;
using Command.Host.Access;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Command.Host.Api;

/// <summary>The roster: enrol units, change roles, read every unit's assessment, acknowledge flags.</summary>
public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents/{id}").WithTags("Units");
        api.MapGet("/units", async (string id, IGrainFactory grains) =>
        {
            var incident = grains.GetGrain<IIncidentGrain>(id);
            return await incident.GetView() is null ? IncidentsApi.NotFound(id) : Results.Ok(await incident.GetUnits());
        }).Needs(Rights.Watch).LiveOnly();
        api.MapPost("/units", Enrol).Commands(Rights.Command).RefusedOnceClosed();
        api.MapPut("/units/{unitId}/role", ChangeRole).Commands(Rights.Command).RefusedOnceClosed();
        api.MapPost("/units/{unitId}/release", Release).Commands(Rights.Command).RefusedOnceClosed();
        api.MapPost("/flags/{subject}/ack", Acknowledge).Commands(Rights.Command).RefusedOnceClosed();
        api.MapGet("/zones", Zones).Needs(Rights.Watch).LiveOnly();
        api.MapGet("/zones/{zoneId}", Zone).Needs(Rights.Watch).LiveOnly();
        app.MapGet("/api/units/{unitId}", Unit).WithTags("Units").Needs(Rights.Watch);
        return app;
    }

    /// <summary>
    /// A unit as it outlives one incident. What it holds (its role and latest fix) is of the incident it was last enrolled
    /// in: once that is closed, a recording, for those who may watch replays, as that incident's units are; so is the
    /// record of a unit released before it noted which incident let it go.
    /// </summary>
    private static async Task<IResult> Unit(string unitId, HttpContext http, IGrainFactory grains)
    {
        unitId = RouteIds.Unit(unitId);
        if (await grains.GetGrain<IUnitGrain>(unitId).Get() is not { } record)
        {
            return Results.NotFound(new ApiError("unknown-unit", $"unit '{unitId}' has never been enrolled"));
        }

        if ((record.IncidentId ?? record.LastIncidentId) is not { } incidentId)
        {
            return Rights.Grants(http.User, Rights.WatchReplays)
                ? Results.Ok(record)
                : RecordedIncidents.Refused(http, $"unit '{unitId}' is enrolled in no incident, and what it holds is of one that let it go, which its record does not name");
        }

        return await RecordedIncidents.RefusalAsync(http, incidentId, $", and unit '{unitId}' was last enrolled there") ?? Results.Ok(record);
    }

    /// <summary>Every zone of the incident as its zone grain holds it: occupants and since when, rule, flag.</summary>
    private static async Task<IResult> Zones(string id, IGrainFactory grains)
    {
        if (await grains.GetGrain<IIncidentGrain>(id).GetView() is not { } view)
        {
            return IncidentsApi.NotFound(id);
        }

        await grains.GetGrain<IIncidentGrain>(id).ReadModelsTold();
        var readings = await Task.WhenAll(view.Site.Zones.Select(z => grains.GetGrain<IZoneGrain>(ZoneKey.Format(id, z.ZoneId)).Get()));
        return Results.Ok(readings.OfType<ZoneReading>());
    }

    private static async Task<IResult> Zone(string id, string zoneId, IGrainFactory grains)
    {
        if (await grains.GetGrain<IIncidentGrain>(id).GetView() is not { } view)
        {
            return IncidentsApi.NotFound(id);
        }

        await grains.GetGrain<IIncidentGrain>(id).ReadModelsTold();
        return view.Site.Zones.Any(z => z.ZoneId == zoneId) && await grains.GetGrain<IZoneGrain>(ZoneKey.Format(id, zoneId)).Get() is { } reading
            ? Results.Ok(reading)
            : Results.NotFound(new ApiError("unknown-zone", $"incident '{id}' has no zone '{zoneId}'"));
    }

    private static async Task<IResult> Enrol(string id, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<EnrolRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        if (FieldError.UnitId("unitId", body!.UnitId) is { } unitId)
        {
            errors.Add(unitId);
        }

        var role = UnitRole.Unassigned;
        if (body.Role is not null && !UnitRoles.TryParse(body.Role, out role))
        {
            errors.Add(new FieldError("role", "invalid-value", $"'{body.Role}' is not one of {string.Join(", ", UnitRoles.Names)}"));
        }

        if (errors.Count > 0)
        {
            return ApiError.Invalid(errors);
        }

        // Kept composed, however it was typed: "Pé1" is one callsign whether é came as one character or as e and an accent.
        var callsign = CanonicalComposition.Compose(string.IsNullOrWhiteSpace(body.Callsign) ? body.UnitId! : body.Callsign.Trim());
        if (InputLimits.Callsign(callsign) is { } badCallsign)
        {
            return ApiError.For(badCallsign);
        }

        var person = UnitPerson.Of(body.PersonName, body.Agency, body.IcsPosition);
        var rejection = await grains.GetGrain<IIncidentGrain>(id).Enrol(body.UnitId!, callsign, role, Actor.Of(request), person);
        return rejection is null ? Results.Created($"/api/incidents/{id}/units", new { unitId = body.UnitId, callsign, role = UnitRoles.Name(role) }) : ApiError.For(rejection);
    }

    private static async Task<IResult> ChangeRole(string id, string unitId, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        unitId = RouteIds.Unit(unitId);
        var (body, error) = await JsonBody.ReadAsync<RoleRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        if (!UnitRoles.TryParse(body!.Role, out var role))
        {
            return ApiError.Invalid([new FieldError("role", "invalid-value", $"'{body.Role}' is not one of {string.Join(", ", UnitRoles.Names)}")]);
        }

        UnitRole? was = null;
        if (body.Was is not null)
        {
            if (!UnitRoles.TryParse(body.Was, out var from))
            {
                return ApiError.Invalid([new FieldError("was", "invalid-value", $"'{body.Was}' is not one of {string.Join(", ", UnitRoles.Names)}")]);
            }

            was = from;
        }

        var rejection = await grains.GetGrain<IIncidentGrain>(id).ChangeRole(unitId, role, Actor.Of(request), was);
        return rejection is null or { Reason: Domain.Validation.RejectReason.Duplicate } ? Results.NoContent() : ApiError.For(rejection);
    }

    /// <summary>
    /// Lets a unit go from the incident, with why: 204; 400 <c>missing-field</c> without a reason; 404 for a unit the
    /// incident does not have; 409 <c>duplicate</c> for one released already, <c>closed</c> for a closed incident.
    /// </summary>
    private static async Task<IResult> Release(string id, string unitId, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        unitId = RouteIds.Unit(unitId);
        var (body, error) = await JsonBody.ReadAsync<ReleaseRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        return await grains.GetGrain<IIncidentGrain>(id).Release(unitId, body!.Reason?.Trim() ?? "", Actor.Of(request)) switch
        {
            null => Results.NoContent(),
            { Reason: Domain.Validation.RejectReason.Duplicate } again => Results.Conflict(ApiError.From(again)),
            var rejection => ApiError.For(rejection),
        };
    }

    private static async Task<IResult> Acknowledge(string id, string subject, HttpRequest request, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken ct)
    {
        subject = RouteIds.Unit(subject);
        var (body, error) = await JsonBody.ReadAsync<AcknowledgeRequest>(request, json.Value.SerializerOptions, ct);
        if (error is not null)
        {
            return error;
        }

        var rejection = await grains.GetGrain<IIncidentGrain>(id).Acknowledge(subject, body!.Reason?.Trim() ?? "", Actor.Of(request));
        return rejection is null ? Results.NoContent() : ApiError.For(rejection);
    }
}

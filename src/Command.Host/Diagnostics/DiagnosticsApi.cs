using Command.Grains.Incidents;
using Command.Host.Access;
using Command.Host.Api;

namespace Command.Host.Diagnostics;

/// <summary>
/// GET /api/diagnostics/incidents/{id}/silo: which silo of the cluster holds an incident now, and which silo answered,
/// so an operator (or the cluster test) can tell which host a failure would take it with. Admins only: it names the
/// cluster's inner addresses.
/// </summary>
public static class DiagnosticsApi
{
    public static IEndpointRouteBuilder MapDiagnosticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/diagnostics/incidents/{id}/silo", async (string id, IGrainFactory grains, ILocalSiloDetails here) =>
        {
            if (!IncidentIds.IsValid(id))
            {
                return IncidentsApi.NotFound(id);
            }

            var incident = grains.GetGrain<IIncidentGrain>(id);
            if (await incident.GetView() is null)
            {
                return IncidentsApi.NotFound(id);
            }

            return Results.Ok(new IncidentSilo(id, (await incident.Silo()).ToString(), here.SiloAddress.ToString()));
        }).WithTags("Diagnostics").Needs(Rights.ManageAccess);
        return app;
    }
}

/// <summary>The silo holding an incident, and the silo of the host that answered.</summary>
public sealed record IncidentSilo(string IncidentId, string Silo, string AnsweredBy);

using Command.Ingest.OsmAnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Ingest.Http;

/// <summary>
/// The HTTP endpoints of both HTTP sources, in one place: the native JSON report batch
/// (<c>POST /api/incidents/{id}/reports</c>, see <see cref="ReportsEndpoint"/>) and the Traccar Client's OsmAnd
/// endpoint (GET and POST <c>/</c>, see <see cref="OsmAndEndpoint"/>).
/// </summary>
public static class IngestEndpoints
{
    /// <summary>Maps both; OsmAnd only when <see cref="OsmAndOptions.Enabled"/>.</summary>
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/incidents/{id}/reports", ReportsEndpoint.PostAsync).WithTags("Reports");

        var options = endpoints.ServiceProvider.GetRequiredService<OsmAndOptions>();
        if (options.Enabled)
        {
            var group = endpoints.MapGroup("");
            if (options.Port > 0)
            {
                group.RequireHost($"*:{options.Port}");
            }

            group.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], (HttpContext http, OsmAndEndpoint endpoint, CancellationToken ct) => endpoint.HandleAsync(http, ct))
                .DisableAntiforgery()
                .WithName("OsmAnd");
        }

        return endpoints;
    }
}

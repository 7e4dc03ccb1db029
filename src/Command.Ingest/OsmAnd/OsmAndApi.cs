using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Ingest.OsmAnd;

/// <summary>
/// The Traccar Client's OsmAnd endpoint at the server root, GET and POST: 200 with an empty body when the report
/// is used (as Traccar answers), 400 with "reason-code: detail" when it is refused, 429 when the sender floods.
/// With <see cref="OsmAndOptions.Port"/> set it answers only on that port, which the host must also listen on.
/// </summary>
public static class OsmAndApi
{
    public static IEndpointRouteBuilder MapOsmAndApi(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<OsmAndOptions>();
        if (!options.Enabled)
        {
            return endpoints;
        }

        var group = endpoints.MapGroup("");
        if (options.Port > 0)
        {
            group.RequireHost($"*:{options.Port}");
        }

        group.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], (HttpContext http, OsmAndEndpoint endpoint, CancellationToken ct) => endpoint.HandleAsync(http, ct))
            .DisableAntiforgery()
            .WithName("OsmAnd");
        return endpoints;
    }
}

using Command.Host.Access;
using Command.Ingest.Listeners;

namespace Command.Host.Api;

/// <summary>
/// GET /api/sources: how every source of reports turned on stands on this host (listeners bound or not, sources it
/// connects out to reached or not, or reached by another host of the cluster), so the board can say which are down.
/// </summary>
public static class SourcesApi
{
    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sources", (IngestSources sources) => Results.Ok(sources.All())).WithTags("Sources").Needs(Rights.Watch);
        return app;
    }
}

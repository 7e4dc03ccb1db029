using Command.Ingest.OsmAnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Http;

/// <summary>
/// The HTTP endpoints of both HTTP sources, in one place: the native JSON report batch
/// (<c>POST /api/incidents/{id}/reports</c> on the API's addresses, see <see cref="ReportsEndpoint"/>) and the
/// Traccar Client's OsmAnd endpoint (GET and POST <c>/</c> on its own port, see <see cref="OsmAndEndpoint"/>).
/// </summary>
public static partial class IngestEndpoints
{
    /// <summary>
    /// Maps both. A request that came in on the <see cref="OsmAndListener"/> is OsmAnd's and goes no further: any
    /// other path there is 404, so the API, the hub and the page never answer on the OsmAnd port; and OsmAnd is not
    /// an endpoint of the API's addresses, where <c>/</c> stays the page. Call this before any other middleware,
    /// static files and authentication in particular, so no request on the OsmAnd port reaches them: OsmAnd devices
    /// prove who they are by their identifier alone.
    /// </summary>
    /// <param name="app">The host.</param>
    /// <param name="reportPolicy">The authorization policy a caller of the report endpoint must meet.</param>
    public static WebApplication MapIngestEndpoints(this WebApplication app, string reportPolicy)
    {
        if (app.Services.GetRequiredService<OsmAndOptions>().Enabled)
        {
            var listener = app.Services.GetRequiredService<OsmAndListener>();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<OsmAndListener>();
            var endpoint = app.Services.GetRequiredService<OsmAndEndpoint>();
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                LogBound(logger, listener.BoundPort);
                if (listener.BoundPort is { } port)
                {
                    endpoint.Bound(port);
                }
            });
            app.Use((http, next) => listener.Received(http) ? OsmAndAsync(http) : next(http));
        }

        app.MapPost(ReportsEndpoint.Route, ReportsEndpoint.PostAsync).WithTags("Reports")
            .RequireAuthorization(reportPolicy).WithMetadata(CallerRateClass.Reports);
        return app;
    }

    private static async Task OsmAndAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Path != "/")
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "GET, POST";
            return;
        }

        var endpoint = http.RequestServices.GetRequiredService<OsmAndEndpoint>();
        var result = await endpoint.HandleAsync(http, http.RequestAborted).ConfigureAwait(false);
        await result.ExecuteAsync(http).ConfigureAwait(false);
    }
}

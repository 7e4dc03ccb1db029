using Command.Grains.Directory;

namespace Command.Host.Api;

/// <summary>
/// GET /health: 200 once the silo answers a grain call, 503 until then. While the cluster's storage has lately not
/// answered this host (within <see cref="StorageFailureShownFor"/>), 200 with status "degraded" and what it said: the
/// host serves pages and reads, but its incidents cannot record, and taking it out of service would not mend that.
/// Once the host begins to stop, 503 with status "stopping": it still answers while it hands its incidents on, and a
/// load balancer that heard "healthy" kept sending it new work it was about to drop.
/// </summary>
public static class HealthApi
{
    /// <summary>How long after the cluster's storage last failed to answer this host it is said degraded.</summary>
    public static readonly TimeSpan StorageFailureShownFor = TimeSpan.FromSeconds(60);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IGrainFactory grains, Hosting.RecordingHoles holes, [FromKeyedServices(Grains.IncidentClock.Key)] TimeProvider clock, IHostApplicationLifetime lifetime, CancellationToken ct) =>
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return Results.Json(new { status = "stopping", detail = "this host is stopping: send new requests to another" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            try
            {
                await grains.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List().WaitAsync(TimeSpan.FromSeconds(5), ct);
                return holes.StorageLastFailed is { } failed && clock.GetUtcNow() - failed.At < StorageFailureShownFor
                    ? Results.Ok(new { status = "degraded", detail = $"at {failed.At.UtcDateTime:HH:mm:ss} UTC {failed.Said}: incidents cannot record until it answers" })
                    : Results.Ok(new { status = "healthy" });
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
            {
                return Results.Json(new { status = "unavailable", detail = ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithTags("Health").AllowAnonymous();
        return app;
    }
}

using Command.Grains.Directory;

namespace Command.Host.Api;

/// <summary>
/// GET /health: 200 once the silo answers a grain call, 503 until then. While the cluster's storage has lately not
/// answered this host (within <see cref="StorageFailureShownFor"/>), 200 with status "degraded" and what it said: the
/// host serves pages and reads, but its incidents cannot record, and taking it out of service would not mend that.
/// </summary>
public static class HealthApi
{
    /// <summary>How long after the cluster's storage last failed to answer this host it is said degraded.</summary>
    public static readonly TimeSpan StorageFailureShownFor = TimeSpan.FromSeconds(60);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IGrainFactory grains, Hosting.RecordingHoles holes, [FromKeyedServices(Grains.IncidentClock.Key)] TimeProvider clock, CancellationToken ct) =>
        {
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

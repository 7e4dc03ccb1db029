using Command.Grains.Directory;

namespace Command.Host.Api;

/// <summary>GET /health: 200 once the silo answers a grain call, 503 until then.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IGrainFactory grains, CancellationToken ct) =>
        {
            try
            {
                await grains.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List().WaitAsync(TimeSpan.FromSeconds(5), ct);
                return Results.Ok(new { status = "healthy" });
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
            {
                return Results.Json(new { status = "unavailable", detail = ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithTags("Health").AllowAnonymous();
        return app;
    }
}

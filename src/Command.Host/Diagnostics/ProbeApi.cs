using Command.Grains.Probes;
using Command.Ingest.Http;

namespace Command.Host.Diagnostics;

/// <summary>
/// POST /api/probe/{id}/reports: parses a report batch exactly like the report path, then hands it to a grain
/// that does nothing. Mapped only when Diagnostics:Probe is true (default false); the load tool turns it on.
/// </summary>
public static class ProbeApi
{
    public static IEndpointRouteBuilder MapProbeApi(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue("Diagnostics:Probe", false))
        {
            return app;
        }

        app.MapPost("/api/probe/{id}/reports", async (string id, HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
        {
            var read = await ReportsEndpoint.ReadAsync(request, ct);
            if (read.Refusal is { } refusal)
            {
                return ReportsEndpoint.Refused(refusal);
            }

            var reports = read.Items.Where(r => r.Report is not null).Select(r => r.Report!).ToList();
            var accepted = await grains.GetGrain<IProbeGrain>(id).Accept([.. reports]);
            return Results.Ok(new ReportBatchResult(accepted, []));
        }).WithTags("Diagnostics").RequireAuthorization(Access.Rights.Report).WithMetadata(CallerRateClass.Reports);
        return app;
    }
}

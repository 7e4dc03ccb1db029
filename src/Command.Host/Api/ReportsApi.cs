using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Host.Api;

/// <summary>The native JSON report path: a batch of position reports for one incident.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/incidents/{id}/reports", Post).WithTags("Reports");
        return app;
    }

    private static async Task<IResult> Post(string id, HttpRequest request, ReportIntake intake, CancellationToken ct)
    {
        var read = await ReportBatchJson.ReadAsync(request, ct);
        if (read.Error is { } error)
        {
            return error;
        }

        var batch = read.Items;
        var outcome = await intake.SubmitAsync(id, batch, UnknownUnitPolicy.IncidentDefault, ct);
        var body = new ReportBatchResult(outcome.Accepted, [.. outcome.Rejected.Select(r => new ReportItemError(r.Index, r.UnitId, r.Rejection.Code, r.Rejection.Detail))]);
        if (batch.Count > 0 && outcome.Rejected.Count == batch.Count && outcome.Rejected.All(r => r.Rejection.Reason == RejectReason.UnknownIncident))
        {
            return IncidentsApi.NotFound(id);
        }

        return outcome.Rejected.Count == 0 ? Results.Ok(body) : Results.BadRequest(body);
    }
}

/// <summary>The answer to a report batch: how many were accepted, and why each refused one was.</summary>
public sealed record ReportBatchResult(int Accepted, IReadOnlyList<ReportItemError> Rejected);

/// <summary>One refused report: its index in the batch, its unit, a reason code and a sentence.</summary>
public sealed record ReportItemError(int Index, string? UnitId, string Reason, string Detail);

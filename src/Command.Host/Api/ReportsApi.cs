using System.Text.Json;
using Command.Domain.Validation;
using Command.Ingest.Intake;

namespace Command.Host.Api;

/// <summary>The native JSON report path: a batch of position reports for one incident.</summary>
public static class ReportsApi
{
    /// <summary>Most reports one request may carry. 10,000.</summary>
    public const int MaxBatch = 10_000;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/incidents/{id}/reports", Post).WithTags("Reports");
        return app;
    }

    private static async Task<IResult> Post(string id, HttpRequest request, ReportIntake intake, CancellationToken ct)
    {
        if (request.ContentLength > JsonBody.MaxBytes)
        {
            return ApiError.BadRequest("oversized", $"the body is {request.ContentLength} bytes; the limit is {JsonBody.MaxBytes}");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return ApiError.BadRequest("malformed", $"the body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("reports", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return ApiError.BadRequest("malformed", "the body must be an object with a 'reports' array");
            }

            if (items.GetArrayLength() > MaxBatch)
            {
                return ApiError.BadRequest("oversized", $"{items.GetArrayLength()} reports in one request; the limit is {MaxBatch}");
            }

            var batch = items.EnumerateArray().Select(ReportJson.Parse).ToList();
            var outcome = await intake.SubmitAsync(id, batch, UnknownUnitPolicy.IncidentDefault, ct);
            var body = new ReportBatchResult(outcome.Accepted, [.. outcome.Rejected.Select(r => new ReportItemError(r.Index, r.UnitId, r.Rejection.Code, r.Rejection.Detail))]);
            if (batch.Count > 0 && outcome.Rejected.Count == batch.Count && outcome.Rejected.All(r => r.Rejection.Reason == RejectReason.UnknownIncident))
            {
                return IncidentsApi.NotFound(id);
            }

            return outcome.Rejected.Count == 0 ? Results.Ok(body) : Results.BadRequest(body);
        }
    }
}

/// <summary>The answer to a report batch: how many were accepted, and why each refused one was.</summary>
public sealed record ReportBatchResult(int Accepted, IReadOnlyList<ReportItemError> Rejected);

/// <summary>One refused report: its index in the batch, its unit, a reason code and a sentence.</summary>
public sealed record ReportItemError(int Index, string? UnitId, string Reason, string Detail);

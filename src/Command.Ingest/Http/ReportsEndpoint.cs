using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Json;
using Microsoft.AspNetCore.Http;

namespace Command.Ingest.Http;

/// <summary>
/// The native JSON report path, <c>POST /api/incidents/{id}/reports</c>: a batch of position reports for one
/// incident. 200 with a <see cref="ReportBatchResult"/> when every report was accepted, 400 with one when some
/// were refused (the accepted ones stay accepted); 400 with a <see cref="RequestRefusal"/> when the body is refused
/// whole (malformed, oversized), 404 with one when the incident does not exist, 503 with Retry-After when it cannot
/// take reports now (its recording cannot be read or written): nothing of the batch was kept, so send it again.
/// </summary>
public static class ReportsEndpoint
{
    /// <summary>Reads the batch and submits it to the intake, all of it in one call.</summary>
    public static async Task<IResult> PostAsync(string id, HttpRequest request, ReportIntake intake, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (read.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        var batch = read.Items;
        var outcome = await intake.SubmitAsync(id, batch, UnknownUnitPolicy.IncidentDefault, cancellationToken).ConfigureAwait(false);
        if (batch.Count > 0 && outcome.Rejected.Count == batch.Count && outcome.Rejected.All(r => r.Rejection.Reason == RejectReason.UnknownIncident))
        {
            return Results.NotFound(new RequestRefusal("unknown-incident", $"incident '{id}' does not exist"));
        }

        var unavailable = outcome.Rejected.FirstOrDefault(r => r.Rejection.Reason == RejectReason.Unavailable);
        if (outcome.Accepted == 0 && unavailable is not null)
        {
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return Results.Json(new RequestRefusal(unavailable.Rejection.Code, unavailable.Rejection.Detail), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var body = new ReportBatchResult(outcome.Accepted, [.. outcome.Rejected.Select(r => new ReportItemError(r.Index, r.UnitId, r.Rejection.Code, r.Rejection.Detail))]);
        return outcome.Rejected.Count == 0 ? Results.Ok(body) : Results.BadRequest(body);
    }

    /// <summary>Reads a request's body as a report batch, exactly as this endpoint does (the host's probe reads it so too).</summary>
    public static Task<ReportBatchRead> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReportBatchJson.ReadAsync(request.BodyReader, request.ContentLength, cancellationToken);

    /// <summary>The 400 that refuses a body whole, with the reason <see cref="ReportBatchJson"/> gave.</summary>
    public static IResult Refused(Rejection refusal) => Results.BadRequest(new RequestRefusal(refusal.Code, refusal.Detail));
}

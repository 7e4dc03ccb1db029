using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Json;
using Microsoft.AspNetCore.Http;

namespace Command.Ingest.Http;

/// <summary>
/// The native JSON report path, <c>POST /api/incidents/{id}/reports</c>: a batch of position reports for one
/// incident. 200 with a <see cref="ReportBatchResult"/> when every report was accepted, 400 with one when some
/// were refused (the accepted ones stay accepted), 403 with one when any was refused because the caller's
/// credential may not report for its unit; 400 with a <see cref="RequestRefusal"/> when the body is refused whole
/// (malformed), 413 when it is too large, 404 when the incident does not exist, 409 <c>closed</c> when it was closed
/// (nothing of the batch is recorded, and said so before a body that is refused whole), 503 with Retry-After when it cannot take reports now (its recording cannot be
/// read or written): nothing of the batch was kept, so send it again. Those three come first, however malformed the
/// batch's items: mended, they would still go nowhere.
/// </summary>
public static class ReportsEndpoint
{
    /// <summary>The endpoint's route.</summary>
    public const string Route = "/api/incidents/{id}/reports";

    /// <summary>Reads the batch and submits it to the intake, all of it in one call, as the caller's credential.</summary>
    public static async Task<IResult> PostAsync(string id, HttpRequest request, ReportIntake intake, IReportSenders senders, CancellationToken cancellationToken)
    {
        if (senders.Of(request.HttpContext.User) is not { } sender)
        {
            return Results.Json(new RequestRefusal("missing-right", "this credential may not report positions"), statusCode: StatusCodes.Status403Forbidden);
        }

        var read = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (read.Refusal is { } refusal)
        {
            // A closed incident is said first, as for every command to it: a body mended would still go nowhere.
            return await intake.TakesAsync(id, cancellationToken).ConfigureAwait(false) is { Reason: RejectReason.Closed } closed
                ? Results.Conflict(new RequestRefusal(closed.Code, closed.Detail))
                : Refused(refusal);
        }

        // Each unit's reports are taken oldest first, whatever order its app uploaded its backlog in, and answered by
        // their places in the batch as sent.
        var order = ReportBatchOrder.Of(read.Items);
        var outcome = order.AsSent(await intake.SubmitAsync(id, order.Items, UnknownUnitPolicy.IncidentDefault, cancellationToken, sender).ConfigureAwait(false));
        // An incident that takes nothing refuses the request whole, not item by item (nothing of it is recorded), and
        // says so first, whatever else is wrong with the items: it is answered so even when none of them was well formed.
        var whole = outcome.Incident
            ?? (outcome.Accepted == 0 ? outcome.Rejected.Select(r => r.Rejection).FirstOrDefault(r => r.Reason is RejectReason.UnknownIncident or RejectReason.Closed or RejectReason.Unavailable) : null);
        switch (whole?.Reason)
        {
            case RejectReason.UnknownIncident:
                return Results.NotFound(new RequestRefusal("unknown-incident", $"incident '{id}' does not exist"));
            case RejectReason.Closed:
                return Results.Conflict(new RequestRefusal(whole.Code, whole.Detail));
            case RejectReason.Unavailable:
                request.HttpContext.Response.Headers.RetryAfter = "5";
                return Results.Json(new RequestRefusal(whole.Code, whole.Detail), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var body = new ReportBatchResult(outcome.Accepted, [.. outcome.Rejected.Select(r => new ReportItemError(r.Index, r.UnitId, r.Rejection.Code, r.Rejection.Detail))]);
        return outcome.Rejected.Count == 0 ? Results.Ok(body)
            : outcome.Rejected.Any(r => r.Rejection.Reason is RejectReason.UnitNotPermitted or RejectReason.UnitBoundToDevice) ? Results.Json(body, statusCode: StatusCodes.Status403Forbidden)
            : Results.BadRequest(body);
    }

    /// <summary>
    /// Reads a request's body as a report batch, exactly as this endpoint does (the host's probe reads it so too). A
    /// body the server's own limit stops mid-way (a chunked one, which announces no length) is oversized too.
    /// </summary>
    public static async Task<ReportBatchRead> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await ReportBatchJson.ReadAsync(request.BodyReader, request.ContentLength, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ReportBatchRead([], new Rejection(RejectReason.Oversized, $"the body is larger than the server's {ReportBatchJson.MaxBytes}-byte limit"));
        }
    }

    /// <summary>The answer that refuses a body whole, with the reason <see cref="ReportBatchJson"/> gave: 413 when too large, else 400.</summary>
    public static IResult Refused(Rejection refusal) => refusal.Reason == RejectReason.Oversized
        ? Results.Json(new RequestRefusal(refusal.Code, refusal.Detail), statusCode: StatusCodes.Status413PayloadTooLarge)
        : Results.BadRequest(new RequestRefusal(refusal.Code, refusal.Detail));
}

using System.Globalization;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Host.Access;
using Command.Ingest.Http;
using Command.Ingest.Intake;
using Microsoft.AspNetCore.Routing;

namespace Command.Host.Ingest;

/// <summary>
/// Says on a unit's row why its device's reports stopped being taken when its device token expired. A report batch
/// refused for that token is recorded as refused (<c>credential-expired</c>) for each unit the token is still bound to,
/// in the incident it was sent to, through the intake as any refused report is: the row says REFUSED with when the token
/// expired, where it went stale with no word, and its device looked as if it had gone quiet.
/// </summary>
public sealed partial class ExpiredDeviceTokens(ReportIntake intake, ILogger<ExpiredDeviceTokens> logger)
{
    /// <summary>Records the refusal of a request to <see cref="ReportsEndpoint.Route"/> that came with <paramref name="token"/>, expired.</summary>
    public async Task RefusedAsync(HttpContext context, TokenPayload token)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: ReportsEndpoint.Route } || context.Request.RouteValues["id"] is not string incidentId)
        {
            return;
        }

        // Only its own units while they are still its: a unit bound to another credential since is no longer its to speak for.
        var actor = $"token:{token.Name}";
        var expired = new Rejection(RejectReason.CredentialExpired, string.Create(CultureInfo.InvariantCulture,
            $"its device token '{token.Name}' expired at {token.Expires.UtcDateTime:yyyy-MM-dd HH:mm} UTC: its reports are refused until an admin issues it a new one"));
        var raw = $"{context.Request.Method} {context.Request.Path} with device token '{token.Name}', expired";
        var refused = token.Units.Where(unit => intake.BoundTo(unit) == actor)
            .Select(unit => IncomingReport.Refused(ReportSource.Json, raw, expired, unit)).ToList();
        if (refused.Count == 0)
        {
            return;
        }

        try
        {
            await intake.SubmitAsync(incidentId, refused, UnknownUnitPolicy.IncidentDefault, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The device is still answered 401 with why; only its row goes without the word.
            LogNotRecorded(logger, token.Name, incidentId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record in incident {IncidentId} that device token '{Token}' was refused as expired")]
    private static partial void LogNotRecorded(ILogger logger, string token, string incidentId, Exception exception);
}

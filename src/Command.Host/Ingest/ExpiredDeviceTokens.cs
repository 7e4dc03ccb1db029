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
/// expired, where it went stale with no word, and its device looked as if it had gone quiet. A device retrying every
/// few seconds is answered 401 every time, but its unit's refusal is recorded at most once a minute per token and unit
/// (<see cref="Again"/>): once an hour, every 5 s, was 720 events per unit in the recording saying the same thing.
/// </summary>
public sealed partial class ExpiredDeviceTokens(ReportIntake intake, [FromKeyedServices(AccessClock.Key)] TimeProvider clock, ILogger<ExpiredDeviceTokens> logger)
{
    /// <summary>How long after a unit's refusal for an expired token is recorded it is recorded again while the device retries.</summary>
    public static readonly TimeSpan Again = TimeSpan.FromMinutes(1);

    // When each unit's refusal was last recorded, by incident, token (its name and expiry: one issued again is new) and unit.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Incident, string Token, DateTimeOffset Expires, string Unit), DateTimeOffset> said = new();

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
            $"its device token '{token.Name}' expired at {token.Expires.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: its reports are refused until an admin issues it a new one"));
        var raw = $"{context.Request.Method} {context.Request.Path} with device token '{token.Name}', expired";
        var now = clock.GetUtcNow();
        Forget(now);
        var refused = token.Units.Where(unit => intake.BoundTo(unit) == actor && Due((incidentId, token.Name, token.Expires, unit), now))
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

    // True, and noted, where the unit's refusal was not recorded within the last minute.
    private bool Due((string, string, DateTimeOffset, string) key, DateTimeOffset now)
    {
        if (said.TryGetValue(key, out var last) && now - last < Again)
        {
            return false;
        }

        said[key] = now;
        return true;
    }

    // Lets go of what is due again anyway, so a host up for weeks holds only the last minute's.
    private void Forget(DateTimeOffset now)
    {
        if (said.Count < 256)
        {
            return;
        }

        foreach (var (key, last) in said)
        {
            if (now - last >= Again)
            {
                said.TryRemove(key, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record in incident {IncidentId} that device token '{Token}' was refused as expired")]
    private static partial void LogNotRecorded(ILogger logger, string token, string incidentId, Exception exception);
}

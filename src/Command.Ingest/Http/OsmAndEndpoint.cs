using System.Net;
using System.Text;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;
using Command.Ingest.OsmAnd;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Command.Ingest.Http;

/// <summary>
/// Handles one OsmAnd request: query string (GET, or POST with the query), form body, or the newer JSON body.
/// Each request is one report and is submitted straight to the intake, so the app hears whether it was used:
/// 200 with an empty body when the report is used (as Traccar answers), 400 with "reason-code: detail" when it is
/// refused (a body that is not JSON too, though it cannot name its device), 403 when its device identifier is not
/// one an admin issued, 429 with Retry-After when the sender floods. The identifier
/// is the device's secret: its reports are recorded under the unit it is bound to, and the identifier never is.
/// A report goes to the incident that unit is enrolled in, as a radio's does, or else to the endpoint's.
/// </summary>
public sealed class OsmAndEndpoint(
    OsmAndOptions options, IngestContext context, ReportIntake intake, IDeviceDirectory devices, IUnitRoutes routes, IntakeMetrics metrics, RejectionLog log)
{
    private readonly SourceRateLimiter limiter = new(new ListenerOptions(), context.Clock);

    /// <summary>Reads the request, submits its report and says whether it was used.</summary>
    public async Task<IResult> HandleAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var remote = new IPEndPoint(http.Connection.RemoteIpAddress ?? IPAddress.None, 0);
        if (!limiter.TryAcquire(remote, out var wait))
        {
            context.RateLimited(ReportSource.OsmAnd, remote);
            var seconds = RetryAfter.Set(http.Response, wait);
            return Results.Text(
                $"rate-limited: {remote.Address} is sending faster than its rate limit; try again in {seconds} s", statusCode: StatusCodes.Status429TooManyRequests);
        }

        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        var now = context.Clock.GetUtcNow();
        if (body is null)
        {
            // Not recorded: a body this size proves no device, and the identifier inside it was not read.
            return Unproven(new Rejection(RejectReason.Oversized, $"body is longer than the {options.MaxBodyBytes}-byte limit"), StatusCodes.Status413PayloadTooLarge);
        }

        IncomingReport incoming;
        if (body.TrimStart().StartsWith('{'))
        {
            incoming = OsmAndJson.Parse(body, now, options.StoppedFixStands);
        }
        else
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            Merge(fields, QueryHelpers.ParseQuery(request.QueryString.Value));
            Merge(fields, QueryHelpers.ParseQuery(body));
            var raw = body.Length == 0 ? request.QueryString.Value ?? "" : $"{request.QueryString.Value} {body}";
            incoming = OsmAndParser.ParseQuery(fields, raw.TrimStart('?'), now);
        }

        var identifier = incoming.Report?.UnitId ?? incoming.UnitId;
        if (identifier is null && incoming.Rejection is { Reason: RejectReason.Malformed } malformed)
        {
            // Not recorded: a body that cannot be read proves no device, whatever identifier it seems to hold.
            return Unproven(malformed, StatusCodes.Status400BadRequest);
        }

        if (identifier is null || devices.Find(identifier) is not { } device)
        {
            // Not recorded: the sender proved nothing, and a stranger's guesses would fill the recording.
            return Unproven(
                new Rejection(RejectReason.UnknownDevice, identifier is null ? "the request names no device identifier" : "no live device credential has this identifier"),
                StatusCodes.Status403Forbidden);
        }

        incoming = incoming with
        {
            Raw = incoming.Raw.Replace(identifier, device.UnitId, StringComparison.Ordinal),
            Report = incoming.Report is { } report ? report with { UnitId = device.UnitId } : null,
            UnitId = device.UnitId,
        };
        var sender = new ReportSender(device.Actor, new HashSet<string>(StringComparer.Ordinal) { device.UnitId });
        var incident = await routes.IncidentOfAsync(device.UnitId, cancellationToken).ConfigureAwait(false) ?? options.Incident ?? context.Options.Incident;
        var outcome = await intake.SubmitAsync(
            incident, [incoming], options.UnknownUnits ?? context.Options.UnknownUnits, cancellationToken, sender).ConfigureAwait(false);
        return outcome.Rejected is [var first, ..]
            ? Results.Text(first.Rejection.ToString(), statusCode: StatusCodes.Status400BadRequest)
            : Results.Ok();
    }

    /// <summary>Counts and logs a request refused before its device was known, and answers it.</summary>
    private IResult Unproven(Rejection rejection, int status)
    {
        log.Rejected(ReportSource.OsmAnd, rejection);
        metrics.Rejected(ReportSource.OsmAnd, rejection.Reason);
        return Results.Text(rejection.ToString(), statusCode: status);
    }

    private static void Merge(Dictionary<string, string> fields, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> values)
    {
        foreach (var (key, value) in values)
        {
            fields[key] = value.ToString();
        }
    }

    /// <summary>The body as text, or null when it is longer than the limit.</summary>
    private async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[options.MaxBodyBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total > options.MaxBodyBytes ? null : Encoding.UTF8.GetString(buffer, 0, total);
    }
}

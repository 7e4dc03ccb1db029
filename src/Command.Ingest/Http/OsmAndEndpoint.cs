using System.Net;
using System.Text;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;
using Command.Ingest.OsmAnd;
using Microsoft.AspNetCore.Http;

namespace Command.Ingest.Http;

/// <summary>
/// Handles one OsmAnd request: query string (GET, or POST with the query), form body, or the newer JSON body.
/// Each request is one report and is submitted straight to the intake, so the app hears whether it was used:
/// 200 with an empty body when the report is used (as Traccar answers). The app keeps every report it sent until a
/// 2xx answer, and sends the oldest again before any later one: Traccar Client for Android tries the same report every
/// 30 s and sends nothing else meanwhile. So a report refused for what it is (too old, a duplicate of one already
/// taken, out of order, bad coordinates) is answered 200 with "reason-code: detail", recorded and counted as refused:
/// answered 400, one report held up in a building past the age limit, or one whose answer was lost, would stop the
/// phone for the rest of the drill. A refusal the incident's state may lift (a unit not enrolled yet, an incident not
/// opened yet or closed, a unit enrolled elsewhere or bound to another device) is 400, so the app sends it again until
/// it is taken or too old; one the incident cannot record now is 503 with Retry-After. A body that is not JSON (it
/// names no device) is 400, a device identifier no admin issued 403, an oversized body 413, and a sender that floods
/// 429 with Retry-After: a device past <see cref="OsmAndOptions.DeviceRate"/>, or an address past
/// <see cref="OsmAndOptions.AddressRate"/> with requests that prove no device. Many phones may share one address (a
/// site's Wi-Fi, a carrier's NAT): one stuck phone resending as fast as it can is held to its own rate, and the
/// others' reports are taken meanwhile; requests with made-up identifiers, or none, count against the address, which
/// is then refused before another body is read. The identifier is the device's secret: its reports are
/// recorded under the unit it is bound to, and the identifier never is. A report goes to the incident that unit is
/// enrolled in, as a radio's does, or else to the endpoint's.
/// </summary>
public sealed class OsmAndEndpoint(
    OsmAndOptions options, IngestContext context, ReportIntake intake, IDeviceDirectory devices, IUnitRoutes routes, IntakeMetrics metrics, RejectionLog log)
{
    /// <summary>The endpoint's settings' section, which names it among the sources of reports (<see cref="IngestSources"/>).</summary>
    public const string Section = "Ingest:OsmAnd";

    private readonly SourceRateLimiter addresses = new(new ListenerOptions { RatePerSecond = options.AddressRate.PerSecond, RateBurst = options.AddressRate.Burst }, context.Clock);
    private readonly CallerRateLimiter deviceRates = new(options.DeviceRate, context.Clock);

    private string Incident => options.Incident ?? context.Options.Incident;

    /// <summary>
    /// Says the endpoint stands among the sources of reports, listening on <paramref name="port"/>, once the host has
    /// bound it: a dispatcher's list of sources named every listener but the one the phones report to.
    /// </summary>
    public void Bound(int port) =>
        context.Sources.Set(Section, Incident, shared: false, $"OsmAnd (Traccar Client) over HTTP on port {port}", SourceCondition.Listening);

    /// <summary>Reads the request, submits its report and says whether it was used.</summary>
    public async Task<IResult> HandleAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var remote = new IPEndPoint(http.Connection.RemoteIpAddress ?? IPAddress.None, 0);
        if (!addresses.HasToken(remote, out var wait))
        {
            return AddressFlooding(http.Response, remote, wait);
        }

        string? body;
        try
        {
            body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            // A body that stopped coming (sent slower than the server takes, or cut off before its stated length) proves no
            // device and is no fault of the host's: said as a refusal, not logged as an error with its stack, once a
            // connection, by anyone who can reach the port.
            return Unproven(http.Response, remote, new Rejection(RejectReason.Malformed, $"the body did not arrive whole: {ex.Message}"), StatusCodes.Status400BadRequest);
        }

        var now = context.Clock.GetUtcNow();
        if (body is null)
        {
            // Not recorded: a body this size proves no device, and the identifier inside it was not read.
            return Unproven(http.Response, remote, new Rejection(RejectReason.Oversized, $"body is longer than the {options.MaxBodyBytes}-byte limit"), StatusCodes.Status413PayloadTooLarge);
        }

        IncomingReport incoming;
        if (IsJson(request, body))
        {
            incoming = OsmAndJson.Parse(body, now, options.StoppedFixStands);
        }
        else
        {
            var fields = OsmAndFields.Read(request.QueryString.Value, body);
            var raw = body.Length == 0 ? request.QueryString.Value ?? "" : $"{request.QueryString.Value} {body}";
            incoming = OsmAndParser.ParseQuery(fields, raw.TrimStart('?'), now);
        }

        var identifier = incoming.Report?.UnitId ?? incoming.UnitId;
        if (identifier is null && incoming.Rejection is { Reason: RejectReason.Malformed } malformed)
        {
            // Not recorded: a body that cannot be read proves no device, whatever identifier it seems to hold.
            return Unproven(http.Response, remote, malformed, StatusCodes.Status400BadRequest);
        }

        if (identifier is null || devices.Find(identifier) is not { } device)
        {
            // Not recorded: the sender proved nothing, and a stranger's guesses would fill the recording.
            return Unproven(
                http.Response, remote, new Rejection(RejectReason.UnknownDevice, identifier is null ? "the request names no device identifier" : "no live device credential has this identifier"),
                StatusCodes.Status403Forbidden);
        }

        // A device is held to its own rate only: one stuck phone resending as fast as it can takes nothing of the rate of
        // the address it shares with the others.
        if (!deviceRates.TryAcquire(device.Actor, out var deviceWait))
        {
            context.Refused(ReportSource.OsmAnd, new Rejection(RejectReason.RateLimited, $"the device for unit {device.UnitId} at {remote.Address} is sending faster than its rate limit"));
            return TooMany(http.Response, deviceWait, $"the device for unit {device.UnitId} is sending faster than its rate limit");
        }

        incoming = incoming with
        {
            Raw = incoming.Raw.Replace(identifier, device.UnitId, StringComparison.Ordinal),
            Report = incoming.Report is { } report ? report with { UnitId = device.UnitId, Via = Section } : null,
            UnitId = device.UnitId,
        };
        var sender = new ReportSender(device.Actor, new HashSet<string>(StringComparer.Ordinal) { device.UnitId });
        var incident = await routes.IncidentOfAsync(device.UnitId, cancellationToken).ConfigureAwait(false) ?? Incident;
        if (incident != Incident)
        {
            // A phone enrolled elsewhere reports through this endpoint: that incident hears when the endpoint is throttled too.
            context.Sources.Fed(Section, incident);
        }

        var outcome = await intake.SubmitAsync(
            incident, [incoming], options.UnknownUnits ?? context.Options.UnknownUnits, cancellationToken, sender).ConfigureAwait(false);
        return outcome.Rejected is [var first, ..] ? Refused(http.Response, first.Rejection) : Results.Ok();
    }

    private IResult AddressFlooding(HttpResponse response, IPEndPoint remote, TimeSpan wait)
    {
        var why = $"{remote.Address} is sending requests that prove no device faster than its rate limit";
        context.Refused(ReportSource.OsmAnd, new Rejection(RejectReason.RateLimited, why));
        // Phones on a site's Wi-Fi or behind a carrier's NAT share an address: theirs are refused with the flood.
        context.Sources.RefusedTooFast(Section, remote.Address.ToString(),
            $"{remote.Address} sends requests that prove no device faster than its rate limit ({Section}:AddressRate); every request from it is refused until it slows, so the phones that share its address (a site's Wi-Fi, a carrier's NAT) go stale");
        return TooMany(response, wait, why);
    }

    private static IResult TooMany(HttpResponse response, TimeSpan wait, string why)
    {
        var seconds = RetryAfter.Set(response, wait);
        return Results.Text($"rate-limited: {why}; try again in {seconds} s", statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static IResult Refused(HttpResponse response, Rejection rejection)
    {
        if (rejection.Reason == RejectReason.Unavailable)
        {
            RetryAfter.Set(response, TimeSpan.FromSeconds(5));
            return Results.Text(rejection.ToString(), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Text(rejection.ToString(), statusCode: MayBeLifted(rejection.Reason) ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    // Refusals the incident's state may lift, so that the same report is taken when the app sends it again. Every other
    // refusal is of the report itself, and sending it again only holds up the reports behind it.
    private static bool MayBeLifted(RejectReason reason) => reason is RejectReason.UnknownUnit or RejectReason.UnknownIncident
        or RejectReason.Closed or RejectReason.EnrolledElsewhere or RejectReason.UnitBoundToDevice or RejectReason.UnitNotPermitted
        or RejectReason.LimitReached;

    /// <summary>
    /// Counts and logs a request refused before its device was known, and answers it; it counts against its address's
    /// rate, and one past it is answered 429 instead.
    /// </summary>
    private IResult Unproven(HttpResponse response, IPEndPoint remote, Rejection rejection, int status)
    {
        if (!addresses.TryAcquire(remote, out var wait))
        {
            return AddressFlooding(response, remote, wait);
        }

        log.Rejected(ReportSource.OsmAnd, rejection);
        metrics.Rejected(ReportSource.OsmAnd, rejection.Reason);
        return Results.Text(rejection.ToString(), statusCode: status);
    }

    /// <summary>The body as text, or null when it is longer than the limit.</summary>
    // Traccar Client's JSON body, or any body its sender says is JSON or that reads as JSON's start: an array of locations,
    // or one nested past reading, is refused as the JSON it is ("the body is an array, not an object"), not read as a form
    // that names no device.
    private static bool IsJson(HttpRequest request, string body)
    {
        var start = body.AsSpan().TrimStart();
        return start.Length > 0 && (start[0] is '{' or '[' || (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false));
    }

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

using System.Globalization;
using System.Security.Claims;
using Command.Grains.Directory;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Access;

/// <summary>
/// A closed incident is a recording: what it showed (its last picture on the live board, its units and zones, its
/// timeline) is for those who may watch replays (<see cref="Rights.WatchReplays"/>), whatever page asks. One wording
/// for every refusal of it.
/// </summary>
public static class RecordedIncidents
{
    /// <summary>"incident 'x' was closed at 19:51:14 UTC and is a recording now".</summary>
    public static string Closed(string incidentId, DateTimeOffset closedAt) =>
        $"incident '{incidentId}' was closed at {closedAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC and is a recording now";

    /// <summary>
    /// An endpoint that reads what incident <c>{id}</c> shows live: once it is closed, a caller who may not watch replays
    /// is refused (403 naming the right, saying it is closed); an open or unknown incident is the endpoint's to answer.
    /// </summary>
    public static TBuilder LiveOnly<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder => endpoint.AddEndpointFilter(async (context, next) =>
            context.HttpContext.GetRouteValue("id") is string id && await RefusalAsync(context.HttpContext, id) is { } refused ? refused : await next(context));

    /// <summary>
    /// The refusal of what <paramref name="http"/>'s caller asks of incident <paramref name="incidentId"/> (<paramref name="of"/>
    /// saying what it is of it, after the incident's close: ", and unit 'P1' was last enrolled there") when the incident is
    /// closed and the caller may not watch replays: audited, 403 naming the right and saying when it was closed; null for
    /// one who may, or an incident open or unknown.
    /// </summary>
    public static async Task<IResult?> RefusalAsync(HttpContext http, string incidentId, string of = "") =>
        await ClosedToCallerAsync(http, incidentId) is { } closedAt ? Refused(http, $"{Closed(incidentId, closedAt)}{of}") : null;

    /// <summary>
    /// The refusal of incident <paramref name="incidentId"/>'s recorded session to a caller who may not watch replays,
    /// unless the incident is open now (watching live reads what it recorded so far): one closed is a recording, and so is
    /// one no incident listed is of (its incident gone, or never here); null for one who may, or an open incident.
    /// </summary>
    public static async Task<IResult?> SessionRefusalAsync(HttpContext http, string incidentId)
    {
        if (Rights.Grants(http.User, Rights.WatchReplays))
        {
            return null;
        }

        return await ListingAsync(http.RequestServices.GetRequiredService<IGrainFactory>(), incidentId) switch
        {
            null => Refused(http, $"no incident '{incidentId}' is open, and what it recorded is a recording"),
            { ClosedAt: { } closedAt } => Refused(http, Closed(incidentId, closedAt)),
            _ => null,
        };
    }

    /// <summary>When incident <paramref name="incidentId"/> was closed, where it is and the caller may not watch replays; else null.</summary>
    public static Task<DateTimeOffset?> ClosedToCallerAsync(HttpContext http, string incidentId) =>
        ClosedToAsync(http.User, http.RequestServices.GetRequiredService<IGrainFactory>(), incidentId);

    /// <summary>When incident <paramref name="incidentId"/> was closed, where it is and <paramref name="caller"/> may not watch replays; else null.</summary>
    public static async Task<DateTimeOffset?> ClosedToAsync(ClaimsPrincipal caller, IGrainFactory grains, string incidentId) =>
        Rights.Grants(caller, Rights.WatchReplays) ? null : (await ListingAsync(grains, incidentId))?.ClosedAt;

    /// <summary>When incident <paramref name="incidentId"/> was closed, whoever asks; null for one open or unknown.</summary>
    public static async Task<DateTimeOffset?> ClosedAtAsync(IGrainFactory grains, string incidentId) => (await ListingAsync(grains, incidentId))?.ClosedAt;

    /// <summary>The refusal of a recording to a caller who may not watch replays, <paramref name="why"/> heading its detail.</summary>
    public static IResult Refused(HttpContext http, string why)
    {
        var what = $"{http.Request.Method} {http.Request.Path}";
        var refused = Audited(http.User, http.RequestServices.GetRequiredService<AccessAudit>(), what);
        return Results.Json(refused with { Detail = $"{why}: {refused.Detail}" }, statusCode: StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// The refusal of hub call <paramref name="what"/> ("Join x") of incident <paramref name="incidentId"/>, closed at
    /// <paramref name="closedAt"/>, to a caller who may not watch replays: audited, naming the right as the HTTP API does.
    /// </summary>
    public static HubException Refused(ClaimsPrincipal caller, AccessAudit audit, string what, string incidentId, DateTimeOffset closedAt) =>
        new($"missing-right: {Closed(incidentId, closedAt)}: {Audited(caller, audit, what).Detail}");

    private static AccessRefused Audited(ClaimsPrincipal caller, AccessAudit audit, string what)
    {
        audit.Refused(AccessClaims.Actor(caller), what, Rights.WatchReplays);
        return RefusalAnswers.MissingRight(caller, Rights.WatchReplays, what);
    }

    private static async Task<IncidentListing?> ListingAsync(IGrainFactory grains, string incidentId) =>
        (await grains.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List()).FirstOrDefault(i => i.IncidentId == incidentId);
}

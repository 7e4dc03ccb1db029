using System.Globalization;
using Command.Grains.Directory;

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
    {
        var http = context.HttpContext;
        if (Rights.Grants(http.User, Rights.WatchReplays) || http.GetRouteValue("id") is not string id)
        {
            return await next(context);
        }

        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        var listed = await grains.GetGrain<IIncidentDirectoryGrain>(IIncidentDirectoryGrain.Key).List();
        if (listed.FirstOrDefault(i => i.IncidentId == id)?.ClosedAt is not { } closedAt)
        {
            return await next(context);
        }

        var what = $"{http.Request.Method} {http.Request.Path}";
        http.RequestServices.GetRequiredService<AccessAudit>().Refused(AccessClaims.Actor(http.User), what, Rights.WatchReplays);
        var refused = RefusalAnswers.MissingRight(http.User, Rights.WatchReplays, what);
        return Results.Json(refused with { Detail = $"{Closed(id, closedAt)}: {refused.Detail}" }, statusCode: StatusCodes.Status403Forbidden);
    });
}

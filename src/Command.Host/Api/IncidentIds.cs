using Command.Domain.Validation;
using Command.Recording.Layout;

namespace Command.Host.Api;

/// <summary>
/// What an incident id may be, in one place: the API's id shape, not starting with '.' (it names the incident's
/// recording folder and blobs). An incident created as ".x" passed the API and could never be recorded; asked for by a
/// path its id could not have ("a%2Fb", "démo"), an incident activated for the key, could not read a recording by it,
/// and answered 503 "try again shortly" with an error and its stack logged on every call.
/// </summary>
public static class IncidentIds
{
    /// <summary>The rule in words, as refusals say it.</summary>
    public const string Shape = "an incident id is 1-64 letters, digits, '-', '_' or '.', not starting with '.'";

    public static bool IsValid(string? id) => SiteMapping.IsValidId(id) && SessionPaths.IsValidIncidentId(id!);

    /// <summary>
    /// Refuses with 400 a request whose path names an incident, or its recorded session, by an id no incident can have,
    /// before any incident is asked.
    /// </summary>
    public static IApplicationBuilder UseIncidentIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if ((path.StartsWithSegments("/api/incidents") || path.StartsWithSegments("/api/sessions"))
            && context.GetRouteValue("id") is string id && !IsValid(id))
        {
            var named = id.Length <= 64 ? id : id[..64] + "…";
            await ApiError.BadRequest(RejectReasons.Name(RejectReason.InvalidValue), $"'{named}' is not an incident: {Shape}").ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}

namespace Command.Host.Access;

/// <summary>
/// Keeps other sites' pages from acting through a signed-in browser: a state-changing call that does not come with a
/// bearer token (a cookie, or nothing yet, as a sign-in) must carry this site's own Origin, and a body must be
/// <c>application/json</c>, which no cross-site form or simple request can send without the browser asking first.
/// Bearer-token clients are not browsers riding a cookie, and are not held to it. The hub's own transports post
/// text (SignalR's protocol), so on its path only the Origin is checked; its session cookie is SameSite=Strict too.
/// The live hub is held to it even for a GET: SameSite=Strict still sends the cookie from a page on another port of
/// the same host, and a WebSocket is not bound by CORS, so such a page could otherwise open the hub and read every
/// frame. A GET there without an Origin goes through: a browser always sends one on a WebSocket handshake or a
/// cross-origin request, so it comes from a tool, or from this site's own page.
/// </summary>
public static class CrossSiteGuard
{
    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        // Held to it: a signed-in browser session, and the calls open to anyone (signing in). Anyone else is refused
        // 401 by authorization, which says more than a cross-site refusal would.
        var held = http.User.Identity?.IsAuthenticated == true || http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
        if (!held || TokenAuthentication.Carries(request) || Problem(request) is not { } problem)
        {
            await next(http);
            return;
        }

        var caller = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : AccessNames.Anonymous;
        http.RequestServices.GetRequiredService<AccessAudit>().Refused(caller, $"{request.Method} {request.Path}", "cross-site-refused");
        await Results.Json(new AccessRefused("cross-site-refused", problem), statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
    });

    /// <summary>Why the call cannot be told from a cross-site one, or null when it is same-site JSON or changes nothing.</summary>
    public static string? Problem(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        var site = Site(request);
        if (IsSafe(request.Method))
        {
            return OpensLive(request) && origin.Length > 0 ? Foreign(origin, site) : null;
        }

        if (origin.Length == 0)
        {
            // A script holding a session cookie sends no Origin: it is told what a browser sends, and what a tool uses.
            // Signing in has no session yet: it is told what the sign-in page sends.
            return request.HttpContext.User.Identity?.IsAuthenticated == true
                ? $"a {request.Method} from a browser session must carry an Origin header naming this site ({site}); a script or tool uses a token instead (Authorization: Bearer cmd_...)"
                : $"signing in must carry an Origin header naming this site ({site}), as the sign-in page sends; a script or tool uses a token instead (Authorization: Bearer cmd_...)";
        }

        if (Foreign(origin, site) is { } foreign)
        {
            return foreign;
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim() ?? "";
        return HasBody(request.Method) && !request.Path.StartsWithSegments(Live.IncidentHub.Path) && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            ? $"a {request.Method} from a browser session must send application/json, not '{(mediaType.Length == 0 ? "no content type" : mediaType)}'"
            : null;
    }

    /// <summary>This site's own origin, as a browser names it in the Origin header.</summary>
    private static string Site(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private static string? Foreign(string origin, string site) =>
        string.Equals(origin, site, StringComparison.OrdinalIgnoreCase) ? null : $"the call came from '{origin}', not from this site ({site})";

    /// <summary>The live hub (any of its transports), or a WebSocket handshake anywhere: a GET that hands out what it reads.</summary>
    private static bool OpensLive(HttpRequest request) =>
        request.Path.StartsWithSegments(Live.IncidentHub.Path)
        || request.Headers.Upgrade.Any(u => string.Equals(u, "websocket", StringComparison.OrdinalIgnoreCase));

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static bool HasBody(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method);
}

namespace Command.Host.Access;

/// <summary>
/// Keeps other sites' pages from acting through a signed-in browser: a state-changing call that does not come with a
/// bearer token (a cookie, or nothing yet, as a sign-in) must carry this site's own Origin, and a body must be
/// <c>application/json</c>, which no cross-site form or simple request can send without the browser asking first.
/// Bearer-token clients are not browsers riding a cookie, and are not held to it. The hub's own transports post
/// text (SignalR's protocol), so on its path only the Origin is checked; its session cookie is SameSite=Strict too.
/// </summary>
public static class CrossSiteGuard
{
    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        // Held to it: a signed-in browser session, and the calls open to anyone (signing in). Anyone else is refused
        // 401 by authorization, which says more than a cross-site refusal would.
        var held = http.User.Identity?.IsAuthenticated == true || http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
        if (!held || IsSafe(request.Method) || TokenAuthentication.Carries(request) || Problem(request) is not { } problem)
        {
            await next(http);
            return;
        }

        var caller = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous";
        http.RequestServices.GetRequiredService<AccessAudit>().Refused(caller, $"{request.Method} {request.Path}", "cross-site-refused");
        await Results.Json(new AccessRefused("cross-site-refused", problem), statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
    });

    /// <summary>Why the call cannot be told from a cross-site one, or null when it is same-site JSON.</summary>
    public static string? Problem(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        var site = $"{request.Scheme}://{request.Host}";
        if (origin.Length == 0)
        {
            // A script holding a session cookie sends no Origin: it is told what a browser sends, and what a tool uses.
            // Signing in has no session yet: it is told what the sign-in page sends.
            return request.HttpContext.User.Identity?.IsAuthenticated == true
                ? $"a {request.Method} from a browser session must carry an Origin header naming this site ({site}); a script or tool uses a token instead (Authorization: Bearer cmd_...)"
                : $"signing in must carry an Origin header naming this site ({site}), as the sign-in page sends; a script or tool uses a token instead (Authorization: Bearer cmd_...)";
        }

        if (!string.Equals(origin, site, StringComparison.OrdinalIgnoreCase))
        {
            return $"the call came from '{origin}', not from this site ({site})";
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim() ?? "";
        return HasBody(request.Method) && !request.Path.StartsWithSegments(Live.IncidentHub.Path) && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            ? $"a {request.Method} from a browser session must send application/json, not '{(mediaType.Length == 0 ? "no content type" : mediaType)}'"
            : null;
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static bool HasBody(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method);
}

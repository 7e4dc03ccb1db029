using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Command.Host.Access;

/// <summary>
/// How a refused call is answered, in one place: a page navigation without a sign-in goes to the sign-in page;
/// anything else gets 401 (no credential, or one that no longer stands, and why) or 403 naming the missing right;
/// every refusal is audited.
/// </summary>
public sealed class RefusalAnswers(AccessAudit audit, Ingest.ExpiredDeviceTokens expiredDevices, IOptionsMonitor<CookieAuthenticationOptions> cookies)
    : IAuthorizationMiddlewareResultHandler
{
    /// <summary>
    /// Why a session cookie the host cannot read is refused: damaged, or sealed with a key the cluster no longer holds
    /// (the key ring was replaced, or the host is not joined to the cluster that signed it in).
    /// </summary>
    public const string UnreadableSession = "your sign-in is not one this cluster can read — it may be from before the cluster's keys changed";

    public const string SignInPage = "/sign-in/";

    /// <summary>The request item holding why a session cookie no longer stands, where it was refused for that.</summary>
    public const string SessionEnded = "command.session-ended";

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        var what = $"{context.Request.Method} {context.Request.Path}";
        if (authorizeResult.Challenged || context.User.Identity?.IsAuthenticated != true)
        {
            // Authentication keeps only a success; asked again, it says why a credential presented was refused.
            var why = context.Items[SessionEnded] as string ?? (await context.AuthenticateAsync()).Failure?.Message;
            // The cookie handler's own words for a cookie it cannot unseal ("Unprotect ticket failed") tell a user nothing.
            why = why is not null && IsUnreadableSession(context) ? UnreadableSession : why;
            audit.Refused(AccessNames.Anonymous, what, "unauthenticated");
            if (context.Items[TokenAuthentication.ExpiredToken] is TokenPayload expired)
            {
                await expiredDevices.RefusedAsync(context, expired);
            }

            if (IsPageNavigation(context.Request))
            {
                context.Response.Redirect($"{SignInPage}?return={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
                return;
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Json(Unauthenticated(why), statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }

        var right = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RightRequirement>().FirstOrDefault()?.Right ?? "unknown";
        var refused = MissingRight(context.User, right, what);
        audit.Refused(AccessClaims.Actor(context.User), what, right);
        await Results.Json(refused, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }

    public static AccessRefused Unauthenticated(string? why) => new(
        "unauthenticated", why is null ? "sign in, or present a bearer token" : $"the credential was refused: {why}; sign in again, or present a valid bearer token");

    public static AccessRefused MissingRight(System.Security.Claims.ClaimsPrincipal caller, string right, string what)
    {
        var roles = AccessClaims.Roles(caller).Select(Grains.Access.AccessRoles.Name).ToList();
        return new AccessRefused(
            "missing-right",
            $"{what} needs the '{right}' right, which {Rights.HoldersText(right)} holds; {AccessClaims.Actor(caller)} holds {(roles.Count == 0 ? "no role" : string.Join(", ", roles))}",
            right);
    }

    /// <summary>
    /// Whether the credential refused is a session cookie the cookie scheme cannot unseal: asked of the scheme's own ticket
    /// format, as its handler asks it, rather than read from the handler's message. A bearer token is never one.
    /// </summary>
    private bool IsUnreadableSession(HttpContext context)
    {
        if (TokenAuthentication.Carries(context.Request))
        {
            return false;
        }

        var options = cookies.Get(PersonSessions.Scheme);
        return options.CookieManager.GetRequestCookie(context, options.Cookie.Name!) is { Length: > 0 } cookie
            && options.TicketDataFormat.Unprotect(cookie) is null;
    }

    /// <summary>A browser opening a page (not a script's fetch): worth a redirect to the sign-in page rather than a bare 401.</summary>
    private static bool IsPageNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/hubs");
}

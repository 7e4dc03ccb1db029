using Command.Grains.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Command.Host.Access;

/// <summary>Starts and ends a person's signed-in session: the cookie, and its end recorded in the access book.</summary>
public sealed class PersonSessions(IGrainFactory grains, AccessBookCopy book, AccessOptions options, [FromKeyedServices(AccessClock.Key)] TimeProvider clock)
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public const string CookieName = "command.session";

    public async Task<Caller> StartAsync(HttpContext http, PersonEntry person, Action<System.Security.Claims.ClaimsPrincipal, DateTimeOffset?>? started = null)
    {
        await book.RefreshAsync();
        var principal = AccessClaims.Person(person, AccessNames.Id(), Scheme);
        var properties = new AuthenticationProperties { IsPersistent = true };
        await http.SignInAsync(Scheme, principal, properties);
        started?.Invoke(principal, properties.ExpiresUtc);
        return Describe(principal);
    }

    /// <summary>Ends the caller's session everywhere (if it is a person's) and clears the cookie.</summary>
    public async Task EndAsync(HttpContext http)
    {
        if (AccessClaims.IsPerson(http.User) && http.User.FindFirst(AccessClaims.Session)?.Value is { } session)
        {
            var now = clock.GetUtcNow();
            await grains.GetGrain<IAccessGrain>(IAccessGrain.Key).EndSession(session, now + options.SessionLifetime, now);
            await book.RefreshAsync();
        }

        await http.SignOutAsync(Scheme);
    }

    public static Caller Describe(System.Security.Claims.ClaimsPrincipal caller) => new(
        AccessClaims.Actor(caller), AccessClaims.Kind(caller) ?? "", [.. AccessClaims.Roles(caller).Select(AccessRoles.Name)], Rights.Of(caller));
}

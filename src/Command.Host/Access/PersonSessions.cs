using Command.Grains.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Command.Host.Access;

/// <summary>Starts and ends a person's signed-in session: the cookie, and its end recorded in the access book.</summary>
public sealed class PersonSessions(IGrainFactory grains, AccessBookCopy book, AccessOptions options, [FromKeyedServices(AccessClock.Key)] TimeProvider clock)
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public const string CookieName = "command.session";

    public Task<Caller> StartAsync(HttpContext http, PersonEntry person) => StartAsync(http, person, NewSession());

    /// <summary>Starts <paramref name="session"/>, one made by <see cref="NewSession"/> (for a change to keep it before it starts).</summary>
    public async Task<Caller> StartAsync(HttpContext http, PersonEntry person, StartingSession session)
    {
        await book.RefreshAsync();
        var principal = AccessClaims.Person(person, session.Id, Scheme);
        await http.SignInAsync(Scheme, principal, new AuthenticationProperties { IsPersistent = true, ExpiresUtc = session.Expires });
        return Describe(principal, book);
    }

    /// <summary>A session's id and when its cookie will expire, before it starts.</summary>
    public StartingSession NewSession() => new(AccessNames.Id(), clock.GetUtcNow() + options.SessionLifetime);

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

    public sealed record StartingSession(string Id, DateTimeOffset Expires);

    /// <summary>The caller as the page knows them, with the identity behind the name from <paramref name="book"/> (empty for one it no longer holds).</summary>
    public static Caller Describe(System.Security.Claims.ClaimsPrincipal caller, AccessBookCopy book) => new(
        AccessClaims.Actor(caller), AccessClaims.Kind(caller) ?? "", [.. AccessClaims.Roles(caller).Select(AccessRoles.Name)], Rights.Of(caller),
        Paperwork.NoteAuthors.Of(caller, book)?.Id ?? "");
}

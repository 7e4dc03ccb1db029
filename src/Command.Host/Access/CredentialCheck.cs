using System.Security.Claims;

namespace Command.Host.Access;

/// <summary>
/// Whether an authenticated principal still stands: a person's stamp is current and their session was not ended; a
/// token is not revoked or expired. One check for requests, cookies and open hub connections alike.
/// </summary>
public sealed class CredentialCheck(AccessBookCopy book, [FromKeyedServices(AccessClock.Key)] TimeProvider clock)
{
    /// <summary>Why a token past its expiry no longer stands.</summary>
    public const string TokenExpired = "the token expired";

    /// <summary>Why the principal no longer stands, or null when it does.</summary>
    public string? Problem(ClaimsPrincipal caller)
    {
        switch (AccessClaims.Kind(caller))
        {
            case AccessClaims.BootstrapCredential:
                return null;
            case AccessClaims.TokenCredential:
                if (caller.FindFirst(AccessClaims.TokenId)?.Value is not { } id || book.IsRevokedToken(id))
                {
                    return "the token was revoked";
                }

                return AccessClaims.TokenExpires(caller) is { } expires && expires <= clock.GetUtcNow() ? TokenExpired : null;
            case AccessClaims.PersonCredential:
                var name = caller.Identity?.Name ?? "";
                if (book.Person(name) is not { } person)
                {
                    return $"'{name}' is no longer in the access book";
                }

                if (caller.FindFirst(AccessClaims.Stamp)?.Value != person.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return $"'{name}' had their roles or password changed";
                }

                return caller.FindFirst(AccessClaims.Session)?.Value is { } session && !book.IsEndedSession(session) ? null : "the session was signed out";
            default:
                return "the credential is of no known kind";
        }
    }

    /// <summary>
    /// As <see cref="Problem"/>, but a person this copy of the book does not know yet (added on another host a moment
    /// ago) is looked up once more in the grain before being refused.
    /// </summary>
    public async Task<string?> ProblemAsync(ClaimsPrincipal caller)
    {
        if (Problem(caller) is not { } problem)
        {
            return null;
        }

        if (AccessClaims.IsPerson(caller))
        {
            await book.RefreshAsync();
            return Problem(caller);
        }

        return problem;
    }
}

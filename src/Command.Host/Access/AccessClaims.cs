using System.Security.Claims;
using Command.Grains.Access;

namespace Command.Host.Access;

/// <summary>
/// What an authenticated caller's principal holds: its name (the actor the recording names: a person's user name, or
/// <c>token:&lt;name&gt;</c>), its roles, and what identifies the credential so that it can be found revoked.
/// </summary>
public static class AccessClaims
{
    /// <summary>"person", "token" or "bootstrap".</summary>
    public const string Credential = "command:credential";

    /// <summary>A person's stamp when they signed in: a change of roles or password changes it and ends the session.</summary>
    public const string Stamp = "command:stamp";

    /// <summary>A sign-in's own id, so signing out ends that session everywhere.</summary>
    public const string Session = "command:session";

    /// <summary>A token's id.</summary>
    public const string TokenId = "command:token";

    /// <summary>A unit a device token may report for (one claim per unit).</summary>
    public const string Unit = "command:unit";

    /// <summary>When a token expires (round-trip "O" text).</summary>
    public const string Expires = "command:expires";

    public const string PersonCredential = "person";
    public const string TokenCredential = "token";
    public const string BootstrapCredential = "bootstrap";

    /// <summary>The bootstrap token's actor.</summary>
    public const string BootstrapActor = "token:bootstrap";

    public static ClaimsPrincipal Person(PersonEntry person, string sessionId, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, person.UserName),
            new Claim(Credential, PersonCredential),
            new Claim(Stamp, person.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(Session, sessionId),
            .. person.Roles.Select(r => new Claim(ClaimTypes.Role, AccessRoles.Name(r))),
        ],
        scheme));

    public static ClaimsPrincipal Token(TokenPayload token, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"token:{token.Name}"),
            new Claim(Credential, TokenCredential),
            new Claim(TokenId, token.Id),
            new Claim(Expires, token.Expires.ToString("O")),
            .. token.Roles.Select(r => new Claim(ClaimTypes.Role, AccessRoles.Name(r))),
            .. token.Units.Select(u => new Claim(Unit, u)),
        ],
        scheme));

    public static ClaimsPrincipal Bootstrap(string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, BootstrapActor), new Claim(Credential, BootstrapCredential), new Claim(ClaimTypes.Role, AccessRoles.Name(AccessRole.Admin))],
        scheme));

    /// <summary>The caller's name: what the recording names as the actor of a command.</summary>
    public static string Actor(ClaimsPrincipal caller) =>
        caller.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : throw new InvalidOperationException("an anonymous caller has no actor");

    public static IEnumerable<AccessRole> Roles(ClaimsPrincipal caller) =>
        caller.FindAll(ClaimTypes.Role).Select(c => AccessRoles.TryParse(c.Value, out var role) ? role : (AccessRole?)null).OfType<AccessRole>();

    public static string? Kind(ClaimsPrincipal caller) => caller.FindFirst(Credential)?.Value;

    public static bool IsPerson(ClaimsPrincipal caller) => Kind(caller) == PersonCredential;

    public static bool IsToken(ClaimsPrincipal caller) => Kind(caller) is TokenCredential or BootstrapCredential;

    public static IReadOnlySet<string> Units(ClaimsPrincipal caller) => caller.FindAll(Unit).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    public static DateTimeOffset? TokenExpires(ClaimsPrincipal caller) =>
        caller.FindFirst(Expires)?.Value is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null;
}

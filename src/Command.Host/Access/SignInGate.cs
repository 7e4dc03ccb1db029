using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Command.Grains.Access;
using Command.Host.Api;
using Microsoft.AspNetCore.Identity;

namespace Command.Host.Access;

/// <summary>
/// Checks a password or a one-time link, throttled per source address (the cluster's <see cref="ISignInGuardGrain"/>):
/// too many failures shut the address out for a short while, which an admin can lift. The account is never locked,
/// so an attacker cannot shut the commander out mid-drill. Signing in forgives only that person's own failures from the
/// address, never those against other names (<see cref="SignInThrottle"/>).
/// </summary>
public sealed class SignInGate(
    IGrainFactory grains, IPasswordHasher<Person> hasher, PersonSessions sessions, AccessAudit audit, AccessOptions options, AccessBookCopy book,
    [FromKeyedServices(AccessClock.Key)] TimeProvider clock)
{
    // Where nobody has set a password, no password can be right: a newcomer is told where the way in is.
    private const string NoPasswordYet = "; nobody has set a password yet: open the one-time sign-in link a host prints on its console as it starts (start it again for a new one)";

    // Verified when nobody has the name given, so a wrong name takes as long to refuse as a wrong password.
    private static readonly Person Nobody = new("", [], null, 0, DateTimeOffset.UnixEpoch, "");
    private readonly byte[] nameKey = RandomNumberGenerator.GetBytes(32);
    private readonly Lazy<string> nobodyHash = new(() => hasher.HashPassword(Nobody, AccessNames.Secret()));

    private ISignInGuardGrain Guard => grains.GetGrain<ISignInGuardGrain>(ISignInGuardGrain.Key);

    public SignInLimits Limits => new(options.SignInMaxFailures, options.SignInWindow, options.SignInLockOut);

    public async Task<IResult> WithPasswordAsync(HttpContext http, string userName, string password)
    {
        var address = Address(http);
        return await AdmittedAsync(address) ?? await SettledAsync(address, () => CheckPasswordAsync(http, address, userName, password));
    }

    private async Task<IResult> CheckPasswordAsync(HttpContext http, string address, string userName, string password)
    {
        var person = await grains.GetGrain<IAccessGrain>(IAccessGrain.Key).FindPerson(userName);
        bool verified;
        if (person?.PasswordHash is { } hash)
        {
            verified = hasher.VerifyHashedPassword(person, hash, password) != PasswordVerificationResult.Failed;
        }
        else
        {
            hasher.VerifyHashedPassword(Nobody, nobodyHash.Value, password);
            verified = false;
        }

        if (!verified)
        {
            return await FailedAsync(address, person?.UserName, person?.UserName ?? UnknownName(userName), person is null ? "unknown-user" : "wrong-password",
                new AccessRefused("sign-in-failed", $"the user name or the password is wrong{NobodyCanSignIn()}"));
        }

        await Guard.Succeeded(address, person!.UserName);
        audit.SignedIn(person.UserName, address, "password");
        return Results.Ok(await sessions.StartAsync(http, person.Entry));
    }

    private string NobodyCanSignIn() => book.Book.People.Length > 0 && !book.Book.People.Any(p => p.HasPassword) ? NoPasswordYet : "";

    public async Task<IResult> WithLinkAsync(HttpContext http, string code)
    {
        var address = Address(http);
        return await AdmittedAsync(address) ?? await SettledAsync(address, () => RedeemLinkAsync(http, address, code));
    }

    private async Task<IResult> RedeemLinkAsync(HttpContext http, string address, string code)
    {
        var person = await grains.GetGrain<IAccessGrain>(IAccessGrain.Key).RedeemLink(TokenFormat.Hash(code), clock.GetUtcNow());
        if (person is null)
        {
            return await FailedAsync(address, null, "(one-time link)", "link-refused",
                new AccessRefused("link-refused", NobodyCanSignIn() is { Length: > 0 } none
                    ? $"this sign-in link is unknown, already used or expired{none}"
                    : "this sign-in link is unknown, already used, expired, or void now that someone can sign in with a password; ask an admin for an account"));
        }

        await Guard.Succeeded(address, person.UserName);
        audit.SignedIn(person.UserName, address, "one-time link");
        return Results.Ok(await sessions.StartAsync(http, person));
    }

    /// <summary>
    /// Checks the current password a signed-in person gives to change it, throttled as signing in is: someone holding a
    /// stolen session cannot guess it at the rate requests go. Null when it is right (or the person has none yet).
    /// </summary>
    public async Task<IResult?> CurrentPasswordAsync(HttpContext http, Person person, string? current)
    {
        if (person.PasswordHash is not { } hash)
        {
            return null;
        }

        var address = Address(http);
        return await AdmittedAsync(address) ?? await SettledAsync(address, () => CheckCurrentPasswordAsync(address, person, hash, current));
    }

    private async Task<IResult?> CheckCurrentPasswordAsync(string address, Person person, string hash, string? current)
    {
        if (current is not null && hasher.VerifyHashedPassword(person, hash, current) != PasswordVerificationResult.Failed)
        {
            return null;
        }

        audit.SignInFailed(person.UserName, address, "wrong-current-password");
        if (await Guard.Failed(address, person.UserName, clock.GetUtcNow(), Limits) is { } until)
        {
            audit.LockedOut(address, until);
            return LockedOut(address, until);
        }

        return ApiError.Invalid([new FieldError("currentPassword", "invalid-value", "the current password is not right")]);
    }

    // Null once the attempt may be checked; it then holds a place until settled (see SettledAsync).
    private async Task<IResult?> AdmittedAsync(string address)
    {
        var until = await Guard.Admit(address, clock.GetUtcNow(), Limits);
        return until is { } at ? LockedOut(address, at) : null;
    }

    // A check that ends without failing or signing anyone in (the current password was right, or the check threw) gives
    // its place back, so that the address is not left one attempt short.
    private async Task<TResult> SettledAsync<TResult>(string address, Func<Task<TResult>> check)
    {
        var settled = false;
        try
        {
            var result = await check();
            settled = result is not null;
            return result;
        }
        finally
        {
            if (!settled)
            {
                await Guard.Released(address);
            }
        }
    }

    // The failure counts against the person as the book holds them (null when nobody has the name) and is logged
    // under what may be said of the name typed.
    private async Task<IResult> FailedAsync(string address, string? person, string logged, string reason, AccessRefused refused)
    {
        audit.SignInFailed(logged, address, reason);
        if (await Guard.Failed(address, person, clock.GetUtcNow(), Limits) is { } until)
        {
            audit.LockedOut(address, until);
            return LockedOut(address, until);
        }

        return Results.Json(refused, statusCode: StatusCodes.Status401Unauthorized);
    }

    private IResult LockedOut(string address, DateTimeOffset until)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));
        return new LockedOutResult(seconds, new AccessRefused(
            "locked-out",
            $"too many failed sign-ins from {address}; try again after {until.UtcDateTime:HH:mm:ss} UTC, or ask an admin to lift the lock-out"));
    }

    /// <summary>
    /// The name a failed sign-in is logged under. Anyone may type anything there, so what no user name could be (a line
    /// break that forges a log line, megabytes of text) is logged by its length alone.
    /// </summary>
    // What was typed as a name nobody has is not logged: it is as often a password typed into the name box. A name of
    // the right shape is logged by a fingerprint under a key this host keeps only while it runs, so repeated tries of
    // one name read as such in the log, and neither the log nor anyone with it can say what was typed.
    private string UnknownName(string userName) =>
        AccessNames.UserNameProblem(userName) is null
            ? $"(unknown name {Convert.ToHexStringLower(HMACSHA256.HashData(nameKey, Encoding.UTF8.GetBytes(userName)))[..8]}, {userName.Length} characters)"
            : $"(not a user name: {userName.Length} characters)";

    private static string Address(HttpContext http) => SignInSource.Of(http.Connection.RemoteIpAddress);

    private sealed class LockedOutResult(int retryAfterSeconds, AccessRefused body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Json(body, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(httpContext);
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Command.Host.Access;

/// <summary>
/// Bearer tokens: <c>Authorization: Bearer …</c>, or on the hub's path the <c>access_token</c> query parameter that
/// non-browser SignalR clients send. The bootstrap token (configuration) is an admin; any other token must be one this
/// cluster issued, not revoked, not expired. No grain is asked: the token carries its claims.
/// </summary>
public sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes, ILoggerFactory loggers, UrlEncoder encoder,
    TokenFormat tokens, CredentialCheck check, AccessAudit audit, BootstrapToken bootstrap)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, loggers, encoder)
{
    public const string SchemeName = "Token";

    /// <summary>The request item holding the <see cref="TokenPayload"/> of a token refused as expired.</summary>
    public const string ExpiredToken = "command.expired-token";

    /// <summary>Whether the request carries a token, so the default scheme sends it here rather than to the cookie.</summary>
    public static bool Carries(HttpRequest request) => Presented(request) is not null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is not { } token)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "?";
        if (bootstrap.Matches(token))
        {
            audit.TokenUsed(AccessClaims.BootstrapActor, address);
            return Task.FromResult(Success(AccessClaims.Bootstrap(SchemeName)));
        }

        if (tokens.Read(token) is not { } payload)
        {
            return Task.FromResult(AuthenticateResult.Fail("the token is not one this cluster issued"));
        }

        var principal = AccessClaims.Token(payload, SchemeName);
        if (check.Problem(principal) is { } problem)
        {
            if (problem == CredentialCheck.TokenExpired)
            {
                // Its seal is good: what it says of itself (its units, when it expired) is the cluster's word.
                Context.Items[ExpiredToken] = payload;
            }

            return Task.FromResult(AuthenticateResult.Fail(problem));
        }

        audit.TokenUsed(principal.Identity!.Name!, address);
        return Task.FromResult(Success(principal));
    }

    private static AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Path.StartsWithSegments(Live.IncidentHub.Path) && request.Query["access_token"].ToString() is { Length: > 0 } query ? query : null;
    }
}

/// <summary>The bootstrap token, kept only as its SHA-256 and compared in fixed time; absent unless configured.</summary>
public sealed class BootstrapToken(AccessOptions options)
{
    private readonly byte[]? hash = options.BootstrapToken is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())) : null;

    public bool Matches(string presented) =>
        hash is not null && CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}

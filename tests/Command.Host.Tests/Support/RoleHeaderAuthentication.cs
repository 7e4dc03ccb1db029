using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Command.Host.Tests.Support;

/// <summary>
/// Signs a test's request in with the roles its <see cref="Header"/> names ("evaluator,controller"), as role claims of
/// an authenticated identity, so the role checks of the host are driven by real claims; a request without the header
/// is anonymous.
/// </summary>
internal sealed class RoleHeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "test-roles";
    public const string Header = "X-Test-Roles";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var roles = Request.Headers[Header].ToString();
        if (roles.Length == 0 && Request.Query.TryGetValue("roles", out var query))
        {
            roles = query.ToString();
        }

        if (roles.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.Name, $"test-{roles}"));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Name)));
    }
}

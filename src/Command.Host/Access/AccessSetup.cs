using Command.Grains.Access;
using Command.Host.Hosting;
using Command.Ingest.Http;
using Command.Ingest.Intake;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Command.Host.Access;

/// <summary>
/// Who may do what: people sign in (cookie), machines present tokens (bearer), every endpoint and hub method names
/// the right it needs, and nothing answers an anonymous caller but what allows it by name.
/// </summary>
public static class AccessSetup
{
    /// <summary>The default scheme: a bearer token when the request carries one, else the session cookie.</summary>
    public const string Scheme = "Command";

    public static WebApplicationBuilder AddCommandAccess(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var services = builder.Services;
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AccessOptions>>().Value);
        services.TryAddKeyedSingleton(AccessClock.Key, TimeProvider.System);
        services.AddCommandKeyRing(DataFolder.Resolve(builder), silo);
        services.AddSingleton<TokenFormat>();
        services.AddSingleton<BootstrapToken>();
        services.AddSingleton<AccessBookCopy>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessBookCopy>());
        services.AddSingleton<IUnitBindings>(sp => sp.GetRequiredService<AccessBookCopy>());
        services.AddSingleton<IDeviceDirectory>(sp => sp.GetRequiredService<AccessBookCopy>());
        services.AddSingleton<IReportSenders, ReportSenders>();
        services.AddSingleton<CredentialCheck>();
        services.AddSingleton<AccessAudit>();
        services.AddSingleton<PersonSessions>();
        services.AddSingleton<SignInGate>();
        services.AddSingleton<IPasswordHasher<Person>, PasswordHasher<Person>>();
        services.TryAddSingleton<FirstRunConsole>();
        services.AddHostedService<FirstRun>();
        services.AddSingleton(sp => new CallerRateLimits(RateLimiter(sp, "Reports", CallerRateOptions.Reports), RateLimiter(sp, "Commands", CallerRateOptions.Commands)));
        services.AddSingleton<LiveCredentials>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveCredentials>());

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Token or session cookie", o => o.ForwardDefaultSelector = http =>
                TokenAuthentication.Carries(http.Request) ? TokenAuthentication.SchemeName : PersonSessions.Scheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null)
            .AddCookie(PersonSessions.Scheme, o =>
            {
                o.Cookie.Name = PersonSessions.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
                // Refusals are answered by RefusalAnswers; the cookie handler's own redirects would hide their reasons.
                o.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            });
        services.AddOptions<CookieAuthenticationOptions>(PersonSessions.Scheme).Configure<IServiceProvider>((o, sp) =>
        {
            o.TimeProvider = sp.GetRequiredKeyedService<TimeProvider>(AccessClock.Key);
            o.ExpireTimeSpan = sp.GetRequiredService<AccessOptions>().SessionLifetime;
        });
        services.AddAuthorization(o =>
        {
            foreach (var right in Rights.All)
            {
                o.AddPolicy(right, p => p.RequireAuthenticatedUser().AddRequirements(new RightRequirement(right)));
            }

            // Everything that names no right still needs a caller: only what allows anonymous callers by name is open.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddSingleton<IAuthorizationHandler, RightHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RefusalAnswers>();
        return builder;
    }

    /// <summary>Authentication, the cross-site guard, authorization, then per-caller rate limits, in that order.</summary>
    public static WebApplication UseCommandAccess(this WebApplication app)
    {
        // Resolved now, so limits that cannot work stop the host at start rather than at the first request.
        app.Services.GetRequiredService<CallerRateLimits>();
        app.UseAuthentication();
        app.UseCrossSiteGuard();
        app.UseAuthorization();
        app.UseCallerRateLimits();
        return app;
    }

    /// <summary>A caller rate limit from <c>Http:RateLimits:{name}</c>, on the access clock; refused at start-up when unusable.</summary>
    private static CallerRateLimiter RateLimiter(IServiceProvider services, string name, CallerRateOptions defaults)
    {
        var section = $"Http:RateLimits:{name}";
        var options = services.GetRequiredService<IConfiguration>().GetSection(section).Get<CallerRateOptions>() ?? defaults;
        options = options with { PerSecond = options.PerSecond == 0 ? defaults.PerSecond : options.PerSecond, Burst = options.Burst == 0 ? defaults.Burst : options.Burst };
        return options.Problem(section) is { } problem
            ? throw new InvalidOperationException(problem)
            : new CallerRateLimiter(options, services.GetRequiredKeyedService<TimeProvider>(AccessClock.Key));
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var check = context.HttpContext.RequestServices.GetRequiredService<CredentialCheck>();
        var problem = context.Principal is null ? "the session holds no one" : await check.ProblemAsync(context.Principal);
        if (problem is not null)
        {
            // Said in the refusal: the cookie handler alone says only "No principal.", which no one can act on.
            context.HttpContext.Items[RefusalAnswers.SessionEnded] = problem;
            context.RejectPrincipal();
            // The hub's client cannot read why its connection was refused: the cookie is kept for the page's next call
            // over HTTP, refused the same way, to be told, and cleared then.
            if (!context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
            {
                await context.HttpContext.SignOutAsync(PersonSessions.Scheme);
            }
        }
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}

using Command.Grains;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Support;

/// <summary>The real host on a fake incident clock, whose callers sign in with the roles a test header names.</summary>
public sealed class PaperworkHost : CommandHost
{
    public PaperworkHost() : this(new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero)))
    {
    }

    private PaperworkHost(FakeTimeProvider clock)
        : base(new Dictionary<string, string?> { ["Incidents:TickInterval"] = "01:00:00" }, s =>
        {
            s.AddKeyedSingleton<TimeProvider>(IncidentClock.Key, clock);
            s.AddAuthentication(RoleHeaderAuthentication.Name).AddScheme<AuthenticationSchemeOptions, RoleHeaderAuthentication>(RoleHeaderAuthentication.Name, null);
        }) =>
        Clock = clock;

    public FakeTimeProvider Clock { get; }

    /// <summary>A client signed in with the roles given.</summary>
    public HttpClient As(string roles)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(RoleHeaderAuthentication.Header, roles);
        client.DefaultRequestHeaders.Add("X-Actor", roles);
        return client;
    }
}

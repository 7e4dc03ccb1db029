using Command.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Support;

/// <summary>The real host on a fake incident clock, with a token for each role a test signs in as.</summary>
public sealed class PaperworkHost : CommandHost
{
    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim issuing = new(1, 1);

    public PaperworkHost() : this(new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero)))
    {
    }

    private PaperworkHost(FakeTimeProvider clock)
        : base(new Dictionary<string, string?> { ["Incidents:TickInterval"] = "01:00:00" }, s => s.AddKeyedSingleton<TimeProvider>(IncidentClock.Key, clock)) =>
        Clock = clock;

    public FakeTimeProvider Clock { get; }

    /// <summary>The token of a caller holding exactly <paramref name="role"/> (named "{role}-…", so its actor is "token:{role}-…").</summary>
    public async Task<string> TokenAsync(string role)
    {
        await issuing.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!tokens.TryGetValue(role, out var token))
            {
                tokens[role] = token = await Access.TokenForAsync(role);
            }

            return token;
        }
        finally
        {
            issuing.Release();
        }
    }

    /// <summary>A client signed in with <paramref name="role"/>.</summary>
    public async Task<HttpClient> AsAsync(string role) => ClientWith(await TokenAsync(role));
}

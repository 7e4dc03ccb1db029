using Command.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Support;

/// <summary>
/// The real host with the incidents' clock under the test's control, so holds of minutes take no time and flags
/// come out the same on every run. Orleans keeps its own real clock.
/// </summary>
public class FakeClockHost : CommandHost
{
    public FakeClockHost() : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Settings over the defaults; incidents tick once an hour unless these say otherwise.</param>
    protected internal FakeClockHost(IDictionary<string, string?> settings)
        : this(new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero)), settings)
    {
    }

    /// <param name="settings">Settings over the defaults.</param>
    /// <param name="services">Services over the host's own (a filter that fails chosen grain calls, say).</param>
    protected internal FakeClockHost(IDictionary<string, string?> settings, Action<IServiceCollection> services)
        : this(new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero)), settings, services)
    {
    }

    /// <param name="clock">The incidents' clock, which a host started again on the same data folder carries on.</param>
    /// <param name="settings">Settings over the defaults.</param>
    /// <param name="services">Services over the host's own.</param>
    protected internal FakeClockHost(FakeTimeProvider clock, IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
        : base(WithDefaults(settings), s =>
        {
            s.AddKeyedSingleton<TimeProvider>(IncidentClock.Key, clock);
            services?.Invoke(s);
        }) =>
        Clock = clock;

    public FakeTimeProvider Clock { get; }

    private static Dictionary<string, string?> WithDefaults(IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?> { ["Incidents:TickInterval"] = "01:00:00" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }
}

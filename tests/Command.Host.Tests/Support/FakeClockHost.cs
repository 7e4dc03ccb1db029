using Command.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Support;

/// <summary>
/// The real host with the incidents' clock under the test's control, so holds of minutes take no time and flags
/// come out the same on every run. Orleans keeps its own real clock.
/// </summary>
public sealed class FakeClockHost : CommandHost
{
    public FakeClockHost() : this(new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero)))
    {
    }

    private FakeClockHost(FakeTimeProvider clock)
        : base(new Dictionary<string, string?> { ["Incidents:TickInterval"] = "01:00:00" }, s => s.AddKeyedSingleton<TimeProvider>(IncidentClock.Key, clock)) =>
        Clock = clock;

    public FakeTimeProvider Clock { get; }
}

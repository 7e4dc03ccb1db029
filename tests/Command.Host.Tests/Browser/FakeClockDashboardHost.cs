using Command.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Browser;

/// <summary>The dashboard's host with the incidents' clock under the test's control, for rules that take minutes.</summary>
public sealed class FakeClockDashboardHost : DashboardHost
{
    public FakeClockDashboardHost() : this(new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero)))
    {
    }

    private FakeClockDashboardHost(FakeTimeProvider clock)
        : base(new Dictionary<string, string?> { ["Incidents:TickInterval"] = "01:00:00" }, s => s.AddKeyedSingleton<TimeProvider>(IncidentClock.Key, clock)) =>
        Clock = clock;

    public FakeTimeProvider Clock { get; }
}

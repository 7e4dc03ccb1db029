using Command.Grains;
using Command.Host.Replays;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Support;

/// <summary>
/// The real host with the incidents' clock and the replays' clock under the test's control: a session is recorded
/// without waiting, and a replay plays, or stays down, exactly as long as the test says. Orleans keeps its own real clock.
/// </summary>
public sealed class ReplayClockHost : CommandHost
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    public ReplayClockHost() : this(new FakeTimeProvider(Start), new FakeTimeProvider(Start))
    {
    }

    private ReplayClockHost(FakeTimeProvider incidents, FakeTimeProvider replays)
        : base(
            new Dictionary<string, string?> { ["Incidents:TickInterval"] = "01:00:00" },
            s => s.AddKeyedSingleton<TimeProvider>(IncidentClock.Key, incidents).AddKeyedSingleton<TimeProvider>(ReplayClock.Key, replays)) =>
        (Clock, Replays) = (incidents, replays);

    /// <summary>The incidents' clock.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The clock replays play on and are saved by.</summary>
    public FakeTimeProvider Replays { get; }
}

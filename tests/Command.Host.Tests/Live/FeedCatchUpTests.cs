using System.Net.Http.Json;
using System.Text.Json;
using Command.Grains.Incidents;
using Command.Host.Live;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Core.Internal;

namespace Command.Host.Tests.Live;

/// <summary>
/// A host whose subscription reached an incident activated anew without it (the incident's host died, it moved) gives
/// its browsers the whole picture, as joining does: what the incident recorded while no host heard it is shown.
/// </summary>
public sealed class FeedCatchUpTests(FeedCatchUpTests.QuickHeartbeatHost host) : IClassFixture<FeedCatchUpTests.QuickHeartbeatHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Browsers_of_an_incident_activated_again_get_its_whole_picture_with_what_it_recorded_unheard()
    {
        var id = $"moved-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "P1", callsign = "Patrol 1", role = "contact" })).EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host, id);
        var incident = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(id);

        // The incident leaves its silo; a drill played from outside says it paused, which activates the incident again
        // before this host has subscribed to it anew.
        await incident.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "clock", scenario = "outside", speed = 0 })).EnsureSuccessStatusCode();
        var timeline = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);
        var paused = Assert.Single(timeline!, e => e.GetProperty("type").GetString() == "drill-controlled").GetProperty("sequence").GetInt64();

        var whole = await watcher.WaitForAsync(f => f.Full);

        // The page reads the pause back from the recording up to the whole picture's sequence, and takes its clock from it.
        Assert.True(whole.Sequence >= paused, $"the whole picture at {whole.Sequence} is older than the pause at {paused}");
        Assert.Equal((0d, "outside"), (whole.DrillClock?.Rate, whole.DrillClock?.Scenario));
        Assert.Equal("P1", Assert.Single(whole.Units).UnitId);
    }

    [Fact]
    public async Task A_feed_whose_whole_picture_cannot_be_had_is_logged_once_a_minute_while_it_fails_and_once_when_it_is_had()
    {
        // A replay whose recording cannot be read: each second the host tries again to give its browsers the picture.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero));
        var log = new ListLogger();
        var source = new UnreadableSource(failures: 90);
        var feed = new IncidentFeed("replay:unreadable", source, host.Services.GetRequiredService<IGrainFactory>(), host.Services.GetRequiredService<FrameFanout>(), clock, log);
        await feed.RenewAsync();

        for (var s = 1; s <= 95; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await feed.RenewAsync(silent: true);
        }

        await feed.CloseAsync();
        // Asked every second, the last five times answered with no picture yet.
        Assert.Equal(95, source.Asked);
        Assert.Equal(
            [
                "Warning: Could not renew the subscription to feed replay:unreadable; will retry (IOException)",
                "Warning: Still cannot renew the subscription to feed replay:unreadable, for 60 s and 61 tries; will retry (IOException)",
                "Information: Renewed the subscription to feed replay:unreadable after 90 s and 90 failed tries",
            ],
            log.Lines);
    }

    private sealed class UnreadableSource(int failures) : IFrameSource
    {
        public int Asked { get; private set; }

        public Task<bool> Subscribe(IIncidentObserver observer) => Task.FromResult(true);

        public Task Unsubscribe(IIncidentObserver observer) => Task.CompletedTask;

        public Task<Command.Domain.Views.IncidentFrame?> GetFullFrame() =>
            ++Asked <= failures ? Task.FromException<Command.Domain.Views.IncidentFrame?>(new IOException("the recording cannot be read")) : Task.FromResult<Command.Domain.Views.IncidentFrame?>(null);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name})")}");
    }

    /// <summary>A host whose incidents send a heartbeat every second, so a feed gone silent is noticed in a few.</summary>
    public sealed class QuickHeartbeatHost() : CommandHost(new Dictionary<string, string?> { ["Frames:Heartbeat"] = "00:00:01" });
}

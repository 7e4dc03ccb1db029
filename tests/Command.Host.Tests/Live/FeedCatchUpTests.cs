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

    [Fact]
    public async Task Two_renewals_at_once_subscribe_once_and_give_browsers_no_whole_picture_they_did_not_miss()
    {
        // A browser's join and the timer's renewal of every feed, at once: answered out of order, the second took the
        // first's "added" for a subscription the incident had lost, and every browser's picture (trails and all) was
        // started over from a whole one.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero));
        var source = new SlowSource();
        var feed = new IncidentFeed("slow", source, host.Services.GetRequiredService<IGrainFactory>(), host.Services.GetRequiredService<FrameFanout>(), clock, new ListLogger());

        var joined = feed.RenewAsync();
        var renewed = feed.RenewAsync();
        Assert.Equal(1, source.Subscribed);
        source.Answer();
        await Task.WhenAll(joined, renewed).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal((2, 0), (source.Subscribed, source.Pictures));
        Assert.False(feed.Behind);

        // The incident activated anew, without this host: that is missed, and brings the whole picture.
        source.Forget();
        var again = feed.RenewAsync();
        source.Answer();
        await again.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal((3, 1), (source.Subscribed, source.Pictures));
        await feed.CloseAsync();
    }

    // An incident that answers a subscription when told to; true where it did not hold the observer.
    private sealed class SlowSource : IFrameSource
    {
        private TaskCompletionSource answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool holds;

        public int Subscribed { get; private set; }

        public int Pictures { get; private set; }

        public async Task<bool> Subscribe(IIncidentObserver observer)
        {
            Subscribed++;
            var added = !holds;
            holds = true;
            await answered.Task;
            return added;
        }

        public void Answer() => answered.TrySetResult();

        public void Forget() => (holds, answered) = (false, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public Task Unsubscribe(IIncidentObserver observer) => Task.CompletedTask;

        public Task<Command.Domain.Views.IncidentFrame?> GetFullFrame()
        {
            Pictures++;
            return Task.FromResult<Command.Domain.Views.IncidentFrame?>(null);
        }
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

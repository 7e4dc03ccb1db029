using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests;

/// <summary>
/// A lone host stopped and started again says, in each incident it runs again, that the incident was not running
/// meanwhile: every unit went unheard at that second, and the paperwork read it as radios failing together.
/// </summary>
public sealed class HostRestartTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_incident_run_again_after_its_host_stopped_for_two_minutes_says_it_was_not_running_and_its_units_silence_says_why()
    {
        var (data, id) = (DataFolder.New(), $"stop-{Guid.NewGuid():N}"[..20]);
        var clock = new FakeTimeProvider(Start);
        try
        {
            await RunAsync(clock, data, id, reports: 6, every: TimeSpan.FromSeconds(5));

            // Stopped at 15:00:30, 5 s after its last report, and down for two minutes, then started again on the same folder.
            clock.Advance(TimeSpan.FromMinutes(2));
            await using var second = new RestartedHost(clock, data);
            await second.InitializeAsync();
            await ReportAsync(second, clock, id);
            var timeline = await second.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);
            var report = await second.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/report?format=json", Ct);

            var resumed = Assert.Single(timeline!, e => e.GetProperty("type").GetString() == "incident-resumed");
            // Stamped where it stopped, so no clock is moved on over the time it was not running.
            Assert.Equal((Start.AddSeconds(30), $"{Start.AddSeconds(30):O}/{Start.AddSeconds(150):O}"), (resumed.GetProperty("time").GetDateTimeOffset(), resumed.GetProperty("about").GetString()));
            var activity = report.GetProperty("activity").EnumerateArray().ToList();
            var host = resumed.GetProperty("subject").GetString();
            Assert.Contains(activity, a => a.GetProperty("kind").GetString() == "incident-resumed"
                && a.GetProperty("text").GetString() == $"The incident was not running 15:00:30–15:02:30 UTC (2:00): its host {host} stopped or restarted: what was sent to it meanwhile was not heard, unless its device sent it again");
            Assert.Contains(activity, a => a.GetProperty("kind").GetString() == "silent"
                && a.GetProperty("text").GetString()!.EndsWith($"; the incident was not running 15:00:30–15:02:30 UTC (2:00): its host {host} stopped or restarted", StringComparison.Ordinal));
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task An_incident_run_again_after_its_host_stopped_for_twelve_seconds_says_so_and_its_units_gap_says_why()
    {
        // Killed and started again in 12 s: its unit, reporting every 2 s, went unheard 0:14 across it, and the record
        // said nothing of the stop, so its row read "unheard 0:14" as if its radio had failed.
        var (data, id) = (DataFolder.New(), $"brief-{Guid.NewGuid():N}"[..20]);
        var clock = new FakeTimeProvider(Start);
        try
        {
            await RunAsync(clock, data, id, reports: 10, every: TimeSpan.FromSeconds(2));

            // Its last report at 15:00:18, its host stopped at 15:00:20 and down until 15:00:32, when it reports again.
            clock.Advance(TimeSpan.FromSeconds(12));
            await using var second = new RestartedHost(clock, data);
            await second.InitializeAsync();
            await ReportAsync(second, clock, id);
            var timeline = await second.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);
            var report = await second.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/report?format=json", Ct);

            var resumed = Assert.Single(timeline!, e => e.GetProperty("type").GetString() == "incident-resumed");
            Assert.Equal($"{Start.AddSeconds(20):O}/{Start.AddSeconds(32):O}", resumed.GetProperty("about").GetString());
            var host = resumed.GetProperty("subject").GetString();
            var activity = report.GetProperty("activity").EnumerateArray().ToList();
            Assert.Contains(activity, a => a.GetProperty("kind").GetString() == "incident-resumed"
                && a.GetProperty("text").GetString() == $"The incident was not running 15:00:20–15:00:32 UTC (0:12): its host {host} stopped or restarted: what was sent to it meanwhile was not heard, unless its device sent it again");
            var unit = Assert.Single(report.GetProperty("units").EnumerateArray(), u => u.GetProperty("unitId").GetString() == "P1");
            Assert.Equal(
                $"the incident was not running 15:00:20–15:00:32 UTC (0:12): its host {host} stopped or restarted",
                unit.GetProperty("longestGap").GetProperty("cause").GetString());
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task An_incident_quiet_for_five_minutes_before_its_host_stopped_says_it_was_not_running_only_from_the_stop()
    {
        // Nothing is recorded while an incident is quiet: the stop was dated from its last report, and the five minutes
        // its host ran on, hearing whatever was sent, were recorded as the incident not running.
        var (data, id) = (DataFolder.New(), $"quiet-{Guid.NewGuid():N}"[..20]);
        var clock = new FakeTimeProvider(Start);
        try
        {
            await RunAsync(clock, data, id, reports: 1, every: TimeSpan.FromMinutes(5));

            // Stopped at 15:05:00, started again at 15:07:00.
            clock.Advance(TimeSpan.FromMinutes(2));
            await using var second = new RestartedHost(clock, data);
            await second.InitializeAsync();
            await ReportAsync(second, clock, id);
            var timeline = await second.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);
            var report = await second.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/report?format=json", Ct);

            var resumed = Assert.Single(timeline!, e => e.GetProperty("type").GetString() == "incident-resumed");
            Assert.Equal((Start.AddMinutes(5), $"{Start.AddMinutes(5):O}/{Start.AddMinutes(7):O}"), (resumed.GetProperty("time").GetDateTimeOffset(), resumed.GetProperty("about").GetString()));
            var host = resumed.GetProperty("subject").GetString();
            Assert.Contains(report.GetProperty("activity").EnumerateArray(), a => a.GetProperty("kind").GetString() == "incident-resumed"
                && a.GetProperty("text").GetString() == $"The incident was not running 15:05:00–15:07:00 UTC (2:00): its host {host} stopped or restarted: what was sent to it meanwhile was not heard, unless its device sent it again");
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task An_incident_run_again_with_no_time_gone_by_says_nothing()
    {
        var (data, id) = (DataFolder.New(), $"quick-{Guid.NewGuid():N}"[..20]);
        var clock = new FakeTimeProvider(Start);
        try
        {
            await RunAsync(clock, data, id, reports: 1, every: TimeSpan.Zero);

            await using var second = new RestartedHost(clock, data);
            await second.InitializeAsync();
            (await second.Client.GetAsync($"/api/incidents/{id}/units", Ct)).EnsureSuccessStatusCode();
            var timeline = await second.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);

            Assert.DoesNotContain(timeline!, e => e.GetProperty("type").GetString() == "incident-resumed");
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    // A host on the folder until it stops: it opens the incident, and P1 reports to it as many times as told, each
    // followed by the time given.
    private static async Task RunAsync(FakeTimeProvider clock, string data, string id, int reports, TimeSpan every)
    {
        await using var first = new RestartedHost(clock, data);
        await first.InitializeAsync();
        (await first.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        for (var i = 0; i < reports; i++)
        {
            await ReportAsync(first, clock, id);
            clock.Advance(every);
        }
    }

    private static async Task ReportAsync(RestartedHost host, FakeTimeProvider clock, string id) =>
        (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", clock.GetUtcNow(), 0, -60) } })).EnsureSuccessStatusCode();

    private sealed class RestartedHost(FakeTimeProvider clock, string data) : FakeClockHost(clock, new Dictionary<string, string?> { ["DataPath"] = data });
}

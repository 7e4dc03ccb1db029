using Command.Grains;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>The page of an incident run again after its lone host stopped says, in the feed, that it was not running.</summary>
public sealed class RestartDashboardTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_feed_says_the_incident_was_not_running_while_its_host_was_stopped()
    {
        var (data, id) = (DataFolder.New(), $"page-{Guid.NewGuid():N}"[..20]);
        var clock = new FakeTimeProvider(Start);
        try
        {
            await using (var first = new Restarted(clock, data))
            {
                await first.InitializeAsync();
                (await first.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
                (await first.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", clock.GetUtcNow(), 0, -60) } })).EnsureSuccessStatusCode();
            }

            clock.Advance(TimeSpan.FromMinutes(3));
            await using var second = new Restarted(clock, data);
            await second.InitializeAsync();
            await using var dashboard = await Dashboard.OpenAsync(second, id);

            var line = dashboard.Feed.Locator("li[data-type='incident-resumed']");
            await Expect(line).ToContainTextAsync("⟳ RESUMED15:00:00–15:03:00the incident was not running: its host ");
            await Expect(line).ToContainTextAsync(" stopped or restarted; what was sent to it meanwhile was not heard, unless its device sent it again");
            Assert.Empty(dashboard.Errors);
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    private sealed class Restarted(FakeTimeProvider clock, string data) : DashboardHost(
        new Dictionary<string, string?> { ["DataPath"] = data, ["Incidents:TickInterval"] = "01:00:00" }, s => s.AddKeyedSingleton<TimeProvider>(IncidentClock.Key, clock));
}

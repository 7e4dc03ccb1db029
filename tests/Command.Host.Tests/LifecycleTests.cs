using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Sessions;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>Incidents are closed by a commander, their number is bounded, and closed ones' recordings may expire.</summary>
public sealed class LifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opening_past_the_limit_is_refused_until_an_incident_is_closed()
    {
        await using var host = new LimitedHost();
        await host.InitializeAsync();
        var ids = Enumerable.Range(0, 3).Select(i => $"lim-{i}-{Guid.NewGuid():N}"[..20]).ToArray();

        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(ids[0]))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(ids[1]))).EnsureSuccessStatusCode();
        var third = await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(ids[2]));
        var closed = await host.PostJsonAsync($"/api/incidents/{ids[0]}/close", new { reason = "drill over" });
        var again = await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(ids[2]));
        var reopened = await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(ids[0]));
        var report = await host.PostJsonAsync($"/api/incidents/{ids[0]}/reports", new { reports = new[] { TestSite.Report("P1", DateTimeOffset.UtcNow, 0, -50) } });

        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal("limit-reached", (await third.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reopened.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, report.StatusCode);
        Assert.Equal("closed", (await report.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_closed_incidents_recording_is_kept_for_the_retention_then_deleted()
    {
        await using var host = new FakeClockHost();
        await host.InitializeAsync();
        var closed = $"ret-{Guid.NewGuid():N}"[..20];
        var open = $"ret-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(closed))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(open))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{closed}/close", new { reason = "exercise wrapped up" })).EnsureSuccessStatusCode();
        var retention = host.Services.GetRequiredService<SessionRetention>();
        var folder = Path.Combine(host.DataPath, "sessions", closed);

        host.Clock.Advance(TimeSpan.FromHours(23));
        var early = await retention.SweepAsync(TimeSpan.FromDays(1), Ct);
        var keptEarly = Directory.Exists(folder);
        host.Clock.Advance(TimeSpan.FromHours(2));
        var due = await retention.SweepAsync(TimeSpan.FromDays(1), Ct);

        Assert.Empty(early);
        Assert.True(keptEarly);
        Assert.Equal([closed], due);
        Assert.False(Directory.Exists(folder));
        Assert.True(Directory.Exists(Path.Combine(host.DataPath, "sessions", open)));
        var listed = await host.Client.GetFromJsonAsync<JsonElement>("/api/incidents", Ct);
        Assert.DoesNotContain(listed.EnumerateArray(), i => i.GetProperty("incidentId").GetString() == closed);
    }

    private sealed class LimitedHost() : CommandHost(new Dictionary<string, string?> { ["Incidents:MaxOpen"] = "2" });
}

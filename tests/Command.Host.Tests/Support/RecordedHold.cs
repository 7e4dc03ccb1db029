using System.Net.Http.Json;
using Command.Domain.Geometry;
using Microsoft.Extensions.Time.Testing;

namespace Command.Host.Tests.Support;

/// <summary>
/// A session recorded through a host's API: a contact unit holds 40 m from an active threat for five minutes of
/// incident time, reporting every 5 s on the incidents' clock the test moves.
/// </summary>
public static class RecordedHold
{
    /// <summary>Records the hold as the host's next incident; returns its id and each fix's time and place, in order.</summary>
    public static async Task<(string Id, List<(DateTimeOffset Time, GeoPoint Position)> Fixes)> RecordAsync(CommandHost host, FakeTimeProvider clock)
    {
        var id = await host.NextIncidentAsync($"hold-{Guid.NewGuid():N}"[..20]);
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "P1", callsign = "Patrol 1", role = "contact" })).EnsureSuccessStatusCode();
        var threat = TestSite.Frame.ToGeo(new(0, 100));
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = threat.Latitude, lon = threat.Longitude, uncertaintyM = 5, phase = "active" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var fixes = new List<(DateTimeOffset, GeoPoint)>();
        for (var i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            var now = clock.GetUtcNow();
            var east = (i % 3) - 1.0;
            var posted = await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", now, east, 60) } });
            posted.EnsureSuccessStatusCode();
            fixes.Add((now, TestSite.Frame.ToGeo(new(east, 60))));
        }

        return (id, fixes);
    }
}

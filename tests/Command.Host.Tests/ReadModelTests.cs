using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Domain.Units;
using Command.Grains.Units;
using Command.Grains.Zones;
using Command.Host.Tests.Support;
using Command.Recording.Reading;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>
/// Unit and zone grains are read models of the incident's fold: after a drill they hold what the fold holds, and
/// their endpoints serve it.
/// </summary>
public sealed class ReadModelTests(FakeClockHost host) : IClassFixture<FakeClockHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unit_and_zone_grains_agree_with_the_fold_after_a_drill()
    {
        var id = $"rm-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "P1", callsign = "Adam 1", role = "contact" })).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0009, lon = -100.0, phase = "active" }, Ct)).EnsureSuccessStatusCode();

        // P1 walks into the hot zone and out again; P2 joins on its first report and stays inside; then P1 is reassigned.
        for (var s = 0; s < 40; s++)
        {
            var now = host.Clock.GetUtcNow();
            var p1North = s < 20 ? 40 + (3 * s) : 100 - (3 * (s - 20));
            (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", now, 0, p1North), TestSite.Report("P2", now, 5, 95) } })).EnsureSuccessStatusCode();
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/units/P1/role", new { role = "perimeter" }, Ct)).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        var settle = host.Clock.GetUtcNow();
        (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", settle, 0, 40), TestSite.Report("P2", settle, 5, 95) } })).EnsureSuccessStatusCode();

        // The fold: the incident's own units, and its recording replayed to the end.
        var units = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);
        await using var replay = await host.Services.GetRequiredService<SessionCatalogue>().OpenReplayAsync(id, at: DateTimeOffset.MaxValue, cancellationToken: Ct);
        var occupancy = replay.Projection.Occupancy!;

        foreach (var unit in units.EnumerateArray())
        {
            var unitId = unit.GetProperty("unitId").GetString()!;
            var record = await host.Client.GetFromJsonAsync<UnitRecord>($"/api/units/{unitId}", CommandHost.Json, Ct);
            Assert.Equal(id, record!.IncidentId);
            Assert.Equal(unit.GetProperty("callsign").GetString(), record.Callsign);
            Assert.Equal(unit.GetProperty("role").GetString(), UnitRoles.Name(record.Role));
            Assert.Equal(unit.GetProperty("lastFix").GetProperty("fixTime").GetDateTimeOffset(), record.LatestFix!.FixTime);
        }

        var zone = await host.Client.GetFromJsonAsync<ZoneReading>($"/api/incidents/{id}/zones/hot", CommandHost.Json, Ct);
        Assert.Equal(occupancy.Occupants("hot").OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => (o.Key, o.Value)),
            zone!.Occupants.OrderBy(o => o.UnitId, StringComparer.Ordinal).Select(o => (o.UnitId, o.Since)));
        Assert.Equal(["P2"], zone.Occupants.Select(o => o.UnitId));
        Assert.Equal(replay.Projection.ZoneRuleBrokenSince("hot"), zone.RuleBrokenSince);
        Assert.Equal(replay.Projection.FlagOn("zone:hot")?.Level, zone.Flag?.Level);
        Assert.Equal(UnitRole.Perimeter, (await host.Client.GetFromJsonAsync<UnitRecord>("/api/units/P1", CommandHost.Json, Ct))!.Role);
    }

    [Fact]
    public async Task Unknown_units_and_zones_are_not_found_with_a_reason()
    {
        var id = $"rm-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();

        var unit = await host.Client.GetAsync($"/api/units/never-{Guid.NewGuid():N}", Ct);
        var zone = await host.Client.GetAsync($"/api/incidents/{id}/zones/nowhere", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unit.StatusCode);
        Assert.Contains("unknown-unit", await unit.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, zone.StatusCode);
        Assert.Contains("unknown-zone", await zone.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

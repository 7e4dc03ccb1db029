using System.Net.Http.Json;
using Command.Domain.Assessment;
using Command.Host.Live;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

public sealed class LiveTests(CommandHost host) : IClassFixture<CommandHost>
{
    [Fact]
    public async Task A_subscribed_client_receives_the_position_it_posted()
    {
        var id = $"live-{Guid.NewGuid():N}"[..20];
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = "P1", callsign = "Patrol 1", role = "contact" });
        await using var watcher = await FrameWatcher.JoinAsync(host, id);
        var fixTime = DateTimeOffset.UtcNow.AddSeconds(-1);

        var posted = await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", fixTime, 12, -80) } });
        var frame = await watcher.WaitForAsync(f => f.Units.Any(u => u.LastFix is not null));

        posted.EnsureSuccessStatusCode();
        Assert.True(watcher.Snapshot.Full);
        Assert.Equal("P1", Assert.Single(watcher.Snapshot.Units).UnitId);
        var unit = Assert.Single(frame.Units);
        var expected = TestSite.Frame.ToGeo(new(12, -80));
        Assert.Equal(("P1", "Patrol 1", fixTime), (unit.UnitId, unit.Callsign, unit.LastFix!.FixTime));
        // Frames carry positions to seven decimals, about a centimetre.
        Assert.Equal(Math.Round(expected.Latitude, UnitAssessmentConverter.CoordinateDecimals), unit.LastFix.Position.Latitude);
        Assert.Equal(Math.Round(expected.Longitude, UnitAssessmentConverter.CoordinateDecimals), unit.LastFix.Position.Longitude);
        Assert.True(frame.Sequence > watcher.Snapshot.Sequence);
    }

    [Fact]
    public async Task A_late_joiner_gets_the_whole_picture_in_its_snapshot()
    {
        var id = $"late-{Guid.NewGuid():N}"[..20];
        await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));
        var now = DateTimeOffset.UtcNow.AddSeconds(-1);
        await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("A", now, 0, 0), TestSite.Report("B", now, 5, 5) } });
        await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = 44.0009, lon = -100.0, uncertaintyM = 10, phase = "active" }, TestContext.Current.CancellationToken);

        await using var watcher = await FrameWatcher.JoinAsync(host, id);

        Assert.Equal(["A", "B"], watcher.Snapshot.Units.Select(u => u.UnitId).Order());
        Assert.Equal("T1", Assert.Single(watcher.Snapshot.Threats).ThreatId);
        Assert.All(watcher.Snapshot.Units, u => Assert.NotEqual(MotionState.Stale, u.State));
    }
}

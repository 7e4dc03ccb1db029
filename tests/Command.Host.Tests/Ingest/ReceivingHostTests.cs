using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Command.Domain.Events;
using Command.Host.Tests.Support;
using Command.Recording.Reading;
using Command.Recording.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Command.Host.Tests.Ingest;

/// <summary>
/// Each report is recorded with the host that took it in, whatever door it came through, so the after-action report can
/// tell a unit that went with a host that left the cluster from one that reported through another and went quiet; and
/// with the listener it came through, so that it can say a unit went unheard while that listener was down.
/// </summary>
public sealed class ReceivingHostTests(IngestHost host) : IClassFixture<IngestHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_taken_in_by_the_json_api_the_osmand_port_and_a_radio_listener_are_recorded_as_taken_in_by_this_host_and_through_their_listener()
    {
        var incident = $"recv-{Guid.NewGuid():N}"[..16];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(incident))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{incident}/reports", new { reports = new[] { TestSite.Report("P1", DateTimeOffset.UtcNow.AddSeconds(-1), 0, -50) } })).EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host, IngestHost.Incident);
        using var phone = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.OsmAndPort}") };
        var device = await host.Access.IssueDeviceAsync("PHONE-R");
        (await phone.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/?id={device}&lat=44.0004&lon=-100.0006&timestamp={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}"), Ct)).EnsureSuccessStatusCode();
        using (var udp = new UdpClient())
        {
            var now = DateTime.UtcNow;
            await udp.SendAsync(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><event version=\"2.0\" uid=\"ANDROID-R\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"{now:yyyy-MM-ddTHH:mm:ss.fffZ}\" start=\"{now:yyyy-MM-ddTHH:mm:ss.fffZ}\" stale=\"{now.AddMinutes(5):yyyy-MM-ddTHH:mm:ss.fffZ}\"><point lat=\"44.0002\" lon=\"-100.0003\" hae=\"300\" ce=\"8\" le=\"9999999\"/><detail/></event>")),
                "127.0.0.1", host.CotUdpPort, Ct);
        }

        // The API and the OsmAnd port answer once the report is recorded; the datagram is, once a frame shows it.
        await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ANDROID-R" && u.LastFix is not null));
        var taken = (await RecordedAsync(incident)).Concat(await RecordedAsync(IngestHost.Incident)).OfType<PositionAccepted>()
            .Where(e => e.Report.UnitId is "P1" or "PHONE-R" or "ANDROID-R").Select(e => e.Report).ToList();

        var here = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.ToString();
        // With the listener each came through, as its outages are recorded: the JSON API is none.
        Assert.Equal([("P1", here, null), ("PHONE-R", here, "Ingest:OsmAnd"), ("ANDROID-R", here, "Ingest:Cot:Udp")], taken.Select(r => (r.UnitId, r.ReceivedBy, r.Via)));
        // Read back, the reports share one string for it, as they did when they were taken in.
        Assert.Same(taken[0].ReceivedBy, taken[2].ReceivedBy);
    }

    private async Task<List<IncidentEvent>> RecordedAsync(string incident)
    {
        var reader = await SessionReader.OpenAsync(new DiskSessionStore(Path.Combine(host.DataPath, "sessions")), incident, Ct);
        return await reader.ReadAsync(cancellationToken: Ct).ToListAsync(Ct);
    }
}

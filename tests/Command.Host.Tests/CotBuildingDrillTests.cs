using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Host.Tests.Support;
using Command.Recording.Reading;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>
/// A short building drill played into the host only through Cursor on Target over UDP, as a trainer would try it:
/// units report as ATAK self reports (noise of a few metres, every 5-12 s), the shooter is a hand-placed hostile
/// marker with no <c>ce</c> inside a building, and the roles are enrolled through the API. Ingest and incident share
/// one fake clock, so the drill runs in seconds.
/// </summary>
public sealed class CotBuildingDrillTests(CotRadioHost host) : IClassFixture<CotRadioHost>
{
    private static readonly LocalFrame Frame = TestSite.Frame;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // B12 spans 40 m east-west and 30 m north-south; the shooter is inside it, 60 m north of the origin.
    private static readonly LocalPoint Shooter = new(0, 60);

    [Fact]
    public async Task The_officer_holding_outside_the_building_is_flagged_and_the_entry_team_inside_is_not()
    {
        await OpenAsync();
        await using var watcher = await FrameWatcher.JoinAsync(host, CotRadioHost.Incident);
        using var udp = new UdpClient();
        var start = host.Clock.GetUtcNow();
        var random = new Random(57);
        var units = new (string Uid, Func<double, LocalPoint> Path, int Cadence)[]
        {
            // The school resource officer runs to the corner of the next building, 57 m from the shooter, and holds.
            ("SRO-1", t => Along(new(60, -40), new(35, 15), 2, t), 7),
            // The entry team goes in through the south door and stays at the classroom door, about 5 m from him.
            ("ENTRY-1", t => Along(new(-10, -30), new(2, 55), 1.5, t), 5),
            ("ENTRY-2", t => Along(new(-14, -32), new(-3, 56), 1.5, t), 9),
            ("PERIM-1", _ => new LocalPoint(-70, 10), 12),
        };

        await SendAsync(udp, Marker(start));
        await watcher.WaitForAsync(f => f.Threats.Any(t => t.UncertaintyM is null));
        DateTimeOffset? firstFromHold = null;
        for (var s = 1; s <= 150; s++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            var now = host.Clock.GetUtcNow();
            foreach (var (uid, path, cadence) in units.Where(u => s % u.Cadence == 0))
            {
                // ATAK's own noise: a few metres each way, and a GPS height that wanders by more, its error unknown.
                var at = path(s) + new LocalPoint((random.NextDouble() - 0.5) * 8, (random.NextDouble() - 0.5) * 8);
                await SendAsync(udp, Unit(uid, at, now, haeM: 18 + ((random.NextDouble() - 0.5) * 24)));
                if (uid == "SRO-1" && firstFromHold is null && s >= 30)
                {
                    firstFromHold = now;
                }

                await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == uid && u.LastFix?.FixTime == now));
            }
        }

        var derived = await DerivedAsync();
        var raised = Assert.Single(derived.OfType<FlagRaised>(), f => f.Subject == "SRO-1");
        Assert.InRange(raised.Time, firstFromHold!.Value, firstFromHold.Value.AddSeconds(60));
        Assert.StartsWith("holding ", raised.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(derived.OfType<FlagRaised>(), f => f.Subject is "ENTRY-1" or "ENTRY-2" or "PERIM-1");
        Assert.DoesNotContain(derived.OfType<FlagCleared>(), f => f.Subject == "SRO-1");

        var board = watcher.Frames.Last(f => f.Units.Any(u => u.UnitId == "ENTRY-1")).Units.Single(u => u.UnitId == "ENTRY-1");
        Assert.Equal(MotionState.Arrived, board.State);
        Assert.StartsWith("inside B12, ", board.ArrivalReason, StringComparison.Ordinal);
    }

    private async Task OpenAsync()
    {
        var site = new
        {
            name = "Parkland-like campus",
            origin = new { lat = TestSite.Origin.Latitude, lon = TestSite.Origin.Longitude },
            buildings = new[]
            {
                new { id = "B12", name = "B12", floors = 3, footprint = new[] { TestSite.At(-20, 45), TestSite.At(20, 45), TestSite.At(20, 75), TestSite.At(-20, 75) } },
                new { id = "B13", name = "B13", floors = 2, footprint = new[] { TestSite.At(38, -10), TestSite.At(70, -10), TestSite.At(70, 12), TestSite.At(38, 12) } },
            },
        };
        (await host.PostJsonAsync("/api/incidents", new { id = CotRadioHost.Incident, name = "Building drill", autoEnrol = false, site })).EnsureSuccessStatusCode();
        foreach (var (uid, role) in new[] { ("SRO-1", "contact"), ("ENTRY-1", "contact"), ("ENTRY-2", "contact"), ("PERIM-1", "perimeter") })
        {
            (await host.PostJsonAsync($"/api/incidents/{CotRadioHost.Incident}/units", new { unitId = uid, callsign = uid, role })).EnsureSuccessStatusCode();
        }
    }

    private async Task<List<IncidentEvent>> DerivedAsync()
    {
        var reader = await host.Services.GetRequiredService<SessionCatalogue>().OpenAsync(CotRadioHost.Incident, Ct);
        return await reader.ReadAsync(cancellationToken: Ct).Where(e => e.IsDerived).ToListAsync(Ct);
    }

    private async Task SendAsync(UdpClient udp, string xml) =>
        await udp.SendAsync(Encoding.UTF8.GetBytes(xml), "127.0.0.1", host.CotUdpPort, Ct);

    // From `from` straight toward `to` at `speed` m/s, then there.
    private static LocalPoint Along(LocalPoint from, LocalPoint to, double speed, double t)
    {
        var length = from.DistanceTo(to);
        var k = Math.Min(1, speed * t / length);
        return new LocalPoint(from.East + ((to.East - from.East) * k), from.North + ((to.North - from.North) * k));
    }

    // As ATAK sends its self report: the phone's GPS height above the ellipsoid, its vertical error unknown.
    private static string Unit(string uid, LocalPoint at, DateTimeOffset time, double haeM) =>
        Event(uid, "a-f-G-U-C", "m-g", at, time, string.Create(CultureInfo.InvariantCulture, $"hae=\"{haeM:F1}\" ce=\"6.0\" le=\"9999999.0\""), $"<contact callsign=\"{uid}\"/>");

    // Placed by hand in ATAK: no ce, no height.
    private static string Marker(DateTimeOffset time) =>
        Event("MARKER-1", "a-h-G", "h-g-i-g-o", Shooter, time, "hae=\"9999999.0\" ce=\"9999999.0\" le=\"9999999.0\"", "<contact callsign=\"shooter\"/>");

    // A self report says how its point was made (m-g: the device's GPS); a marker says it was placed by hand.
    private static string Event(string uid, string type, string how, LocalPoint at, DateTimeOffset time, string measures, string detail)
    {
        var p = Frame.ToGeo(at);
        return string.Create(CultureInfo.InvariantCulture,
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><event version=\"2.0\" uid=\"{uid}\" type=\"{type}\" how=\"{how}\" time=\"{time:yyyy-MM-ddTHH:mm:ss.fffZ}\" start=\"{time:yyyy-MM-ddTHH:mm:ss.fffZ}\" stale=\"{time.AddMinutes(5):yyyy-MM-ddTHH:mm:ss.fffZ}\"><point lat=\"{p.Latitude:F7}\" lon=\"{p.Longitude:F7}\" {measures}/><detail>{detail}</detail></event>");
    }
}

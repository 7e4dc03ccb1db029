using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Host.Tests.Support;
using Command.Recording.Reading;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>
/// Short drills played into the host only through its radio listeners, as a trainer would try them: units report as
/// ATAK self reports over UDP (noise of a few metres, every 5-12 s, or ATAK's own dynamic rate) or as the Traccar
/// Client app at its defaults, the shooter is a hand-placed hostile marker with no <c>ce</c> inside a building, and
/// the roles are enrolled through the API. Ingest and incident share one fake clock, so a drill runs in seconds.
/// </summary>
public sealed class RadioDrillTests(RadioDrillHost host) : IClassFixture<RadioDrillHost>
{
    private static readonly LocalFrame Frame = TestSite.Frame;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // B12 spans 40 m east-west and 30 m north-south; the shooter is inside it, 60 m north of the origin.
    private static readonly LocalPoint Shooter = new(0, 60);

    [Fact]
    public async Task The_officer_holding_outside_the_building_is_flagged_and_the_entry_team_inside_is_not()
    {
        await OpenAsync();
        await using var watcher = await FrameWatcher.JoinAsync(host, RadioDrillHost.Incident);
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

    [Fact]
    public async Task An_officer_relayed_by_a_tak_server_who_stops_short_is_shown_holding_between_his_three_minute_reports_and_alerted()
    {
        // ATAK's default dynamic rate through a TAK server: walking, a report every 18 s that says it stands for 51 s;
        // standing still, one more when that runs low, then one every 180 s that says it stands for 375 s. Each says
        // the phone's speed in its track.
        const string incident = "relayed-officer";
        await OpenAsync(incident, ("SRO-2", "contact"));
        await using var watcher = await FrameWatcher.JoinAsync(host, incident);
        using var udp = new UdpClient();
        var random = new Random(58);
        await PlaceShooterAsync(incident, watcher);
        const int stopAt = 93;
        int? last = null;
        var shown = new List<(int Second, string State)>();
        for (var s = 1; s <= 600; s++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            var now = host.Clock.GetUtcNow();
            var walking = s < stopAt;
            if (last is not { } l || (walking ? s - l >= 18 : s - l >= 42 && (l < stopAt || s - l >= 180)))
            {
                var at = Along(new(120, -150), new(35, 15), 2, s) + new LocalPoint((random.NextDouble() - 0.5) * 8, (random.NextDouble() - 0.5) * 8);
                await SendAsync(udp, Unit("SRO-2", at, now, haeM: 18, standsFor: TimeSpan.FromSeconds(walking ? 51 : 375), speedMps: walking ? 2 : 0.1));
                await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "SRO-2" && u.LastFix?.FixTime == now));
                last = s;
            }

            if (s % 30 == 0)
            {
                shown.Add((s, await ShownStateAsync(incident, "SRO-2")));
            }
        }

        // Stopped at 93 s, he reports at 132 s, 312 s and 492 s, saying he stands still: 45 s without another report
        // bear him out, and he is holding from 177 s. On his fixes alone he was holding only from 492 s.
        await NeverStaleHoldingAndAlertedAsync(incident, "SRO-2", shown);
    }

    [Fact]
    public async Task An_officer_whose_traccar_client_stops_tracking_as_he_stands_short_stays_shown_holding()
    {
        // Traccar Client at its defaults: walking, a report every 75 m (every 50 s at 1.5 m/s), each with the phone's
        // speed; standing still, nothing, until its stop detection has seen five minutes of stillness and sends one
        // more report, is_moving false, and nothing after it until the phone moves.
        const string incident = "traccar-officer";
        await OpenAsync(incident, ("SRO-3", "contact"));
        await using var watcher = await FrameWatcher.JoinAsync(host, incident);
        var device = await host.Access.IssueDeviceAsync("SRO-3");
        using var phone = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.OsmAndPort}") };
        await PlaceShooterAsync(incident, watcher);
        var random = new Random(59);
        var shown = new List<(int Second, string State)>();
        for (var s = 1; s <= 720; s++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            var now = host.Clock.GetUtcNow();
            // He reaches the corner of the next building, 57 m from the shooter, at 124 s and stands there.
            var walking = s < 124;
            if ((walking && s % 50 == 1) || s == 424)
            {
                var at = Along(new(120, -150), new(35, 15), 1.5, s) + new LocalPoint((random.NextDouble() - 0.5) * 10, (random.NextDouble() - 0.5) * 10);
                var sent = await phone.PostAsync("/", new StringContent(Traccar(device, at, now, walking), Encoding.UTF8, "application/json"), Ct);
                Assert.Equal(System.Net.HttpStatusCode.OK, sent.StatusCode);
                await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "SRO-3" && u.LastFix?.FixTime == now));
            }

            if (s % 30 == 0)
            {
                shown.Add((s, await ShownStateAsync(incident, "SRO-3")));
            }
        }

        // Silent from his last report on the move (101 s), he is stale until the app says it stopped (424 s): it
        // said nothing in between. From then on he is holding while its word stands, not stale two and a half
        // minutes later (three of his intervals on the move), as on his fixes alone.
        Assert.Equal("stale", shown.Single(x => x.Second == 420).State);
        Assert.All(shown.Where(x => x.Second >= 450), x => Assert.Equal("holding", x.State));
        var derived = await DerivedAsync(incident);
        Assert.Contains(derived, e => e is FlagRaised { Subject: "SRO-3", Level: FlagLevel.Alert } or FlagEscalated { Subject: "SRO-3", Level: FlagLevel.Alert });
    }

    [Fact]
    public async Task An_officer_whose_phone_lost_its_network_inside_for_eight_minutes_has_his_whole_track_taken_when_it_sends_what_it_held()
    {
        // Traccar Client every 5 s. He walks into B12 and stands by the shooter; inside, his phone has no network from
        // 60 s to 540 s, and keeps what it fixes meanwhile. Back in network it sends them, oldest first, one after
        // another as each is answered, then goes on live.
        const string incident = "offline-officer";
        await OpenAsync(incident, ("SRO-5", "contact"));
        await using var watcher = await FrameWatcher.JoinAsync(host, incident);
        var device = await host.Access.IssueDeviceAsync("SRO-5");
        using var phone = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.OsmAndPort}") };
        await PlaceShooterAsync(incident, watcher);
        // The class shares one host and its clock: the times its log names count from here, each post before them putting
        // the clock on 0.15 s (the eleven of his first minute, 1.65 s).
        var start = host.Clock.GetUtcNow();
        string At(double seconds) => start.AddSeconds(seconds).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(61);
        var held = new List<string>();
        var answers = new List<string>();
        var sent = 0;
        for (var s = 1; s <= 600; s++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            if (s % 5 != 0)
            {
                continue;
            }

            var now = host.Clock.GetUtcNow();
            var at = Along(new(0, -40), new(0, 55), 1.6, s) + new LocalPoint((random.NextDouble() - 0.5) * 8, (random.NextDouble() - 0.5) * 8);
            held.Add(Traccar(device, at, now, moving: s < 60));
            sent++;
            if (s >= 60 && s < 540)
            {
                continue;
            }

            foreach (var body in held)
            {
                answers.Add(await PostAsTheAppDoesAsync(phone, body));
                host.Clock.Advance(TimeSpan.FromMilliseconds(150));
            }

            held.Clear();
            await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "SRO-5" && u.LastFix?.FixTime == now));
        }

        // The fixes more than 5 minutes old as they came (those of 60-245 s, the backlog taking 0.15 s a fix to send) were
        // refused as too old (each alone could be a clock stamped wrong), and taken before the first that was not, in
        // order: every fix he sent is on the record.
        Assert.Equal(38, answers.Count(a => a.StartsWith("too-old", StringComparison.Ordinal)));
        var reader = await host.Services.GetRequiredService<SessionCatalogue>().OpenAsync(incident, Ct);
        var taken = await reader.ReadAsync(cancellationToken: Ct).OfType<PositionAccepted>().Where(e => e.Report.UnitId == "SRO-5").Select(e => e.Report.FixTime).ToListAsync(Ct);
        Assert.Equal(sent, taken.Count);
        Assert.Equal(taken.Order(), taken);
        var report = await host.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{incident}/report?format=json", Ct);
        var log = report.GetProperty("activity").EnumerateArray()
            .Where(a => a.TryGetProperty("unitId", out var unit) && unit.GetString() == "SRO-5")
            .ToDictionary(a => a.GetProperty("kind").GetString()!, a => a.GetProperty("text").GetString());
        // Its log says the fixes came late, held by its device, not that he went unheard for eight minutes, and that the
        // refused ones were taken.
        Assert.Equal(
            $"Its fixes of {At(61.65)}–{At(541.65)} (97) reached the incident only at {At(541.65 + (38 * 0.15))}–{At(541.65 + (96 * 0.15))} UTC, 8:05 late: its device held them (out of network, or its link down); "
            + "the board showed it stale until then, and flagged what they show only as they came",
            log["delivered-late"]);
        Assert.Equal(
            $"38 reports refused until {At(541.65 + (38 * 0.15))} UTC, when the fixes its device held from before them were taken, as its fixes after them showed them held, not stamped wrong "
            + "(see its late fixes); the last for too-old: fix is 301 s old (limit 300 s)",
            log["refused"]);
        Assert.False(log.ContainsKey("silent"));
    }

    [Fact]
    public async Task An_officer_whose_phone_keeps_its_clock_forty_seconds_slow_is_shown_holding_and_alerted_not_silent()
    {
        // ATAK every 5 s, saying its fix stands 25 s, from a phone whose clock runs 40 s behind the host's (or a host
        // with no time server whose clock runs 40 s fast): each fix arrives looking 40 s old.
        const string incident = "slow-clock-officer";
        await OpenAsync(incident, ("SRO-4", "contact"));
        await using var watcher = await FrameWatcher.JoinAsync(host, incident);
        using var udp = new UdpClient();
        await PlaceShooterAsync(incident, watcher);
        var random = new Random(60);
        var slow = TimeSpan.FromSeconds(40);
        var shown = new List<(int Second, string State)>();
        for (var s = 1; s <= 300; s++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            var now = host.Clock.GetUtcNow();
            if (s % 5 == 0)
            {
                // He stops at the corner of the next building, 57 m from the shooter, 93 s in.
                var at = Along(new(120, -150), new(35, 15), 2, s) + new LocalPoint((random.NextDouble() - 0.5) * 8, (random.NextDouble() - 0.5) * 8);
                await SendAsync(udp, Unit("SRO-4", at, now - slow, haeM: 18, standsFor: TimeSpan.FromSeconds(25)));
                // His first two fixes are taken as they came; from the third his clock is known, and they are taken as
                // the host would have stamped them.
                var taken = s <= 10 ? now - slow : now;
                double? corrected = s <= 10 ? null : slow.TotalSeconds;
                await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "SRO-4" && u.LastFix?.FixTime == taken && u.LastFix.ClockCorrectionS == corrected));
            }

            if (s % 30 == 0)
            {
                shown.Add((s, await ShownStateAsync(incident, "SRO-4")));
            }
        }

        await NeverStaleHoldingAndAlertedAsync(incident, "SRO-4", shown);
    }

    [Fact]
    public async Task Two_phones_reporting_under_one_uid_are_said_to_on_the_units_row()
    {
        // An ATAK install cloned onto a second phone: one stands at staging, the other is with the officer 220 m off,
        // each reporting every 5 s, in turn.
        const string incident = "two-phones";
        await OpenAsync(incident, ("DUP-1", "contact"));
        await using var watcher = await FrameWatcher.JoinAsync(host, incident);
        using var udp = new UdpClient();
        for (var s = 1; s <= 30; s++)
        {
            host.Clock.Advance(TimeSpan.FromMilliseconds(2500));
            var now = host.Clock.GetUtcNow();
            var at = s % 2 == 1 ? new LocalPoint(-150, -150) : new LocalPoint(60, -80);
            await SendAsync(udp, Unit("DUP-1", at, now, haeM: 18, standsFor: TimeSpan.FromSeconds(25)));
            await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "DUP-1" && (u.LastFix?.FixTime == now || u.Refused?.At == now)));
        }

        var board = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{incident}/units", Ct);
        var refused = board.EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == "DUP-1").GetProperty("refused");
        Assert.Equal("implied-speed", refused.GetProperty("reason").GetString());
        Assert.EndsWith("; its refused fixes keep coming from one place 221 m from those taken: two devices may be reporting as this unit",
            refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cloned_install_over_udp_beside_the_officers_phone_over_tcp_never_moves_or_flags_him_and_is_named()
    {
        // The officer's ATAK over TCP walks up from 230 m south at 1.5 m/s and holds 70 m short of the shooter, every
        // 5-12 s, saying its speed; from 150 s to 190 s a clone of the install sends his uid over UDP every 3-4 s from one
        // spot 237 m off, saying 0 m/s, its first 7.9 s after one of his: 29 m/s, a speed a car reaches.
        const string incident = "cloned-install";
        await OpenAsync(incident, ("BRV-2", "contact"));
        await using var watcher = await FrameWatcher.JoinAsync(host, incident);
        await PlaceShooterAsync(incident, watcher);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", host.CotTcpPort, Ct);
        var stream = tcp.GetStream();
        using var udp = new UdpClient();
        var random = new Random(7);
        var holding = new LocalPoint(0, -10);
        var clone = new LocalPoint(210, 100);
        var start = host.Clock.GetUtcNow();
        var phone = new List<double>();
        for (var s = 5.0; s < 240; s += 5 + (7 * random.NextDouble()))
        {
            phone.Add(Math.Round(s, 1));
        }

        var cloned = new List<double>();
        // Its first fix 7.9 s after one of his past 150 s with 9 s or more to his next.
        for (var s = phone.Zip(phone.Skip(1)).First(p => p.First > 150 && p.Second - p.First > 9).First + 7.9; s < 190; s += 3 + random.NextDouble())
        {
            cloned.Add(Math.Round(s, 1));
        }

        foreach (var (s, fromClone) in phone.Select(s => (s, false)).Concat(cloned.Select(s => (s, true))).OrderBy(x => x.Item1))
        {
            host.Clock.Advance(start.AddMilliseconds(Math.Round(s * 1000)) - host.Clock.GetUtcNow());
            var now = host.Clock.GetUtcNow();
            var noise = new LocalPoint((random.NextDouble() - 0.5) * 8, (random.NextDouble() - 0.5) * 8);
            if (fromClone)
            {
                await SendAsync(udp, Unit("BRV-2", clone + noise, now, haeM: 18, standsFor: TimeSpan.FromSeconds(75), speedMps: 0));
            }
            else
            {
                var walked = Math.Min(160, 1.5 * (s - 5));
                var at = new LocalPoint(holding.East, holding.North - 160 + walked) + noise;
                await stream.WriteAsync(Encoding.UTF8.GetBytes(Unit("BRV-2", at, now, haeM: 18, standsFor: TimeSpan.FromSeconds(75), speedMps: walked < 160 ? 1.5 : 0)), Ct);
            }

            await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "BRV-2" && (u.LastFix?.FixTime == now || u.Refused?.At == now)));
        }

        // Every row shows him where his phone is, its distance from the same fix, and every refusal names the clone's
        // jump or, from its first fix after his next, the second device.
        var rows = watcher.Frames.SelectMany(f => f.Units).Where(u => u.UnitId == "BRV-2" && u.LastFix is not null).ToList();
        Assert.All(rows, u => Assert.True(Frame.ToLocal(u.LastFix!.Position).DistanceTo(clone) > 150, $"shown at the clone's place at {u.LastFix.FixTime:O}"));
        Assert.All(rows, u => Assert.InRange(u.DistanceM!.Value - Frame.ToLocal(u.LastFix!.Position).DistanceTo(Shooter), -10, 10));
        var refusals = rows.Where(u => u.Refused is not null).Select(u => u.Refused!).DistinctBy(r => r.At).ToList();
        Assert.Equal(cloned.Count, refusals.Count);
        Assert.Equal("sudden-jump", refusals[0].Reason);
        Assert.Contains(" in 7.9 s from a fix that said 0.0 m/s to one that says 0.0 m/s: no vehicle gets that far", refusals[0].Detail, StringComparison.Ordinal);
        Assert.Contains("second-device", refusals.Take(4).Select(r => r.Reason));
        Assert.Equal("second-device", refusals[^1].Reason);
        Assert.EndsWith("two devices may be reporting as this unit", refusals[^1].Detail, StringComparison.Ordinal);
        // He is flagged for holding where he holds, 70 m out, and never for where the clone is, nor as further out.
        var flags = (await DerivedAsync(incident)).Select(e => e switch { FlagRaised { Subject: "BRV-2" } r => r.Reason, FlagEscalated { Subject: "BRV-2" } x => x.Reason, _ => null }).OfType<string>().ToList();
        Assert.NotEmpty(flags);
        Assert.All(flags, reason => Assert.InRange(int.Parse(System.Text.RegularExpressions.Regex.Match(reason, @" at (\d+) m from the threat").Groups[1].Value, CultureInfo.InvariantCulture), 50, 90));
        Assert.DoesNotContain(flags, reason => reason.Contains("further out", StringComparison.Ordinal));
    }

    // The shooter placed through the API (hostile markers go to the listener's own incident), once the page shows it.
    private async Task PlaceShooterAsync(string incident, FrameWatcher watcher)
    {
        var shooter = Frame.ToGeo(Shooter);
        (await host.Client.PutAsJsonAsync($"/api/incidents/{incident}/threats/T1", new { lat = shooter.Latitude, lon = shooter.Longitude, phase = "active" }, Ct)).EnsureSuccessStatusCode();
        await watcher.WaitForAsync(f => f.Threats.Any());
    }

    // The unit was never shown stale, was holding from 180 s on, and was alerted for it.
    private async Task NeverStaleHoldingAndAlertedAsync(string incident, string unitId, List<(int Second, string State)> shown)
    {
        Assert.DoesNotContain(shown, x => x.State == "stale");
        Assert.All(shown.Where(x => x.Second >= 180), x => Assert.Equal("holding", x.State));
        var derived = await DerivedAsync(incident);
        Assert.Contains(derived, e => e is FlagRaised { Level: FlagLevel.Alert } raised && raised.Subject == unitId
            || e is FlagEscalated { Level: FlagLevel.Alert } escalated && escalated.Subject == unitId);
    }

    // The state the units API shows the unit in now.
    private async Task<string> ShownStateAsync(string incident, string unitId)
    {
        // The incident folds its clock on its own ticks, which a fake clock does not wait for: fold this second first.
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<Command.Grains.Incidents.IIncidentGrain>(incident).Tick();
        var board = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{incident}/units", Ct);
        return board.EnumerateArray().Single(u => u.GetProperty("unitId").GetString() == unitId).GetProperty("state").GetString()!;
    }

    private Task OpenAsync() => OpenAsync(RadioDrillHost.Incident, ("SRO-1", "contact"), ("ENTRY-1", "contact"), ("ENTRY-2", "contact"), ("PERIM-1", "perimeter"));

    private async Task OpenAsync(string incident, params (string Uid, string Role)[] units)
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
        (await host.PostJsonAsync("/api/incidents", new { id = incident, name = "Building drill", autoEnrol = false, site })).EnsureSuccessStatusCode();
        foreach (var (uid, role) in units)
        {
            (await host.PostJsonAsync($"/api/incidents/{incident}/units", new { unitId = uid, callsign = uid, role })).EnsureSuccessStatusCode();
        }
    }

    private async Task<List<IncidentEvent>> DerivedAsync(string incident = RadioDrillHost.Incident)
    {
        var reader = await host.Services.GetRequiredService<SessionCatalogue>().OpenAsync(incident, Ct);
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

    // Sends a location until it is answered 200, as the app does: told to wait (its device's rate spent by a backlog sent
    // as fast as it goes), it waits as told, by the real clock the limit keeps.
    private static async Task<string> PostAsTheAppDoesAsync(HttpClient phone, string body)
    {
        while (true)
        {
            using var answer = await phone.PostAsync("/", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            if (answer.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(answer.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), Ct);
                continue;
            }

            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
            return await answer.Content.ReadAsStringAsync(Ct);
        }
    }

    // As Traccar Client posts a location: its JSON body, the phone's speed in m/s, is_moving as its stop detection says.
    private static string Traccar(string device, LocalPoint at, DateTimeOffset time, bool moving)
    {
        var p = Frame.ToGeo(at);
        return string.Create(CultureInfo.InvariantCulture,
            $$$"""{"location":{"timestamp":"{{{time:yyyy-MM-ddTHH:mm:ss.fffZ}}}","coords":{"latitude":{{{p.Latitude:F7}}},"longitude":{{{p.Longitude:F7}}},"accuracy":9.0,"speed":{{{(moving ? 1.5 : 0.0):F1}}},"heading":-1,"altitude":18.0},"is_moving":{{{(moving ? "true" : "false")}}},"odometer":0,"event":"{{{(moving ? "" : "motionchange")}}}","battery":{"level":0.8,"is_charging":false},"activity":{"type":"{{{(moving ? "on_foot" : "still")}}}"},"extras":{}},"device_id":"{{{device}}}"}""");
    }

    // As ATAK sends its self report: the phone's GPS height above the ellipsoid, its vertical error unknown.
    // It says how long its fix stands as its stale (by default five minutes here), and its speed where given.
    private static string Unit(string uid, LocalPoint at, DateTimeOffset time, double haeM, TimeSpan? standsFor = null, double? speedMps = null) =>
        Event(uid, "a-f-G-U-C", "m-g", at, time, string.Create(CultureInfo.InvariantCulture, $"hae=\"{haeM:F1}\" ce=\"6.0\" le=\"9999999.0\""),
            $"<contact callsign=\"{uid}\"/>" + (speedMps is { } v ? string.Create(CultureInfo.InvariantCulture, $"<track speed=\"{v:F2}\" course=\"0.0\"/>") : ""),
            standsFor);

    // Placed by hand in ATAK: no ce, no height.
    private static string Marker(DateTimeOffset time) =>
        Event("MARKER-1", "a-h-G", "h-g-i-g-o", Shooter, time, "hae=\"9999999.0\" ce=\"9999999.0\" le=\"9999999.0\"", "<contact callsign=\"shooter\"/>");

    // A self report says how its point was made (m-g: the device's GPS); a marker says it was placed by hand.
    private static string Event(string uid, string type, string how, LocalPoint at, DateTimeOffset time, string measures, string detail, TimeSpan? standsFor = null)
    {
        var stale = time + (standsFor ?? TimeSpan.FromMinutes(5));
        var p = Frame.ToGeo(at);
        return string.Create(CultureInfo.InvariantCulture,
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><event version=\"2.0\" uid=\"{uid}\" type=\"{type}\" how=\"{how}\" time=\"{time:yyyy-MM-ddTHH:mm:ss.fffZ}\" start=\"{time:yyyy-MM-ddTHH:mm:ss.fffZ}\" stale=\"{stale:yyyy-MM-ddTHH:mm:ss.fffZ}\"><point lat=\"{p.Latitude:F7}\" lon=\"{p.Longitude:F7}\" {measures}/><detail>{detail}</detail></event>");
    }
}

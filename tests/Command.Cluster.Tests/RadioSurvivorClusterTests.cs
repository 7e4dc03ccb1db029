using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Command.Cluster.Tests.Support;

namespace Command.Cluster.Tests;

/// <summary>
/// The host that hears the radios keeps hearing them when another host of the cluster dies, and takes a fix of every
/// unit once the cluster has moved what lived on the dead host. Killing the other once made it stop itself where the
/// grains of the units it routes by lived on the dead host (the cluster places them, so this test cannot say where;
/// the intake's own tests make the look-up fail on purpose).
/// </summary>
[Collection(OneClusterAtATime.Name)]
public sealed class RadioSurvivorClusterTests(RadioCluster cluster) : IClassFixture<RadioCluster>
{
    private const string Incident = "radio-survivor";

    /// <summary>Generous: the cluster notices the death (about 10 s) and moves the grains, on two cores other work shares.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>How often each radio reports.</summary>
    private static readonly TimeSpan Cadence = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Enough units that some of their grains live on each host, wherever the cluster places them.
    private static readonly string[] Units = [.. Enumerable.Range(1, 12).Select(i => $"R{i:00}")];

    [Fact]
    public async Task The_host_hearing_the_radios_keeps_hearing_them_when_another_host_dies()
    {
        var (radios, other) = (cluster.Hosts[0], cluster.Hosts[1]);
        using (var http = cluster.Client(other))
        {
            var site = new { name = "Campus", origin = new { lat = 39.7392, lon = -104.9903 } };
            (await http.PostAsJsonAsync("/api/incidents", new { id = Incident, name = "A host dies mid-drill", site }, Ct)).EnsureSuccessStatusCode();
            foreach (var unit in Units)
            {
                (await http.PostAsJsonAsync($"/api/incidents/{Incident}/units", new { unitId = unit, callsign = unit, role = "contact" }, Ct)).EnsureSuccessStatusCode();
            }
        }

        using var survivor = cluster.Client(radios, TimeSpan.FromSeconds(10));
        await using var watching = await Dashboard.JoinAsync(radios, cluster.Token, Incident, Ct);
        using var udp = new UdpClient();
        await ReportUntilHeardAsync(udp, survivor, watching, DateTimeOffset.UtcNow);

        cluster.Kill(other);
        var killedAt = DateTimeOffset.UtcNow;
        await ReportUntilHeardAsync(udp, survivor, watching, killedAt);

        Assert.DoesNotContain("BackgroundService failed", cluster.Log(radios), StringComparison.Ordinal);
        Assert.DoesNotContain("Application is shutting down", cluster.Log(radios), StringComparison.Ordinal);
    }

    // Every radio reports, round after round, until the incident, asked on the host hearing them, has a fix of each from
    // after `since`: after a host died, once the cluster has moved the incident and the units its grains held. A round
    // goes once the incident has recorded anything since the last (its own clock's ticks included), as its page sees
    // it; while it moves to this host and records nothing, at most a radio's cadence after the last.
    private async Task ReportUntilHeardAsync(UdpClient udp, HttpClient host, Dashboard watching, DateTimeOffset since)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        for (var round = 0; ; round++)
        {
            foreach (var (unit, i) in Units.Select((u, i) => (u, i)))
            {
                var bytes = Encoding.UTF8.GetBytes(Event(unit, DateTimeOffset.UtcNow, 39.7392 - 0.001 + (i * 0.0001), -104.9903 + (round * 0.00001)));
                await udp.SendAsync(bytes, "127.0.0.1", cluster.CotPort, Ct);
            }

            if (await HeardSinceAsync(host, since) == Units.Length)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"the host hearing the radios did not take a fix of every unit within {Patience.TotalSeconds} s; its log ends: {Tail(cluster.Log(cluster.Hosts[0]))}");
            }

            var seen = watching.LastSequence;
            try
            {
                await watching.WaitForAsync(f => f.Sequence > seen, Cadence, Ct);
            }
            catch (TimeoutException)
            {
                // Nothing recorded for a cadence: the incident is on its way to this host; the radios report again.
            }
        }
    }

    private static async Task<int> HeardSinceAsync(HttpClient host, DateTimeOffset since)
    {
        try
        {
            var units = await host.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{Incident}/units", Ct);
            return units!.Count(u => u.TryGetProperty("lastFix", out var fix) && fix.ValueKind == JsonValueKind.Object
                && fix.GetProperty("fixTime").GetDateTimeOffset() > since);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // The incident is moving to this host, or this host is not answering: it is asked again next round.
            return 0;
        }
    }

    private static string Event(string uid, DateTimeOffset at, double lat, double lon) =>
        string.Create(CultureInfo.InvariantCulture,
            $"""<event version="2.0" uid="{uid}" type="a-f-G-U-C" how="m-g" time="{at:O}" start="{at:O}" stale="{at.AddMinutes(1):O}"><point lat="{lat:F6}" lon="{lon:F6}" hae="1600" ce="5" le="10"/><detail><contact callsign="{uid}"/></detail></event>""");

    private static string Tail(string log) => log.Length > 2000 ? log[^2000..] : log;
}

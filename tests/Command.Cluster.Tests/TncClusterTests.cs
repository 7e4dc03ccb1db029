using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Command.Cluster.Tests.Support;
using Command.Ingest.Kiss;

namespace Command.Cluster.Tests;

/// <summary>
/// Two hosts of one cluster set to reach the same KISS TNC: one connects, so each packet comes in once, and when that
/// host is killed the other takes the TNC over.
/// </summary>
[Collection(OneClusterAtATime.Name)]
public sealed class TncClusterTests(TncCluster cluster, ITestOutputHelper output) : IClassFixture<TncCluster>
{
    /// <summary>Generous: the hold runs out (15 s) and the cluster notices the death (about 10 s) on two cores other work shares.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_host_connects_to_the_tnc_and_another_takes_it_over_when_that_host_is_killed()
    {
        using (var http = cluster.Client(cluster.Hosts[0]))
        {
            var site = new { name = "Radio campus", origin = new { lat = 39.7392, lon = -104.9903 } };
            (await http.PostAsJsonAsync("/api/incidents", new { id = TncCluster.Incident, name = "KISS over a cluster", autoEnrol = true, site }, Ct)).EnsureSuccessStatusCode();
        }

        using var first = await cluster.Tnc.AcceptTcpClientAsync(Ct).AsTask().WaitAsync(Patience, Ct);
        var connected = Connected();
        var other = cluster.Hosts.Single(h => h != connected);

        // The other host asks, is told the first holds the TNC, and does not connect.
        await cluster.LogsSayAsync(() => cluster.Log(other).Contains("Not connecting to the KISS TNC", StringComparison.Ordinal), Patience, Ct);
        Assert.False(cluster.Tnc.Pending(), "both hosts connected to the TNC");
        Assert.Equal(("connected", "connectedElsewhere"), (await ConditionAsync(connected), await ConditionAsync(other)));
        await using var dashboard = await Dashboard.JoinAsync(other, cluster.Token, TncCluster.Incident, Ct);
        await first.GetStream().WriteAsync(Position("!3944.35N/10459.42W>"), Ct);
        await LatitudeAsync(dashboard, 39.7392);

        var killedAt = DateTimeOffset.UtcNow;
        cluster.Kill(connected);
        using var second = await cluster.Tnc.AcceptTcpClientAsync(Ct).AsTask().WaitAsync(Patience, Ct);
        output.WriteLine($"killed {connected}; {other} connected to the TNC {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:F1} s later");
        await second.GetStream().WriteAsync(Position("!3944.40N/10459.42W>"), Ct);
        await LatitudeAsync(dashboard, 39.7400);

        Assert.Contains("Connected to the KISS TNC", cluster.Log(other), StringComparison.Ordinal);

        // The TNC goes away: the survivor cannot reach it, and the incident records the outage once, as the cluster's
        // source (the first host, killed while it held the TNC, said nothing of it).
        cluster.Tnc.Stop();
        second.Close();
        await cluster.LogsSayAsync(() => cluster.Log(other).Contains($"Incident {TncCluster.Incident} recorded the KISS TNC at ", StringComparison.Ordinal), Patience, Ct);
        using var survivor = cluster.Client(other);
        var outage = await SessionTimeline.SourceChangesAsync(survivor, TncCluster.Incident, Ct);
        Assert.Equal(("Ingest:Aprs:Kiss", "down"), (outage[0].GetProperty("subject").GetString(), outage[0].GetProperty("level").GetString()));
        Assert.False(string.IsNullOrEmpty(outage[0].GetProperty("actor").GetString()));
        Assert.StartsWith("the KISS TNC at ", outage[0].GetProperty("about").GetString(), StringComparison.Ordinal);
        Assert.Single(outage);
    }

    // How the TNC stands on a host, as its page is told; a host that does not answer is said with the end of its log.
    private async Task<string?> ConditionAsync(Uri host)
    {
        using var http = cluster.Client(host);
        JsonElement sources;
        try
        {
            sources = await http.GetFromJsonAsync<JsonElement>("/api/sources", Ct);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException(cluster.Unanswered(host, e), e);
        }

        return sources.EnumerateArray().Single(s => s.GetProperty("section").GetString() == "Ingest:Aprs:Kiss").GetProperty("condition").GetString();
    }

    private static byte[] Position(string info) =>
        KissDecoder.Encode(Ax25Packet.FromTnc2($"K1ABC-9>APRS,WIDE1-1*:{info}")!, 0);

    // The host that says it connected to the TNC; exactly one does.
    private Uri Connected() => cluster.Living.Single(h => cluster.Log(h).Contains("Connected to the KISS TNC", StringComparison.Ordinal));

    // Waits until the survivor's dashboard is shown the unit's latest fix at the latitude (to four places).
    private static async Task LatitudeAsync(Dashboard dashboard, double latitude) =>
        await dashboard.WaitForAsync(f => f.Latitudes?.GetValueOrDefault("K1ABC-9") is { } at && Math.Round(at, 4) == latitude, Patience, Ct);
}

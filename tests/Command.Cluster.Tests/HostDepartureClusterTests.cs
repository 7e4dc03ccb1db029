using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Cluster.Tests.Support;

namespace Command.Cluster.Tests;

/// <summary>
/// A listener a host could not bind is down in the incident it feeds, on that host's word; when that host is killed and
/// the cluster declares it dead, another host tells the incident, which records that the host left and no longer waits
/// on its listener: no host runs it now, and without this its board said it was down for as long as the incident
/// stayed open.
/// </summary>
[Collection(OneClusterAtATime.Name)]
public sealed class HostDepartureClusterTests(ListenerCluster cluster) : IClassFixture<ListenerCluster>
{
    /// <summary>Generous: the cluster notices the death (about 10 s) on two cores other work shares.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_killed_is_recorded_as_gone_with_its_listener_no_longer_down_once_the_cluster_declares_it_dead()
    {
        var (radios, other) = (cluster.Hosts[0], cluster.Hosts[1]);
        using (var http = cluster.Client(other))
        {
            var site = new { name = "Campus", origin = new { lat = 39.7392, lon = -104.9903 } };
            (await http.PostAsJsonAsync("/api/incidents", new { id = ListenerCluster.Incident, name = "A host leaves", site }, Ct)).EnsureSuccessStatusCode();
        }

        var port = ((IPEndPoint)cluster.Held.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var name = $"NMEA over TCP on port {port}";
        await cluster.LogsSayAsync(() => cluster.Log(radios).Contains($"Incident {ListenerCluster.Incident} recorded {name} down", StringComparison.Ordinal), Patience, Ct);

        cluster.Kill(radios);
        await cluster.LogsSayAsync(() => cluster.Log(other).Contains($"Incident {ListenerCluster.Incident} recorded 2 event(s) of host ", StringComparison.Ordinal), Patience, Ct);

        using var survivor = cluster.Client(other);
        var marks = await SessionTimeline.SourceChangesAsync(survivor, ListenerCluster.Incident, Ct);
        var (down, gone) = (marks[0], marks[1]);
        var departed = Assert.Single(await SessionTimeline.HostDeparturesAsync(survivor, ListenerCluster.Incident, Ct));
        var subject = down.GetProperty("subject").GetString()!;
        var host = down.GetProperty("actor").GetString()!;
        Assert.Equal(($"Ingest:Nmea:Tcp@{host}", "down", name), (subject, down.GetProperty("level").GetString(), down.GetProperty("about").GetString()));
        Assert.Equal((subject, "heard", $"its host {host} left the cluster"),
            (gone.GetProperty("subject").GetString(), gone.GetProperty("level").GetString(), gone.GetProperty("reason").GetString()));
        Assert.NotEqual(host, gone.GetProperty("actor").GetString());
        Assert.Equal((host, gone.GetProperty("actor").GetString()), (departed.GetProperty("subject").GetString(), departed.GetProperty("actor").GetString()));
        Assert.Equal(2, marks.Count);
    }
}

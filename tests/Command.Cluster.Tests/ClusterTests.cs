using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Command.Cluster.Tests.Support;
using Command.Faults.Tests.Support;
using Command.Recording.Hosting;
using Command.Recording.Storage;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.Cluster.Tests;

/// <summary>
/// Three hosts of one cluster (Azurite for its tables and blobs), each a real process started by deploy/local: any
/// host serves any incident, a host killed with -9 takes nothing acknowledged with it and the others' dashboards
/// carry on from the whole picture, the demo drill runs once across the cluster, and a replay opened on one host is
/// driven from another and outlives the host that plays it.
/// </summary>
[Collection(OneClusterAtATime.Name)]
public sealed class ClusterTests(LocalCluster cluster, ITestOutputHelper output) : IClassFixture<LocalCluster>
{
    private const int Units = 10;
    private const string DemoIncident = "demo";
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

    /// <summary>Generous: the cluster must notice the death (probes, about 10 s) on two cores other work shares.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_the_host_that_holds_an_incident_loses_nothing_acknowledged_and_the_other_dashboards_carry_on()
    {
        var hosts = cluster.Living;
        var incident = $"failover-{Guid.NewGuid():N}"[..20];
        await OpenAsync(hosts[0], incident);

        // A dashboard on every host; reports come in through two of them, in turn.
        var dashboards = new List<Dashboard>();
        foreach (var host in hosts)
        {
            dashboards.Add(await Dashboard.JoinAsync(host, cluster.Token, incident, Ct));
        }

        await using var sender = new ReportSender(incident, Units, Pace, h => cluster.Client(h, TimeSpan.FromSeconds(10)));
        sender.SendTo(hosts[0], hosts[1]);
        await sender.WhenAcknowledgedAsync(200).WaitAsync(Patience, Ct);
        foreach (var dashboard in dashboards)
        {
            await dashboard.WaitForAsync(f => f.Sequence > 0, Patience, Ct);
        }

        var holder = await HolderAsync(incident);
        var survivors = dashboards.Where(d => d.Host != holder).ToList();
        var shown = dashboards.Max(d => d.LastSequence);
        var killedAt = DateTimeOffset.UtcNow;
        cluster.Kill(holder);

        // The load balancer takes the dead host out; the batch it left unanswered goes to a survivor.
        sender.SendTo([.. cluster.Living.Take(2)]);
        var failover = new List<TimeSpan>();
        foreach (var dashboard in survivors)
        {
            var frame = await dashboard.WaitForAsync(f => f.Received > killedAt && f.Sequence > shown, Patience, Ct);
            failover.Add(frame.Received - killedAt);
        }

        // What the incident recorded before a survivor's host subscribed to it again went to nobody: each survivor is
        // given the whole picture, as a page that joins is, from which it reads back what it missed. It is the picture
        // as the incident stands when the host subscribes again: where that is before the survivor has recorded anything
        // new (its host's renewal brought it up), it stands at the last event shown before the kill, not past it.
        foreach (var dashboard in survivors)
        {
            await dashboard.WaitForAsync(f => f.Received > killedAt && f.Full && f.Sequence >= shown, Patience, Ct);
        }

        await sender.WhenAcknowledgedAsync(sender.AcknowledgedCount + 100).WaitAsync(Patience, Ct);
        await sender.StopAsync();
        foreach (var dashboard in dashboards)
        {
            await dashboard.DisposeAsync();
        }

        var store = new BlobSessionStore(new BlobServiceClient(cluster.StorageConnection, RecordingServiceCollectionExtensions.BlobOptions(new RecordingOptions()))
            .GetBlobContainerClient(LocalCluster.RecordingContainer));
        var check = await RecordingCheck.ReadAsync(store, incident, sender.Acknowledged, Ct);
        output.WriteLine($"killed {holder}; kill -9 to the first new frame on each survivor: {string.Join(", ", failover.Select(t => $"{t.TotalSeconds:F1} s"))}");
        output.WriteLine($"{check}; {sender.Retried} batches sent again");
        Assert.True(check.Acknowledged >= 300);
        Assert.Equal(0, check.Lost);
        Assert.Equal(0, check.RecordedTwice);
        Assert.Equal(check.Acknowledged, check.Recorded);
        Assert.True(check.SequencesRise, "a sequence was used twice or went back");
        Assert.True(check.FixesInOrder, "a unit's fixes were recorded out of order");
        using var http = cluster.Client(survivors[0].Host);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/incidents/{incident}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_killed_host_started_again_by_the_script_joins_the_cluster_and_serves_incidents()
    {
        // Each host has its own ports, its gateway's too: one started again where another still listened refused to start.
        var host = cluster.Living[^1];
        cluster.Kill(host);

        await cluster.StartAgainAsync(host);

        var incident = $"again-{Guid.NewGuid():N}"[..20];
        await OpenAsync(cluster.Living[0], incident);
        using var http = cluster.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/incidents/{incident}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_demo_drill_starts_once_across_the_cluster_however_many_hosts_ask()
    {
        // Every host asks once it has started, and says so in its log; only then is the count final.
        foreach (var host in cluster.Living)
        {
            await cluster.LogsSayAsync(() => cluster.Log(host).Contains("demo drill", StringComparison.OrdinalIgnoreCase), Patience, Ct);
        }

        using var http = cluster.Client(cluster.Living[^1]);
        var timeline = await http.GetFromJsonAsync<JsonElement>($"/api/sessions/{DemoIncident}/timeline", Ct);
        var starts = timeline.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "drill-controlled" && e.GetProperty("subject").GetString() == "start")
            .ToList();
        Assert.Single(starts);
    }

    [Fact]
    public async Task A_replay_opened_on_one_host_is_played_paused_and_sought_from_another()
    {
        var (opener, driver) = (cluster.Living[0], cluster.Living[^1]);
        using var open = cluster.Client(opener);
        using var drive = cluster.Client(driver);
        var opened = await open.PostAsJsonAsync("/api/replays", new { incidentId = DemoIncident }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var replay = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = replay.GetProperty("replayId").GetString()!;
        var first = replay.GetProperty("firstTime").GetDateTimeOffset();

        var played = await drive.PostAsJsonAsync($"/api/replays/{id}/play", new { speed = 2.0 }, Ct);
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.False((await played.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("paused").GetBoolean());

        var paused = await drive.PostAsync($"/api/replays/{id}/pause", null, Ct);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);

        var sought = await drive.PostAsJsonAsync($"/api/replays/{id}/seek", new { time = first }, Ct);
        Assert.Equal(HttpStatusCode.OK, sought.StatusCode);

        // The host that opened it sees what the other did: one replay, not a copy per host.
        var status = await open.GetFromJsonAsync<JsonElement>($"/api/replays/{id}", Ct);
        Assert.True(status.GetProperty("paused").GetBoolean());
        Assert.Equal(first, status.GetProperty("position").GetDateTimeOffset());
        Assert.Equal(2.0, status.GetProperty("speed").GetDouble());
    }

    [Fact]
    public async Task A_note_written_and_amended_on_one_host_is_heard_by_a_page_watching_its_notes_on_another()
    {
        var (watching, writing) = (cluster.Living[0], cluster.Living[^1]);
        using var write = cluster.Client(writing);
        using var read = cluster.Client(watching);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(watching, "/hubs/incidents"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(cluster.Token))
            .Build();
        var heard = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("notes", n => heard.Writer.TryWrite(n));
        await hub.StartAsync(Ct);
        await hub.InvokeAsync("WatchNotes", DemoIncident, Ct);

        // Each host hears the session's annotation grain as an observer and tells its own browsers: none sends to another's.
        var written = await write.PostAsJsonAsync($"/api/sessions/{DemoIncident}/notes", new { text = "Adam 1 held outside", mark = "strength" }, Ct);
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var number = (await written.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetInt64();
        var amended = await write.PostAsJsonAsync($"/api/sessions/{DemoIncident}/notes/{number}/amend", new { mark = "area-for-improvement", reason = "not a strength" }, Ct);
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);

        async Task<long> Next() => (await heard.Reader.ReadAsync(Ct).AsTask().WaitAsync(Patience, Ct)).GetProperty("number").GetInt64();
        Assert.Equal([number, number + 1], [await Next(), await Next()]);
        var note = (await read.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{DemoIncident}/notes", Ct))!.Single(n => n.GetProperty("number").GetInt64() == number);
        Assert.Equal(("areaForImprovement", "not a strength"), (note.GetProperty("mark").GetString(), note.GetProperty("amended").GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task An_export_started_on_one_host_is_followed_to_its_end_and_downloaded_on_another()
    {
        var (running, asking) = (cluster.Living[0], cluster.Living[^1]);
        using var start = cluster.Client(running);
        using var ask = cluster.Client(asking);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(running, "/hubs/incidents"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(cluster.Token))
            .Build();
        var finished = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("export", s => { if (s.GetProperty("state").GetString() != "running") finished.Writer.TryWrite(s); });
        await hub.StartAsync(Ct);
        var started = await start.PostAsJsonAsync($"/api/sessions/{DemoIncident}/exports", new { kind = "aar-html" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("jobId").GetString()!;

        // Heard done on the host that runs it; the host asked does not run the job, and answers from the job's grain.
        var now = await hub.InvokeAsync<JsonElement>("WatchExport", jobId, Ct);
        if (now.GetProperty("state").GetString() == "running")
        {
            await finished.Reader.ReadAsync(Ct).AsTask().WaitAsync(Patience, Ct);
        }

        var status = await ask.GetFromJsonAsync<JsonElement>($"/api/exports/{jobId}", Ct);
        Assert.Equal(("done", 1.0), (status.GetProperty("state").GetString(), status.GetProperty("progress").GetDouble()));
        using var file = await ask.GetAsync($"/api/sessions/{DemoIncident}/exports/{jobId}", Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains("After-Action Report", await file.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_replay_whose_host_is_killed_is_open_on_another_where_it_has_got_to_and_still_plays()
    {
        using var open = cluster.Client(cluster.Living[0]);
        var opened = await open.PostAsJsonAsync("/api/replays", new { incidentId = DemoIncident }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;
        (await open.PostAsJsonAsync($"/api/replays/{id}/play", new { speed = 2.0 }, Ct)).EnsureSuccessStatusCode();

        // The host whose silo opened it says so in its log (the host that took the call logs who opened it, in other words).
        await cluster.LogsSayAsync(() => cluster.Living.Any(h => OpenedOn(h, id)), Patience, Ct);
        var holder = cluster.Living.Single(h => OpenedOn(h, id));
        var before = (await open.GetFromJsonAsync<JsonElement>($"/api/replays/{id}", Ct)).GetProperty("position").GetDateTimeOffset();
        cluster.Kill(holder);

        // Asked through a survivor, it is unavailable until the cluster has noticed the death, then open again: asked
        // again when the 503 says to, as a client does.
        using var ask = cluster.Client(cluster.Living[0]);
        var deadline = DateTimeOffset.UtcNow + Patience;
        var answer = await ask.GetAsync($"/api/replays/{id}", Ct);
        while (answer.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"replay {id} not back within {Patience.TotalSeconds} s");
            var retryAfter = answer.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            answer.Dispose();
            await Task.Delay(retryAfter.Value, Ct);
            answer = await ask.GetAsync($"/api/replays/{id}", Ct);
        }

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var status = await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
        output.WriteLine($"killed {holder}; the replay was at {before:O}, and is at {status.GetProperty("position").GetDateTimeOffset():O} on {cluster.Living[0]}");
        Assert.False(status.GetProperty("paused").GetBoolean());
        Assert.Equal(2.0, status.GetProperty("speed").GetDouble());
        Assert.True(status.GetProperty("position").GetDateTimeOffset() > before, "the replay did not play on from where it was");
    }

    /// <summary>The host whose silo holds the incident, as each host's diagnostics answer.</summary>
    private async Task<Uri> HolderAsync(string incident)
    {
        foreach (var host in cluster.Living)
        {
            using var http = cluster.Client(host);
            var answer = await http.GetFromJsonAsync<JsonElement>($"/api/diagnostics/incidents/{incident}/silo", Ct);
            if (answer.GetProperty("silo").GetString() == answer.GetProperty("answeredBy").GetString())
            {
                return host;
            }
        }

        throw new InvalidOperationException($"No host of the cluster holds incident '{incident}'.");
    }

    private bool OpenedOn(Uri host, string replayId) =>
        cluster.Log(host).Contains($"Replay {replayId} of incident {DemoIncident} opened", StringComparison.Ordinal);

    private async Task OpenAsync(Uri host, string incident)
    {
        using var http = cluster.Client(host);
        var site = new { name = "Cluster campus", origin = new { lat = 44.0, lon = -100.0 } };
        (await http.PostAsJsonAsync("/api/incidents", new { id = incident, name = incident, autoEnrol = true, site }, Ct)).EnsureSuccessStatusCode();
    }
}

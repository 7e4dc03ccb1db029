using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Command.Faults.Tests.Support;
using Command.Grains.Incidents;
using Orleans.Core.Internal;
using Command.Recording.Hosting;
using Command.Recording.Storage;
using Command.Recording.Tests.Azurite;

namespace Command.Faults.Tests;

/// <summary>
/// Under a steady load of acknowledged reports, the host is killed, storage goes away, the disk fills, and a spill
/// is cut short; after each, every acknowledged report is in the recording exactly once as accepted, in order, no
/// sequence is used twice, and the incident answers. Hosts are real processes; Azurite keeps its data on disk.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Units = 10;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string root = Directory.CreateTempSubdirectory("command-faults-").FullName;
    private readonly string container = "faults" + Guid.NewGuid().ToString("N")[..12];
    private AzuriteProcess azurite = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => azurite = await AzuriteProcess.StartAsync(Directory.CreateDirectory(Path.Combine(root, "azurite")).FullName, Ct);

    public async ValueTask DisposeAsync()
    {
        await azurite.DisposeAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file a dying process still held is left for the OS temp cleaner.
        }
    }

    [Fact]
    public async Task A_host_killed_under_load_restarts_and_loses_nothing_it_acknowledged()
    {
        var data = Path.Combine(root, "host");
        var incident = $"kill-{Guid.NewGuid():N}"[..16];
        await using var sender = new ReportSender(incident, Units, Pace, Connect);
        await using (var first = await StartHostAsync(data))
        {
            await OpenAsync(first.Url, incident);
            sender.SendTo(first.Url);
            await sender.WhenAcknowledgedAsync(300).WaitAsync(Patience, Ct);
            await first.KillAsync();
        }

        await using var second = await StartHostAsync(data);
        var before = sender.AcknowledgedCount;
        sender.SendTo(second.Url);
        await sender.WhenAcknowledgedAsync(before + 300).WaitAsync(Patience, Ct);
        await sender.StopAsync();

        await AssertRecordedAsync(incident, sender, second);
    }

    [Fact]
    public async Task Storage_going_away_under_load_spills_and_drains_everything_it_acknowledged()
    {
        var data = Path.Combine(root, "host");
        var incident = $"outage-{Guid.NewGuid():N}"[..16];
        await using var sender = new ReportSender(incident, Units, Pace, Connect);
        await using var host = await StartHostAsync(data);
        await OpenAsync(host.Url, incident);
        sender.SendTo(host.Url);
        await sender.WhenAcknowledgedAsync(200).WaitAsync(Patience, Ct);

        // The outage lasts until the host is seen spilling and has acknowledged another 200 reports meanwhile.
        await azurite.StopAsync();
        var spill = SpillFile(data, incident);
        await Files.AppearsAsync(spill, Patience);
        await sender.WhenAcknowledgedAsync(sender.AcknowledgedCount + 200).WaitAsync(Patience, Ct);
        await azurite.RestartAsync(Ct);
        await sender.WhenAcknowledgedAsync(sender.AcknowledgedCount + 100).WaitAsync(Patience, Ct);
        await sender.StopAsync();
        await Files.GoesAsync(spill, Patience);

        await AssertRecordedAsync(incident, sender, host);
    }

    [Fact]
    public async Task A_host_killed_while_spilling_with_its_last_line_torn_drains_on_restart_and_carries_on()
    {
        var data = Path.Combine(root, "host");
        var incident = $"torn-{Guid.NewGuid():N}"[..16];
        var spill = SpillFile(data, incident);
        await using var sender = new ReportSender(incident, Units, Pace, Connect);
        await using (var first = await StartHostAsync(data))
        {
            await OpenAsync(first.Url, incident);
            sender.SendTo(first.Url);
            await sender.WhenAcknowledgedAsync(200).WaitAsync(Patience, Ct);
            await azurite.StopAsync();
            await Files.AppearsAsync(spill, Patience);
            await sender.WhenAcknowledgedAsync(sender.AcknowledgedCount + 100).WaitAsync(Patience, Ct);
            await first.KillAsync();
        }

        // The power went mid-write: half a line at the end of the spill, never acknowledged.
        await File.AppendAllTextAsync(spill, "{\"type\":\"position-accepted\",\"sequence\":", Ct);
        await azurite.RestartAsync(Ct);
        await using var second = await StartHostAsync(data);
        sender.SendTo(second.Url);
        await sender.WhenAcknowledgedAsync(sender.AcknowledgedCount + 200).WaitAsync(Patience, Ct);
        await sender.StopAsync();
        await Files.GoesAsync(spill, Patience);

        await AssertRecordedAsync(incident, sender, second);
    }

    [Fact]
    public async Task A_full_disk_refuses_nothing_it_acknowledged_and_what_was_spilled_lands_when_space_comes_back()
    {
        var data = Path.Combine(root, "inproc");
        var incident = $"full-{Guid.NewGuid():N}"[..16];
        FullDisk? disk = null;
        await using var host = new InProcessHost(data, store => disk = new FullDisk(store));
        await using var sender = new ReportSender(incident, Units, Pace, Connect);
        await OpenAsync(host.Url, incident);
        sender.SendTo(host.Url);
        await sender.WhenAcknowledgedAsync(200).WaitAsync(Patience, Ct);

        disk!.Full = true;
        var spill = Path.Combine(data, "spill", incident + ".jsonl");
        await Files.AppearsAsync(spill, Patience);
        await sender.WhenAcknowledgedAsync(sender.AcknowledgedCount + 100).WaitAsync(Patience, Ct);

        // The incident leaves memory while its newest events are only in the spill; it comes back with the next batch
        // and must fold them, not number over them.
        await host.Grains.GetGrain<IIncidentGrain>(incident).Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        await sender.WhenAcknowledgedAsync(sender.AcknowledgedCount + 100).WaitAsync(Patience, Ct);
        disk.Full = false;
        await sender.WhenAcknowledgedAsync(sender.AcknowledgedCount + 100).WaitAsync(Patience, Ct);
        await sender.StopAsync();
        await Files.GoesAsync(spill, Patience);

        var check = await RecordingCheck.ReadAsync(new DiskSessionStore(Path.Combine(data, "sessions")), incident, sender.Acknowledged, Ct);
        output.WriteLine($"full disk ({disk.Refused} writes refused for want of space): {check}");
        AssertWhole(check);
        Assert.True(disk.Refused > 0);
        Assert.Equal(HttpStatusCode.OK, (await HostProcess.Client(host.Url).GetAsync($"/api/incidents/{incident}", Ct)).StatusCode);
    }

    private async Task AssertRecordedAsync(string incident, ReportSender sender, HostProcess host)
    {
        var store = new BlobSessionStore(new BlobServiceClient(azurite.ConnectionString, RecordingServiceCollectionExtensions.BlobOptions(new RecordingOptions())).GetBlobContainerClient(container));
        var check = await RecordingCheck.ReadAsync(store, incident, sender.Acknowledged, Ct);
        output.WriteLine($"{incident}: {check}; {sender.Retried} batches sent again");
        AssertWhole(check);
        using var http = HostProcess.Client(host.Url);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/incidents/{incident}", Ct)).StatusCode);
    }

    private static void AssertWhole(RecordingCheck check)
    {
        Assert.True(check.Acknowledged > 0);
        Assert.Equal(0, check.Lost);
        Assert.Equal(0, check.RecordedTwice);
        Assert.Equal(check.Acknowledged, check.Recorded);
        Assert.True(check.SequencesInOrder, "a sequence was used twice or skipped");
        Assert.True(check.FixesInOrder, "a unit's fixes were recorded out of order");
    }

    private Task<HostProcess> StartHostAsync(string data) => HostProcess.StartAsync(data, new Dictionary<string, string>
    {
        ["Recording:Provider"] = "Blob",
        ["Recording:ConnectionString"] = azurite.ConnectionString,
        ["Recording:Container"] = container,
        ["Recording:AppendRetries"] = "1",
        ["Recording:RetryBaseDelay"] = "00:00:00.050",
        ["Recording:RetryMaxDelay"] = "00:00:00.500",
        ["Recording:BreakDuration"] = "00:00:01",
        ["Recording:RequestTimeout"] = "00:00:02",
    }, Ct);

    private static HttpClient Connect(Uri host) => HostProcess.Client(host, TimeSpan.FromSeconds(10));

    private static string SpillFile(string data, string incident) => Path.Combine(data, "spill", incident + ".jsonl");

    private static async Task OpenAsync(Uri host, string incident)
    {
        using var http = HostProcess.Client(host);
        var site = new
        {
            name = "Fault campus",
            origin = new { lat = 44.0, lon = -100.0 },
        };
        (await http.PostAsJsonAsync("/api/incidents", new { id = incident, name = incident, autoEnrol = true, site }, Ct)).EnsureSuccessStatusCode();
    }
}

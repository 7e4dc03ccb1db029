using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Command.Host.Tests.Support;
using Command.Ingest.Listeners;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>
/// GET /api/sources on the real host: every source of reports turned on, how it stands on this host and why where it
/// is down — a listener that could not bind its port, a TAK Server that cannot be reached.
/// </summary>
public sealed class SourcesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_source_turned_on_says_how_it_stands_and_why_one_that_is_down_is()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var (busy, closed) = (((IPEndPoint)taken.LocalEndpoint).Port, FreePort.Tcp());
        await using var host = await DownSourcesAsync(busy, closed);

        await UnreachableAsync(host.Services.GetRequiredService<IngestSources>(), "Ingest:Cot:TakServer");
        var sources = await SourcesAsync(host);

        Assert.Equal(("listening", $"CoT over UDP on port {host.CotUdpPort}"), Stands(sources["Ingest:Cot:Udp"]));
        Assert.Equal(("listening", $"APRS over TCP on port {host.AprsPort}"), Stands(sources["Ingest:Aprs:Tcp"]));
        Assert.Equal(("listening", $"OsmAnd (Traccar Client) over HTTP on port {host.OsmAndPort}"), Stands(sources["Ingest:OsmAnd"]));
        Assert.Equal(("notBound", $"NMEA over TCP on port {busy}"), Stands(sources["Ingest:Nmea:Tcp"]));
        Assert.StartsWith($"could not bind 127.0.0.1:{busy}: ", sources["Ingest:Nmea:Tcp"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("unreachable", $"the TAK Server at 127.0.0.1:{closed}"), Stands(sources["Ingest:Cot:TakServer"]));
        Assert.Equal("Connection refused", sources["Ingest:Cot:TakServer"].GetProperty("detail").GetString());
        Assert.DoesNotContain("Ingest:Aprs:Kiss", sources.Keys);
    }

    [Fact]
    public async Task A_source_down_is_recorded_in_the_incident_it_feeds_a_listener_by_its_host_and_a_shared_source_by_its_section()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var (busy, closed) = (((IPEndPoint)taken.LocalEndpoint).Port, FreePort.Tcp());
        await using var host = await DownSourcesAsync(busy, closed);
        using var meters = new Command.Tests.Shared.IngestMeters(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.ToString();

        // Both went down before the incident was opened: it learns of them at the host's next telling.
        await meters.SourcesToldAsync("Ingest:Nmea:Tcp", "recorded", 1);
        await meters.SourcesToldAsync("Ingest:Cot:TakServer", "recorded", 1);
        var marks = await SourceMarksAsync(host, IngestHost.Incident);

        Assert.Equal(
            [
                ($"Ingest:Nmea:Tcp@{silo}", "down", $"NMEA over TCP on port {busy}", silo),
                ("Ingest:Cot:TakServer", "down", $"the TAK Server at 127.0.0.1:{closed}", silo),
            ],
            marks.Select(m => (m.GetProperty("subject").GetString(), m.GetProperty("level").GetString(), m.GetProperty("about").GetString(), m.GetProperty("actor").GetString()))
                .OrderByDescending(m => m.Item1, StringComparer.Ordinal));
        Assert.StartsWith($"could not bind 127.0.0.1:{busy}: ", marks.Single(m => m.GetProperty("subject").GetString()!.StartsWith("Ingest:Nmea", StringComparison.Ordinal)).GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Told again and again while they stay down (twice more each, at least), the incident records each once.
        await meters.SourcesToldAsync("Ingest:Nmea:Tcp", "duplicate", 2);
        await meters.SourcesToldAsync("Ingest:Cot:TakServer", "duplicate", 2);
        Assert.Equal(2, (await SourceMarksAsync(host, IngestHost.Incident)).Count);
    }

    [Fact]
    public async Task A_tak_server_that_fed_a_unit_enrolled_in_another_incident_is_recorded_down_there_too()
    {
        using var tak = new TcpListener(IPAddress.Loopback, 0);
        tak.Start();
        var port = ((IPEndPoint)tak.LocalEndpoint).Port;
        await using var host = new SourcesHost(new Dictionary<string, string?>
        {
            ["Ingest:Cot:TakServer:Enabled"] = "true",
            ["Ingest:Cot:TakServer:Tls"] = "false",
            ["Ingest:Cot:TakServer:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Cot:TakServer:ReconnectAfter"] = "00:00:01",
            ["Ingest:Cot:TakServer:MostReconnectAfter"] = "00:00:02",
            ["Ingest:SourcesToldEvery"] = "00:00:01",
        });
        await host.InitializeAsync();
        var east = $"east-{Guid.NewGuid():N}"[..16];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(east))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{east}/units", new { unitId = "ROUTED-7", callsign = "East 7", role = "contact" })).EnsureSuccessStatusCode();

        // The server passes on a fix of a unit enrolled in the other incident, then goes away.
        var sources = host.Services.GetRequiredService<IngestSources>();
        using var meters = new Command.Tests.Shared.IngestMeters(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        await using (var watcher = await FrameWatcher.JoinAsync(host, east))
        using (var server = await tak.AcceptTcpClientAsync(Ct))
        {
            var now = DateTime.UtcNow;
            await server.GetStream().WriteAsync(System.Text.Encoding.UTF8.GetBytes(System.FormattableString.Invariant(
                $"<event version=\"2.0\" uid=\"ROUTED-7\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"{now:yyyy-MM-ddTHH:mm:ss.fffZ}\" start=\"{now:yyyy-MM-ddTHH:mm:ss.fffZ}\" stale=\"{now.AddMinutes(5):yyyy-MM-ddTHH:mm:ss.fffZ}\"><point lat=\"44.0003\" lon=\"-100.0003\" hae=\"300\" ce=\"8\" le=\"9999999\"/><detail/></event>")), Ct);
            await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ROUTED-7" && u.LastFix is not null));
        }

        tak.Stop();
        await meters.SourcesToldAsync("Ingest:Cot:TakServer", "recorded", 2);
        var there = await SourceMarksAsync(host, east);
        var own = await SourceMarksAsync(host, IngestHost.Incident);

        Assert.Equal([east], sources.Feeds("Ingest:Cot:TakServer"));
        Assert.All([.. there, .. own], m => Assert.Equal(("Ingest:Cot:TakServer", "down", $"the TAK Server at 127.0.0.1:{port}"),
            (m.GetProperty("subject").GetString(), m.GetProperty("level").GetString(), m.GetProperty("about").GetString())));
        Assert.Single(there);
        Assert.Single(own);
    }

    // The incident's recorded source changes, as its session's timeline gives them: each was on storage before the
    // incident answered the host's telling, and so before the telling was counted.
    private static async Task<List<JsonElement>> SourceMarksAsync(CommandHost host, string incidentId) =>
        [.. (await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{incidentId}/timeline", Ct))!
            .Where(m => m.GetProperty("type").GetString() == "source-changed")];

    // A host whose NMEA listener is set to a port another program holds, and whose TAK Server is set to one nothing
    // listens on, telling the incident of sources down every second.
    private static async Task<SourcesHost> DownSourcesAsync(int busy, int closed)
    {
        var host = new SourcesHost(new Dictionary<string, string?>
        {
            ["Ingest:Nmea:Tcp:Port"] = busy.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Cot:TakServer:Enabled"] = "true",
            ["Ingest:Cot:TakServer:Tls"] = "false",
            ["Ingest:Cot:TakServer:Port"] = closed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:SourcesToldEvery"] = "00:00:01",
        });
        await host.InitializeAsync();
        return host;
    }

    // Completes once the source stands unreachable on the host: told as it changes, or already so.
    private static async Task UnreachableAsync(IngestSources sources, string section)
    {
        var unreachable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Told(SourceState state)
        {
            if (state.Section == section && state.Condition == SourceCondition.Unreachable)
            {
                unreachable.TrySetResult();
            }
        }

        sources.Changed += Told;
        try
        {
            foreach (var state in sources.All())
            {
                Told(state);
            }

            await unreachable.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }
        finally
        {
            sources.Changed -= Told;
        }
    }

    private static async Task<Dictionary<string, JsonElement>> SourcesAsync(CommandHost host) =>
        (await host.Client.GetFromJsonAsync<JsonElement>("/api/sources", Ct)).EnumerateArray().ToDictionary(s => s.GetProperty("section").GetString()!);

    private static (string?, string?) Stands(JsonElement source) => (source.GetProperty("condition").GetString(), source.GetProperty("name").GetString());

    private sealed class SourcesHost(IDictionary<string, string?> settings) : IngestHost(settings);
}

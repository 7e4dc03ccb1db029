using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Command.Fuzz.Live;
using Command.Host.Tests.Support;
using Command.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Command.Host.Tests;

/// <summary>
/// Radios that carry no credentials, on the real host: a listener that refuses units nobody enrolled, and listener
/// settings checked at start-up.
/// </summary>
[Collection(RadioCollection.Name)]
public sealed class RadioTests(RadioHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_listener_that_refuses_unenrolled_units_takes_an_enrolled_unit_and_refuses_a_stranger()
    {
        using var meters = new IngestMeters(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        const string Enrolling = "enrolling";
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(Enrolling))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{Enrolling}/units", new { unitId = "ENROLLED-1", callsign = "Engine 1", role = "contact" })).EnsureSuccessStatusCode();
        await using var watcher = await FrameWatcher.JoinAsync(host, Enrolling);
        using var udp = new UdpClient();
        var now = DateTimeOffset.UtcNow;

        foreach (var unit in new[] { "STRANGER-1", "ENROLLED-1" })
        {
            await udp.SendAsync(Encoding.UTF8.GetBytes(CleanReports.Cot(unit, now, 44.0003, -100.0003)[0]), "127.0.0.1", host.CotUdpPort, Ct);
        }

        await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ENROLLED-1" && u.LastFix is not null));
        await meters.RejectedAsync("unknown-unit", 1);
        var enrolled = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{Enrolling}/units", Ct);
        var listeners = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{IngestHost.Incident}/units", Ct);

        Assert.Equal(["ENROLLED-1"], enrolled.EnumerateArray().Select(u => u.GetProperty("unitId").GetString()));
        // Named as a report names its source, not camel-cased from the name of its kind ("coT").
        Assert.Equal("cot", enrolled[0].GetProperty("lastFix").GetProperty("source").GetString());
        Assert.DoesNotContain(listeners.EnumerateArray(), u => u.GetProperty("unitId").GetString() == "STRANGER-1");
        Assert.Equal(1, meters.Rejected("unknown-unit", "CoT"));
    }

    [Fact]
    public async Task A_bad_allow_list_entry_stops_the_host_from_starting_and_names_its_key()
    {
        var data = DataFolder.New();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Demo:Enabled", "false");
            web.UseSetting("DataPath", data);
            web.UseSetting("Cluster:SiloPort", FreePort.Tcp().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Cluster:GatewayPort", FreePort.Tcp().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Ingest:OsmAnd:Enabled", "false");
            web.UseSetting("Ingest:Aprs:Tcp:Allow:0:Address", "10.0.0.0/33");
        });

        var refused = Assert.Throws<OptionsValidationException>(() => factory.Services);
        DataFolder.Remove(data);

        Assert.Equal(
            "Ingest:Aprs:Tcp:Allow:0:Address '10.0.0.0/33' is not a CIDR range (a base address with no bits set past the prefix, and a prefix length).",
            Assert.Single(refused.Failures));
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A source of reports feeding the incident that a host hears nothing from is said across the live page, with why and
/// since when, and in the feed; the banner goes once it is heard again. The incident records both, so a replay shows the
/// outage as it stood: otherwise its units would only go stale one by one, with no word of why.
/// </summary>
public sealed class SourcesDashboardTests(SourcesDashboardTests.FeedHost host) : IClassFixture<SourcesDashboardTests.FeedHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tak_server_the_host_cannot_reach_is_said_on_the_page_until_it_is_heard_again_and_in_the_replay()
    {
        // Opened while the server is already down: the host tells the incident of the outage within its next telling.
        var id = await host.NextIncidentAsync(FeedHost.Incident);
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        await using var dashboard = await Dashboard.OpenAsync(host, id);
        var banner = dashboard.Page.Locator("#sources-down");
        var named = $"the TAK Server at 127.0.0.1:{host.TakPort}";

        await Expect(banner).ToContainTextAsync($"Nothing heard from {named}: down since ");
        await Expect(banner).ToContainTextAsync("(Connection refused)");
        await Expect(dashboard.Feed.Locator("li[data-type='source-changed']").First).ToContainTextAsync($"⚠ SOURCE DOWN{named}Connection refused — host ");

        // The server comes up and answers: the host connects again on its next try, and the page says nothing more.
        using var server = new TcpListener(IPAddress.Loopback, host.TakPort);
        server.Start();
        using var connection = await server.AcceptTcpClientAsync(Ct);
        await connection.GetStream().WriteAsync(Encoding.UTF8.GetBytes(
            "<event version='2.0' uid='takPong' type='t-x-c-t-r' how='h-g-i-g-o' time='2026-03-14T15:00:00Z' start='2026-03-14T15:00:00Z' stale='2026-03-14T15:00:20Z'>"
            + "<point lat='0' lon='0' hae='0' ce='9999999' le='9999999'/><detail/></event>"), Ct);

        await Expect(banner).ToBeHiddenAsync(new LocatorAssertionsToBeHiddenOptions { Timeout = 30_000 });
        await Expect(dashboard.Feed.Locator("li[data-type='source-changed']").First).ToContainTextAsync($"✓ SOURCE HEARD{named}heard again — host ");

        // The replay shows the outage where it stood, and not after it ended.
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await dashboard.Page.Locator(".mark.source-changed.level-down").ClickAsync();
        await Expect(banner).ToContainTextAsync($"Nothing heard from {named}: down since ");
        await ReplayDashboardTests.SeekAsync(dashboard, "End");
        await Expect(banner).ToBeHiddenAsync();
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_host_that_left_the_cluster_is_said_in_the_feed_and_its_listener_leaves_the_banner()
    {
        // Another host of the cluster said its CoT listener could not bind; then it left the cluster, as a host that
        // saw it go tells the incident.
        var id = await host.NextIncidentAsync($"left-{Guid.NewGuid():N}"[..16]);
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        await using var dashboard = await Dashboard.OpenAsync(host, id);
        var banner = dashboard.Page.Locator("#sources-down");
        var incident = host.Services.GetRequiredService<IGrainFactory>().GetGrain<Command.Grains.Incidents.IIncidentGrain>(id);
        const string left = "10.20.0.7:11111", named = "CoT over UDP on port 8087";
        Assert.Null(await incident.NoteSource($"Ingest:Cot:Udp@{left}", named, true, "could not bind 0.0.0.0:8087: Address already in use", left));
        await Expect(banner).ToContainTextAsync($"Nothing heard from {named}: down since ");

        Assert.Equal(2, await incident.HostLeft(left, "10.20.0.8:11111"));

        await Expect(banner).ToBeHiddenAsync();
        await Expect(dashboard.Feed.Locator("li[data-type='source-changed']").First)
            .ToContainTextAsync($"✕ SOURCE GONE{named}its host {left} left the cluster — said by host 10.20.0.8:11111");
        await Expect(dashboard.Feed.Locator("li[data-type='host-departed']"))
            .ToContainTextAsync($"✕ HOST LEFT{left}left the cluster: radios and trackers sending to it are not heard until they reach another host — said by host 10.20.0.8:11111");

        // Started again, and killed and started again sooner than the cluster noticed: its new run said the one before dead,
        // seconds after that run was last heard from, which is said with it, live and in replay.
        Assert.Equal(1, await incident.HostLeft(left, "10.20.0.8:11111", 7, restarted: true, lastHeard: DateTimeOffset.UtcNow.AddSeconds(-9)));
        var restarted = new System.Text.RegularExpressions.Regex(
            $@"✕ HOST RESTARTED{System.Text.RegularExpressions.Regex.Escape(left)}left the cluster at \d\d:\d\d:\d\d \(last heard from at \d\d:\d\d:\d\d\) and came up again at its address: radios and trackers sending to it were not heard while it was down, unless they reached another host — said by host 10\.20\.0\.8:11111");
        await Expect(dashboard.Feed.Locator("li[data-type='host-departed']").First).ToContainTextAsync(restarted);
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await ReplayDashboardTests.SeekAsync(dashboard, "End");
        await Expect(dashboard.Feed.Locator("li[data-type='host-departed']").First).ToContainTextAsync(restarted);
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_relay_sending_faster_than_its_limit_is_said_on_the_page_as_a_listener_refusing_part_of_what_comes()
    {
        var id = await host.NextIncidentAsync(FeedHost.RelayIncident);
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        await using var dashboard = await Dashboard.OpenAsync(host, id);
        var banner = dashboard.Page.Locator("#sources-down");

        // A gateway relaying a drill's units from one address, at more than the listener takes from one address.
        using var relay = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (var i = 0; i < 8; i++)
        {
            var cot = $"<event version='2.0' uid='RELAYED-{i}' type='a-f-G-U-C' how='m-g' time='{DateTime.UtcNow:O}' start='{DateTime.UtcNow:O}' stale='{DateTime.UtcNow.AddMinutes(1):O}'>"
                + $"<point lat='{TestSite.Origin.Latitude}' lon='{TestSite.Origin.Longitude}' hae='0' ce='5' le='5'/><detail/></event>";
            await relay.SendAsync(Encoding.UTF8.GetBytes(cot), new IPEndPoint(IPAddress.Loopback, host.CotUdpPort), Ct);
        }

        const string why = "127.0.0.1 sends faster than its rate limit; what it sends beyond that is refused, and the units it carries go stale (a relay sending for many units gets a limit of its own: Ingest:Cot:Udp:Allow:<n>:Address and RatePerSecond)";
        await Expect(banner).ToContainTextAsync($"Refusing part of what comes through CoT over UDP on port {host.CotUdpPort} since ");
        await Expect(banner).ToContainTextAsync($"({why})");
        await Expect(banner).Not.ToContainTextAsync("Nothing heard");
        await Expect(dashboard.Feed.Locator("li[data-type='source-changed']").First)
            .ToContainTextAsync($"⚠ SOURCE THROTTLEDCoT over UDP on port {host.CotUdpPort}refusing part of what comes: {why} — host ");
        Assert.Empty(dashboard.Errors);
    }

    /// <summary>
    /// A host set to reach a TAK Server over plain TCP on a port nothing listens on yet, trying every 2 s, for
    /// <see cref="Incident"/>, and listening for CoT over UDP for <see cref="RelayIncident"/>, taking 3 messages at once
    /// and one a second after from an address; it tells the incidents of sources down every second.
    /// </summary>
    public sealed class FeedHost : DashboardHost
    {
        public FeedHost()
            : this(FreePort.Tcp(), FreePort.Udp())
        {
        }

        private FeedHost(int port, int cotUdp)
            : base(new Dictionary<string, string?>
            {
                ["Ingest:Cot:Udp:Enabled"] = "true",
                ["Ingest:Cot:Udp:Port"] = cotUdp.ToString(CultureInfo.InvariantCulture),
                ["Ingest:Cot:Udp:Incident"] = RelayIncident,
                ["Ingest:Cot:Udp:RateBurst"] = "3",
                ["Ingest:Cot:Udp:RatePerSecond"] = "1",
                ["Ingest:Cot:TakServer:Enabled"] = "true",
                ["Ingest:Cot:TakServer:Tls"] = "false",
                ["Ingest:Cot:TakServer:Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Ingest:Cot:TakServer:ReconnectAfter"] = "00:00:01",
                ["Ingest:Cot:TakServer:MostReconnectAfter"] = "00:00:02",
                ["Ingest:Cot:TakServer:Incident"] = Incident,
                ["Ingest:SourcesToldEvery"] = "00:00:01",
            }, _ => { }) => (TakPort, CotUdpPort) = (port, cotUdp);

        /// <summary>The incident the TAK Server feeds.</summary>
        public const string Incident = "sources-feed";

        /// <summary>The incident CoT over UDP feeds.</summary>
        public const string RelayIncident = "sources-relay";

        public int TakPort { get; }

        public int CotUdpPort { get; }
    }
}

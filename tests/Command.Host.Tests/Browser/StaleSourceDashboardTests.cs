using System.Collections.Immutable;
using Command.Domain.Events;
using Command.Domain.Reports;
using Command.Grains.Incidents;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Command.Host.Tests.Browser;

/// <summary>
/// A unit gone stale while the source it reported through is down says so on its row, as the banner names the source:
/// a dispatcher tells a radio that went dark from one the network lost. TANGO 1 reports through the TAK Server the
/// cluster connects to, and so does KILO 1, whose reports say they stand for ten minutes (as ATAK's may), so that it is
/// overdue but not shown stale; UNIFORM 1 reports through this host's CoT UDP listener, PAPA 1 through the JSON API. The
/// incident's clock is the test's.
/// </summary>
public sealed class StaleSourceDashboardTests(FakeClockDashboardHost host) : IClassFixture<FakeClockDashboardHost>
{
    private const string Here = "10.0.0.5:11111", Other = "10.0.0.7:11111", TakServer = "Ingest:Cot:TakServer", Udp = "Ingest:Cot:Udp";

    [Fact]
    public async Task A_stale_units_row_says_the_source_it_reported_through_is_down_until_it_is_heard_again()
    {
        var scene = await Scene.OpenAsync(host, "via");
        await scene.ThreatAsync(0, 100);
        foreach (var (unit, callsign) in new[] { ("T1", "Tango 1"), ("K1", "Kilo 1"), ("U1", "Uniform 1"), ("P1", "Papa 1") })
        {
            await scene.EnrolAsync(unit, callsign, "contact");
        }

        var incident = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(scene.IncidentId);
        await ReportAsync(incident, ("T1", TakServer), ("K1", TakServer), ("U1", Udp), ("P1", null));
        await ReportAsync(incident, ("T1", TakServer), ("K1", TakServer), ("U1", Udp), ("P1", null));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);
        var tango = dashboard.Page.Locator("#board-body [data-unit='T1'] .reason");
        var uniform = dashboard.Page.Locator("#board-body [data-unit='U1'] .reason");
        var kilo = dashboard.Page.Locator("#board-body [data-unit='K1']");
        var downWord = "#board-body [data-unit='{0}'] .source-down-word";

        // The TAK Server goes down, and this host's UDP listener refuses part of what comes; only PAPA 1 is heard on.
        var since = host.Clock.GetUtcNow();
        var at = since.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Null(await incident.NoteSource(TakServer, "TAK Server at 10.0.0.9:8089", true, "Connection refused", Here, since));
        Assert.Null(await incident.NoteSource($"{Udp}@{Here}", "CoT over UDP on port 8087", true, "10.0.0.9 sends faster than its rate limit", Here, since, throttled: true));
        for (var i = 0; i < 6; i++)
        {
            await ReportAsync(incident, ("P1", null));
        }

        await Expect(dashboard.Page.Locator("#board-body [data-unit='T1']")).ToHaveAttributeAsync("data-state", "stale");
        await Expect(tango).ToHaveTextAsync($"nothing heard from TAK Server at 10.0.0.9:8089, which it reported through, since {at}");
        await Expect(uniform).ToHaveTextAsync($"part of what comes through CoT over UDP on port 8087, which it reported through, refused since {at}");
        // Under the last fix too, with the words on hover; KILO 1, its report standing, is not stale, and its status cell
        // is its own, but it is unheard as long.
        await Expect(dashboard.Page.Locator(string.Format(null, downWord, "T1"))).ToHaveTextAsync("DOWN");
        await Expect(dashboard.Page.Locator(string.Format(null, downWord, "U1"))).ToHaveTextAsync("REFUSING");
        await Expect(kilo).Not.ToHaveAttributeAsync("data-state", "stale");
        await Expect(kilo.Locator(".source-down-word")).ToHaveAttributeAsync("title", $"nothing heard from TAK Server at 10.0.0.9:8089, which it reported through, since {at}");
        await Expect(dashboard.Page.Locator(string.Format(null, downWord, "P1"))).ToHaveCountAsync(0);
        // The banner says what each outage costs: which units that reported through it are unheard now.
        var banner = dashboard.Page.Locator("#sources-down");
        await Expect(banner).ToHaveTextAsync(
            $"Nothing heard from TAK Server at 10.0.0.9:8089: down since {at} (Connection refused); 2 units unheard: Kilo 1, Tango 1. "
            + $"Refusing part of what comes through CoT over UDP on port 8087 since {at} (10.0.0.9 sends faster than its rate limit); 1 unit unheard: Uniform 1");

        // A replay shows it as it stood: the recording keeps where each fix came in.
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await ReplayDashboardTests.SeekAsync(dashboard, "End");
        await Expect(dashboard.Page.Locator("#replay-badge")).ToBeVisibleAsync();
        await Expect(tango).ToHaveTextAsync($"nothing heard from TAK Server at 10.0.0.9:8089, which it reported through, since {at}");
        await Expect(kilo.Locator(".source-down-word")).ToHaveTextAsync("DOWN");
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Live", Exact = true }).ClickAsync();
        await Expect(dashboard.Page.Locator("#replay-badge")).ToBeHiddenAsync();

        // Heard again, the server is no reason for TANGO 1's silence any more: its row says only that it is stale.
        Assert.Null(await incident.NoteSource(TakServer, "TAK Server at 10.0.0.9:8089", false, null, Here));
        await Expect(tango).ToHaveCountAsync(0);
        await Expect(kilo.Locator(".source-down-word")).ToHaveCountAsync(0);
        await Expect(banner).ToHaveTextAsync(
            $"Refusing part of what comes through CoT over UDP on port 8087 since {at} (10.0.0.9 sends faster than its rate limit); 1 unit unheard: Uniform 1");
        await Expect(dashboard.Page.Locator("#board-body [data-unit='T1']")).ToHaveAttributeAsync("data-state", "stale");
        await Expect(uniform).ToContainTextAsync("CoT over UDP on port 8087");
        Assert.Empty(dashboard.Errors);
    }

    [Fact]
    public async Task A_stale_units_row_says_the_host_that_took_its_reports_in_left_the_cluster_when_noticed_and_last_heard_from()
    {
        // Killed in a two-host cluster, the host whose CoT listener took VICTOR 1's reports in took them with it: the feed
        // said HOST LEFT, but the row said only that it was stale, with no reason, as a radio gone dark would.
        var scene = await Scene.OpenAsync(host, "host-left");
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("V1", "Victor 1", "contact");
        await scene.EnrolAsync("P1", "Papa 1", "contact");
        var incident = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(scene.IncidentId);
        await ReportAsync(incident, Other, ("V1", Udp), ("P1", null));
        await ReportAsync(incident, Other, ("V1", Udp), ("P1", null));
        await using var dashboard = await Dashboard.OpenAsync(host, scene.IncidentId);

        // Noticed gone some ten seconds after it was last heard from, the row says both, as the feed does.
        var left = host.Clock.GetUtcNow().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var lastHeard = host.Clock.GetUtcNow().AddSeconds(-9);
        Assert.Equal(1, await incident.HostLeft(Other, Here, lastHeard: lastHeard));
        for (var i = 0; i < 6; i++)
        {
            await ReportAsync(incident, Here, ("P1", null));
        }

        var heard = lastHeard.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var words = $"its host {Other} left the cluster at {left} (last heard from at {heard}): what it sends there is not heard until it reaches another host";
        await Expect(dashboard.Page.Locator("#board-body [data-unit='V1']")).ToHaveAttributeAsync("data-state", "stale");
        await Expect(dashboard.Page.Locator("#board-body [data-unit='V1'] .reason")).ToHaveTextAsync(words);
        await Expect(dashboard.Page.Locator("#board-body [data-unit='V1'] .source-down-word")).ToHaveTextAsync("HOST LEFT");
        await Expect(dashboard.Page.Locator("#board-body [data-unit='V1'] .source-down-word")).ToHaveAttributeAsync("title", words);
        await Expect(dashboard.Page.Locator("#board-body [data-unit='P1'] .source-down-word")).ToHaveCountAsync(0);

        // A page opened since is told it with the whole picture.
        await using var later = await Dashboard.OpenAsync(host, scene.IncidentId);
        await Expect(later.Page.Locator("#board-body [data-unit='V1'] .reason")).ToHaveTextAsync(words);
        Assert.Empty(dashboard.Errors);
        Assert.Empty(later.Errors);
    }

    private Task ReportAsync(IIncidentGrain incident, params (string Unit, string? Via)[] units) => ReportAsync(incident, Here, units);

    // Each unit's next fix, 5 s on, 200 m south of the site's origin, through the source given, as the host given took it in;
    // KILO 1's says it stands for ten minutes.
    private async Task ReportAsync(IIncidentGrain incident, string receivedBy, params (string Unit, string? Via)[] units)
    {
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        var at = host.Clock.GetUtcNow();
        var reports = units.Select(u => new PositionReport(u.Unit, u.Via is null ? ReportSource.Json : ReportSource.CoT, at, TestSite.Frame.ToGeo(new Command.Domain.Geometry.LocalPoint(0, -200)), AccuracyM: 5,
            StaleAt: u.Unit == "K1" ? at.AddMinutes(10) : null, ReceivedBy: receivedBy, Via: u.Via));
        Assert.All(await incident.Submit([.. reports], ImmutableArray<InputRejected>.Empty, autoEnrol: false), Assert.Null);
    }
}

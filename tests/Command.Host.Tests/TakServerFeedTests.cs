using System.Globalization;
using Command.Fuzz.Live;
using Command.Grains.Links;
using Command.Host.Tests.Support;
using Command.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>
/// The real host set to connect to a TAK Server as one of its clients: what the server's users send reaches the
/// incident, the host holds the server through its lease grain, and a marker sets the threat where it is allowed to.
/// </summary>
public sealed class TakServerFeedTests
{
    private const string Section = "Ingest:Cot:TakServer";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_users_a_tak_server_relays_join_the_incident_and_its_hostile_marker_places_the_threat()
    {
        using var certificates = new TestCertificates(DateTimeOffset.UtcNow, "TAK Server CA");
        using var server = new FakeTakServer(certificates);
        var settings = server.ClientSettings(Section, "command-feed");
        settings[$"{Section}:HostileMarkers"] = "true";
        await using var host = new TakFedHost(settings);
        await host.InitializeAsync();
        await using var watcher = await FrameWatcher.JoinAsync(host, IngestHost.Incident);
        await using var tls = await server.AcceptAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        var time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        await FakeTakServer.SendAsync(tls, CleanReports.Cot("ANDROID-feed01", now, 44.0003, -100.0003)[0]
            + $"<event version='2.0' uid='H-77' type='a-h-G' how='h-g-i-g-o' time='{time}' start='{time}' stale='{now.AddHours(1).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}'>"
            + "<point lat='44.0009' lon='-100.0' hae='0' ce='9999999' le='9999999'/><detail/></event>", Ct);
        var frame = await watcher.WaitForAsync(f => f.Units.Any(u => u.UnitId == "ANDROID-feed01" && u.LastFix is not null) && !f.Threats.IsEmpty);

        Assert.Equal(44.0009, Math.Round(Assert.Single(frame.Threats).Position.Latitude, 4));
        var holder = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISourceLeaseGrain>($"tak/127.0.0.1:{server.Port}").Hold("another-host:11111", TimeSpan.FromSeconds(15));
        Assert.Equal(new SourceHolder(host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.ToString(), null), holder);
    }

    private sealed class TakFedHost(IDictionary<string, string?> settings) : IngestHost(settings);
}

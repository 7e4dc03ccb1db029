using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Command.Domain.Validation;
using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;
using Command.Tests.Shared;

namespace Command.Ingest.Tests.Listeners;

/// <summary>A TAK Server Command connects to as one of its clients, for the CoT its other clients send.</summary>
public sealed class TakServerClientTests : IDisposable
{
    private const string Section = "Ingest:Cot:TakServer";

    private const string Pong = "<?xml version=\"1.0\"?>\n<event version='2.0' uid='takPong' type='t-x-c-t-r' how='h-g-i-g-o' time='2026-03-14T15:00:00Z' "
        + "start='2026-03-14T15:00:00Z' stale='2026-03-14T15:00:20Z'><point lat='0' lon='0' hae='0' ce='9999999' le='9999999'/><detail/></event>";

    private readonly TestCertificates certificates = new(DateTimeOffset.UtcNow, "TAK Server CA");
    private readonly FakeTakServer server;

    public TakServerClientTests() => server = new FakeTakServer(certificates);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        server.Dispose();
        certificates.Dispose();
    }

    [Fact(Timeout = 30_000)]
    public async Task Over_tls_it_shows_its_certificate_pings_and_takes_what_the_server_relays()
    {
        var (rig, _) = await StartAsync(server.ClientSettings(Section, "command-feed"));
        await using var _ = rig;
        await using var tls = await server.AcceptAsync(Ct);
        var ping = await ListenerTests.ReadEventAsync(tls);

        // The answer to its ping, an ATAK user's position, and a hostile marker another user dropped.
        await FakeTakServer.SendAsync(tls, Pong + CotParserTests.Event(uid: "ANDROID-7f3a", detail: "<contact callsign='SRO Baker'/>")
            + CotParserTests.Event("a-h-G", uid: "H-1", how: "h-g-i-g-o"), Ct);
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal("command-feed", tls.RemoteCertificate is X509Certificate2 shown ? shown.GetNameInfo(X509NameType.SimpleName, false) : null);
        Assert.Contains("type=\"t-x-c-t\"", ping, StringComparison.Ordinal);
        Assert.Equal(("ANDROID-7f3a", "SRO Baker"), (delivered[0].Report?.UnitId, delivered[0].Report?.Callsign));
        Assert.Equal(RejectReason.NotAllowed, delivered[1].Refused?.Reason);
        Assert.StartsWith($"hostile marker from cot:H-1@127.0.0.1 may not set the threat: HostileMarkers is off for the TAK Server at 127.0.0.1:{server.Port}",
            delivered[1].Refused?.Detail, StringComparison.Ordinal);
        Assert.Equal([$"Connected to the TAK Server at 127.0.0.1:{server.Port}: taking the CoT its clients send, as CN=command-feed"], rig.Log.Lines("TakServerClient"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Hostile_markers_the_server_relays_set_the_threat_where_allowed_and_it_pings_again_while_quiet()
    {
        var settings = server.ClientSettings(Section, "command-feed");
        settings[$"{Section}:HostileMarkers"] = "true";
        var (rig, _) = await StartAsync(settings);
        await using var _ = rig;
        await using var tls = await server.AcceptAsync(Ct);
        await ListenerTests.ReadEventAsync(tls);

        await FakeTakServer.SendAsync(tls, CotParserTests.Event("a-h-G", uid: "H-1", how: "h-g-i-g-o"), Ct);
        var marker = Assert.Single(await rig.Port.WaitForAsync(1));
        rig.Clock.Advance(TimeSpan.FromSeconds(15));
        var again = await ListenerTests.ReadEventAsync(tls);

        Assert.NotNull(marker.Threat);
        Assert.Equal("cot:H-1@127.0.0.1", marker.Actor);
        Assert.Contains("type=\"t-x-c-t\"", again, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_whose_certificate_its_ca_did_not_issue_is_not_connected_to_and_says_why()
    {
        using var impostor = new TestCertificates(DateTimeOffset.UtcNow, "Somebody else's CA");
        var (rig, tries) = await StartAsync(server.ClientSettings(Section, "command-feed"));
        await using var _ = rig;
        using var tcp = await server.AcceptPlainAsync(Ct);
        await using var tls = new SslStream(tcp.GetStream());
        using var shown = X509Certificate2.CreateFromPemFile(impostor.ServerCertificatePath, impostor.ServerKeyPath);
        try
        {
            // Under TLS 1.3 the server's side of the handshake is over before the client refuses its certificate.
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = shown }, Ct);
        }
        catch (IOException)
        {
        }

        await tries.WaitingAsync();

        var said = Assert.Single(rig.Log.Lines("TakServerClient"));
        Assert.StartsWith($"Cannot reach the TAK Server at 127.0.0.1:{server.Port} (the TLS handshake failed: ", said, StringComparison.Ordinal);
        Assert.Empty(await rig.Port.WaitForAsync(0));
    }

    [Fact(Timeout = 30_000)]
    public async Task Over_plain_tcp_it_takes_the_servers_stream()
    {
        var (rig, _) = await StartAsync(new() { [$"{Section}:Tls"] = "false" });
        await using var _ = rig;
        using var tcp = await server.AcceptPlainAsync(Ct);
        await ListenerTests.ReadEventAsync(tcp.GetStream());

        await FakeTakServer.SendAsync(tcp.GetStream(), CotParserTests.Event(uid: "ANDROID-1"), Ct);

        Assert.Equal("ANDROID-1", Assert.Single(await rig.Port.WaitForAsync(1)).Report?.UnitId);
        Assert.Equal([$"Connected to the TAK Server at 127.0.0.1:{server.Port}: taking the CoT its clients send"], rig.Log.Lines("TakServerClient"));
    }

    private Task<(IngestRig Rig, SourceTries Tries)> StartAsync(Dictionary<string, string?> settings) =>
        SourceTries.StartAsync<TakServerClient>(Section, server.Port, settings);
}

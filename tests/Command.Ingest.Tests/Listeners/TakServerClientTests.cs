using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Command.Domain.Validation;
using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;

namespace Command.Ingest.Tests.Listeners;

/// <summary>A TAK Server Command connects to as one of its clients, for the CoT its other clients send.</summary>
public sealed class TakServerClientTests : IDisposable
{
    private const string Section = "Ingest:Cot:TakServer";

    private readonly TestCertificates certificates = new(DateTimeOffset.UtcNow, "TAK Server CA");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => certificates.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task Over_tls_it_shows_its_certificate_pings_and_takes_what_the_server_relays()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var (rig, _) = await StartAsync(server, Tls(certificates.Client("command-feed")));
        await using var _ = rig;
        await using var tls = await AcceptAsync(server);
        var ping = await ListenerTests.ReadEventAsync(tls);

        // The answer to its ping, an ATAK user's position, and a hostile marker another user dropped.
        await SendAsync(tls, "<?xml version=\"1.0\"?>\n<event version='2.0' uid='takPong' type='t-x-c-t-r' how='h-g-i-g-o' time='2026-03-14T15:00:00Z' start='2026-03-14T15:00:00Z' stale='2026-03-14T15:00:20Z'><point lat='0' lon='0' hae='0' ce='9999999' le='9999999'/><detail/></event>"
            + CotParserTests.Event(uid: "ANDROID-7f3a", detail: "<contact callsign='SRO Baker'/>") + CotParserTests.Event("a-h-G", uid: "H-1", how: "h-g-i-g-o"));
        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal("command-feed", tls.RemoteCertificate is X509Certificate2 shown ? shown.GetNameInfo(X509NameType.SimpleName, false) : null);
        Assert.Contains("type=\"t-x-c-t\"", ping, StringComparison.Ordinal);
        Assert.Equal(("ANDROID-7f3a", "SRO Baker"), (delivered[0].Report?.UnitId, delivered[0].Report?.Callsign));
        Assert.Equal(RejectReason.NotAllowed, delivered[1].Refused?.Reason);
        Assert.StartsWith($"hostile marker from cot:H-1@127.0.0.1 may not set the threat: HostileMarkers is off for the TAK Server at 127.0.0.1:{Port(server)}", delivered[1].Refused?.Detail, StringComparison.Ordinal);
        Assert.Equal([$"Connected to the TAK Server at 127.0.0.1:{Port(server)}: taking the CoT its clients send, as CN=command-feed"], rig.Log.Lines("TakServerClient"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Hostile_markers_the_server_relays_set_the_threat_where_allowed_and_it_pings_again_while_quiet()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var settings = Tls(certificates.Client("command-feed"));
        settings[$"{Section}:HostileMarkers"] = "true";
        var (rig, _) = await StartAsync(server, settings);
        await using var _ = rig;
        await using var tls = await AcceptAsync(server);
        await ListenerTests.ReadEventAsync(tls);

        await SendAsync(tls, CotParserTests.Event("a-h-G", uid: "H-1", how: "h-g-i-g-o"));
        var marker = Assert.Single(await rig.Port.WaitForAsync(1));
        rig.Clock.Advance(TimeSpan.FromSeconds(15));
        var again = await ListenerTests.ReadEventAsync(tls);

        Assert.NotNull(marker.Threat);
        Assert.Equal($"cot:H-1@127.0.0.1", marker.Actor);
        Assert.Contains("type=\"t-x-c-t\"", again, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_whose_certificate_its_ca_did_not_issue_is_not_connected_to_and_says_why()
    {
        using var impostor = new TestCertificates(DateTimeOffset.UtcNow, "Somebody else's CA");
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var (rig, tries) = await StartAsync(server, Tls(certificates.Client("command-feed")));
        await using var _ = rig;
        using var tcp = await server.AcceptTcpClientAsync(Ct);
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
        Assert.StartsWith($"Cannot reach the TAK Server at 127.0.0.1:{Port(server)} (the TLS handshake failed: ", said, StringComparison.Ordinal);
        Assert.Empty(await rig.Port.WaitForAsync(0));
    }

    [Fact(Timeout = 30_000)]
    public async Task Over_plain_tcp_it_takes_the_servers_stream()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var (rig, _) = await StartAsync(server, new() { [$"{Section}:Tls"] = "false" });
        await using var _ = rig;
        using var tcp = await server.AcceptTcpClientAsync(Ct);
        await ListenerTests.ReadEventAsync(tcp.GetStream());

        await SendAsync(tcp.GetStream(), CotParserTests.Event(uid: "ANDROID-1"));

        Assert.Equal("ANDROID-1", Assert.Single(await rig.Port.WaitForAsync(1)).Report?.UnitId);
        Assert.Equal([$"Connected to the TAK Server at 127.0.0.1:{Port(server)}: taking the CoT its clients send"], rig.Log.Lines("TakServerClient"));
    }

    private static int Port(TcpListener server) => ((IPEndPoint)server.LocalEndpoint).Port;

    private static Task<(IngestRig Rig, SourceTries Tries)> StartAsync(TcpListener server, Dictionary<string, string?> settings) =>
        SourceTries.StartAsync<TakServerClient>(Section, Port(server), settings);

    // The client's certificate as a TAK Server's admin hands it out (a .p12 with atakatak), and the server's CA as PEM.
    private Dictionary<string, string?> Tls(X509Certificate2 client)
    {
        var path = Path.Combine(certificates.Folder, "command-feed.p12");
        File.WriteAllBytes(path, client.Export(X509ContentType.Pkcs12, "atakatak"));
        client.Dispose();
        return new()
        {
            [$"{Section}:CertificatePath"] = path,
            [$"{Section}:CertificatePassword"] = "atakatak",
            [$"{Section}:TrustPath"] = certificates.CaPath,
        };
    }

    // Accepts the client's connection as a TAK Server does: its own certificate shown, the client's asked for.
    private async Task<SslStream> AcceptAsync(TcpListener server)
    {
        var tcp = await server.AcceptTcpClientAsync(Ct);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        using var shown = X509Certificate2.CreateFromPemFile(certificates.ServerCertificatePath, certificates.ServerKeyPath);
        await tls.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions { ServerCertificate = shown, ClientCertificateRequired = true, RemoteCertificateValidationCallback = (_, presented, _, _) => IssuedByOurCa(presented) }, Ct);
        return tls;
    }

    // The server takes a client certificate its own CA issued, as a TAK Server does.
    private bool IssuedByOurCa(X509Certificate? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificates.Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return presented is X509Certificate2 certificate && chain.Build(certificate);
    }

    private static async Task SendAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), Ct);
        await stream.FlushAsync(Ct);
    }
}

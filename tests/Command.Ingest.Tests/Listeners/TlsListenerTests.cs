using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Command.Domain.Validation;
using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;
using Command.Tests.Shared;

namespace Command.Ingest.Tests.Listeners;

/// <summary>CoT over TLS admits client certificates from the configured CA, each bound to its unit by its common name.</summary>
public sealed class TlsListenerTests : IDisposable
{
    private readonly TestCertificates certificates = new(IngestRig.Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task A_client_with_a_certificate_from_the_configured_ca_reports_for_its_unit()
    {
        await using var rig = await IngestRig.StartAsync(certificates.Settings());
        using var certificate = certificates.Client("ALPHA-1");
        await using var client = await ConnectAsync(rig, certificate);
        await SendAsync(client, CotParserTests.Event(uid: "ALPHA-1"));

        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("drill-1", "ALPHA-1"), (delivered.Incident, delivered.Report?.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_ping_over_tls_is_answered_inside_it()
    {
        await using var rig = await IngestRig.StartAsync(certificates.Settings());
        using var certificate = certificates.Client("ALPHA-1");
        await using var client = await ConnectAsync(rig, certificate);
        await SendAsync(client, CotParserTests.Event(Command.Ingest.Cot.CotOutcome.PingType, uid: "ALPHA-1-ping"));

        Assert.Contains("type=\"t-x-c-t-r\"", await ListenerTests.ReadEventAsync(client), StringComparison.Ordinal);
        await SendAsync(client, CotParserTests.Event(uid: "ALPHA-1"));
        Assert.Equal("ALPHA-1", Assert.Single(await rig.Port.WaitForAsync(1)).Report?.UnitId);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_client_with_a_certificate_from_another_ca_is_refused_and_counted()
    {
        await using var rig = await IngestRig.StartAsync(certificates.Settings());
        using var stranger = certificates.ClientOfAnotherAuthority("ALPHA-1");
        try
        {
            // Under TLS 1.3 the client may finish its side of the handshake before the listener refuses it.
            await using var refused = await ConnectAsync(rig, stranger);
            await SendAsync(refused, CotParserTests.Event(uid: "ALPHA-1"));
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            // Refused during the handshake, as TLS 1.2 does.
        }

        await rig.Meters.RejectedAsync("not-allowed", 1);
        using var good = certificates.Client("BRAVO-2");
        await using var client = await ConnectAsync(rig, good);
        await SendAsync(client, CotParserTests.Event(uid: "BRAVO-2"));

        Assert.Equal("BRAVO-2", Assert.Single(await rig.Port.WaitForAsync(1)).Report?.UnitId);
        Assert.Equal(1, rig.Meters.Rejected("not-allowed", "CoT"));
        Assert.Contains(
            "not-allowed (connection from 127.0.0.1 refused: certificate CN=ALPHA-1 is not a client certificate from the configured CA (Ingest:Cot:Tls:ClientCaPath): ",
            Assert.Single(rig.Log.Lines("RejectionLog")), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_client_without_a_certificate_is_refused()
    {
        await using var rig = await IngestRig.StartAsync(certificates.Settings());
        try
        {
            await using var anonymous = await ConnectAsync(rig, null);
            await SendAsync(anonymous, CotParserTests.Event(uid: "ALPHA-1"));
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            // Refused during the handshake.
        }

        await rig.Meters.RejectedAsync("not-allowed", 1);

        Assert.Contains("refused: it presented no client certificate (Ingest:Cot:Tls)", Assert.Single(rig.Log.Lines("RejectionLog")), StringComparison.Ordinal);
        Assert.Empty(rig.Port.Snapshot());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_certificate_reports_for_its_own_unit_only()
    {
        var settings = certificates.Settings();
        settings["Ingest:Cot:Tls:Units:alpha"] = "ANDROID-77";
        await using var rig = await IngestRig.StartAsync(settings);
        using var certificate = certificates.Client("alpha");
        await using var client = await ConnectAsync(rig, certificate);
        await SendAsync(client, CotParserTests.Event(uid: "BRAVO-2") + CotParserTests.Event(uid: "ANDROID-77"));

        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal("ANDROID-77", Assert.Single(delivered, d => d.Report is not null).Report!.UnitId);
        var refused = Assert.Single(delivered, d => d.Refused is not null).Refused!;
        Assert.Equal((RejectReason.NotAllowed, "certificate CN=alpha is bound to unit ANDROID-77, not BRAVO-2", "BRAVO-2"), (refused.Reason, refused.Detail, refused.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_certificate_signs_off_its_own_unit_only()
    {
        var settings = certificates.Settings();
        settings["Ingest:Cot:Tls:Units:alpha"] = "ANDROID-77";
        var enrolled = new EnrolledUnits(new Dictionary<string, string> { ["ANDROID-77"] = "drill-1", ["BRAVO-2"] = "drill-1" });
        await using var rig = await IngestRig.StartAsync(settings, routes: enrolled);
        rig.Port.DeletionAnswer = (_, marker) => new Domain.Validation.Rejection(RejectReason.NotAPosition, $"deletion of map item {marker}, which placed no threat here, is not a position");
        rig.Port.SignOffAnswer = _ => null;
        using var certificate = certificates.Client("alpha");
        await using var client = await ConnectAsync(rig, certificate);
        await SendAsync(client, SignOffTests.ServerSaysOffline("BRAVO-2") + SignOffTests.ServerSaysOffline("ANDROID-77"));

        var delivered = await rig.Port.WaitForAsync(3);

        // Another unit's sign-off is no more than a map item's deletion: the incident says it placed no threat.
        Assert.Equal("ANDROID-77", Assert.Single(delivered, d => d.SignedOff is not null).SignedOff);
        Assert.Equal("BRAVO-2", Assert.Single(delivered, d => d.DeletedMarker is not null).DeletedMarker);
        Assert.Equal(RejectReason.NotAPosition, Assert.Single(delivered, d => d.Refused is not null).Refused!.Reason);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hostile_marker_over_tls_names_the_certificate_in_its_actor()
    {
        await using var rig = await IngestRig.StartAsync(certificates.Settings());
        using var certificate = certificates.Client("ALPHA-1");
        await using var client = await ConnectAsync(rig, certificate);
        await SendAsync(client, CotParserTests.Event("a-h-G", uid: "H-9"));

        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("T1", "cot:H-9@127.0.0.1 (CN=ALPHA-1)"), (delivered.Threat?.ThreatId, delivered.Actor));
    }

    public void Dispose() => certificates.Dispose();

    private async Task<SslStream> ConnectAsync(IngestRig rig, X509Certificate2? certificate)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, rig.Listener<CotTlsListener>().BoundPort!.Value, Ct);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = certificate is null ? [] : [certificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
            RemoteCertificateValidationCallback = (_, presented, _, _) => certificates.IssuedHost(presented),
        }, Ct);
        return tls;
    }

    private static async Task SendAsync(SslStream tls, string text)
    {
        await tls.WriteAsync(Encoding.UTF8.GetBytes(text), Ct);
        await tls.FlushAsync(Ct);
    }
}

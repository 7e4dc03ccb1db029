using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Command.Tests.Shared;

/// <summary>
/// A TAK Server's streaming port as a test plays it: TLS with the host certificate its CA issued, a client certificate
/// from that CA required of whoever connects, as a TAK Server asks of its clients.
/// </summary>
internal sealed class FakeTakServer : IDisposable
{
    private readonly TestCertificates certificates;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public FakeTakServer(TestCertificates certificates)
    {
        this.certificates = certificates;
        listener.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>
    /// The settings under <paramref name="section"/> that reach this server as client <paramref name="commonName"/>: its
    /// certificate as a TAK Server's admin hands it out (a <c>.p12</c> with <c>atakatak</c>), and the server's CA as PEM.
    /// </summary>
    public Dictionary<string, string?> ClientSettings(string section, string commonName)
    {
        var path = Path.Combine(certificates.Folder, $"{commonName}.p12");
        using (var client = certificates.Client(commonName))
        {
            File.WriteAllBytes(path, client.Export(X509ContentType.Pkcs12, "atakatak"));
        }

        return new()
        {
            [$"{section}:Enabled"] = "true",
            [$"{section}:Host"] = "127.0.0.1",
            [$"{section}:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{section}:CertificatePath"] = path,
            [$"{section}:CertificatePassword"] = "atakatak",
            [$"{section}:TrustPath"] = certificates.CaPath,
        };
    }

    /// <summary>Accepts a client's connection as a TAK Server does: its own certificate shown, the client's asked for and checked.</summary>
    public async Task<SslStream> AcceptAsync(CancellationToken cancellationToken)
    {
        var tcp = await listener.AcceptTcpClientAsync(cancellationToken);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        using var shown = X509Certificate2.CreateFromPemFile(certificates.ServerCertificatePath, certificates.ServerKeyPath);
        await tls.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions { ServerCertificate = shown, ClientCertificateRequired = true, RemoteCertificateValidationCallback = (_, presented, _, _) => IssuedByItsCa(presented) },
            cancellationToken);
        return tls;
    }

    /// <summary>Accepts the next connection without TLS: what was asked of the client is the test's.</summary>
    public Task<TcpClient> AcceptPlainAsync(CancellationToken cancellationToken) => listener.AcceptTcpClientAsync(cancellationToken).AsTask();

    /// <summary>Sends <paramref name="text"/> (CoT events) to a client.</summary>
    public static async Task SendAsync(Stream stream, string text, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public void Dispose() => listener.Dispose();

    private bool IssuedByItsCa(X509Certificate? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificates.Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return presented is X509Certificate2 certificate && chain.Build(certificate);
    }
}

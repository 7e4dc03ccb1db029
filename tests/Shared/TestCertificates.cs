using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Command.Tests.Shared;

/// <summary>
/// A CA, a host certificate it issued and client certificates on demand, all made by the test (nothing checked in),
/// valid around <c>now</c>. The CA and the host's certificate and key are written as PEM files, as an admin gives them.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly DateTimeOffset now;

    public TestCertificates(DateTimeOffset now, string authorityName = "Drill CA")
    {
        this.now = now;
        Authority = NewAuthority(authorityName, now);
        Folder = Directory.CreateTempSubdirectory("command-tls-").FullName;
        using var server = Issue(Authority, "localhost", ServerAuthentication, now);
        File.WriteAllText(CaPath, Authority.ExportCertificatePem());
        File.WriteAllText(ServerCertificatePath, server.ExportCertificatePem());
        File.WriteAllText(ServerKeyPath, server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Authority { get; }

    public string Folder { get; }

    public string CaPath => Path.Combine(Folder, "client-ca.pem");

    public string ServerCertificatePath => Path.Combine(Folder, "server.pem");

    public string ServerKeyPath => Path.Combine(Folder, "server.key");

    /// <summary>The settings that turn the CoT TLS listener on with these certificates.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Ingest:Cot:Tls:Enabled"] = "true",
        ["Ingest:Cot:Tls:BindAddress"] = "127.0.0.1",
        ["Ingest:Cot:Tls:Port"] = "0",
        ["Ingest:Cot:Tls:CertificatePath"] = ServerCertificatePath,
        ["Ingest:Cot:Tls:CertificateKeyPath"] = ServerKeyPath,
        ["Ingest:Cot:Tls:ClientCaPath"] = CaPath,
    };

    /// <summary>A client certificate with common name <paramref name="commonName"/> from this CA.</summary>
    public X509Certificate2 Client(string commonName) => Issue(Authority, commonName, ClientAuthentication, now);

    /// <summary>A client certificate from a CA of its own, which the listener was never given.</summary>
    public X509Certificate2 ClientOfAnotherAuthority(string commonName)
    {
        using var other = NewAuthority("Somebody else's CA", now);
        return Issue(other, commonName, ClientAuthentication, now);
    }

    /// <summary>True when <paramref name="presented"/> is the host certificate this CA issued, checked at the test's time.</summary>
    public bool IssuedHost(X509Certificate? presented)
    {
        if (presented is not X509Certificate2 certificate)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(certificate) && certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) == "localhost";
    }

    public void Dispose()
    {
        Authority.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static X509Certificate2 NewAuthority(string name, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddDays(-2), now.AddYears(2));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string commonName, Oid usage, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (usage.Value == ServerAuthentication.Value)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using var issued = request.Create(authority, now.AddDays(-1), now.AddYears(1), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}

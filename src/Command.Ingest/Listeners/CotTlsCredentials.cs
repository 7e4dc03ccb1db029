using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Command.Ingest.Listeners;

/// <summary>The outcome of checking a client certificate: the unit it is bound to, or why it is refused.</summary>
public sealed record CertificateCheck(CertifiedUnit? Unit, string? Refusal);

/// <summary>
/// The CoT TLS listener's certificates, read once at start-up: the host's own, and the CA that issues client
/// certificates. A client certificate is admitted when it chains to that CA at the listener's clock time (no
/// revocation check, no downloads), may be used for client authentication, and is not itself a CA; its common name
/// binds it to a unit.
/// </summary>
public sealed class CotTlsCredentials
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly string section;
    private readonly X509Certificate2Collection authorities;
    private readonly Dictionary<string, string> units;

    private CotTlsCredentials(string section, SslStreamCertificateContext server, X509Certificate2Collection authorities, Dictionary<string, string> units) =>
        (this.section, Server, this.authorities, this.units) = (section, server, authorities, units);

    /// <summary>The host's certificate, as the handshake presents it.</summary>
    public SslStreamCertificateContext Server { get; }

    /// <summary>Reads the files <paramref name="options"/> names; throws <see cref="OptionsValidationException"/> naming each key that could not work.</summary>
    public static CotTlsCredentials Load(string section, TlsListenerOptions options)
    {
        var failures = new List<string>();
        var server = CertificateFiles.Read(failures, $"{section}:CertificatePath", options.CertificatePath, Required, path => LoadServer(path, options));
        if (server is { HasPrivateKey: false })
        {
            failures.Add($"{section}:CertificatePath '{options.CertificatePath}' holds no private key (give it in {section}:CertificateKeyPath).");
        }

        var authorities = CertificateFiles.Read(failures, $"{section}:ClientCaPath", options.ClientCaPath, Required, path =>
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates.Count > 0 ? certificates : throw new CryptographicException("it holds no PEM certificate");
        });
        if (options.HandshakeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}:HandshakeTimeout must be positive.");
        }

        return failures.Count > 0
            ? throw new OptionsValidationException(section, typeof(TlsListenerOptions), failures)
            : new CotTlsCredentials(section, SslStreamCertificateContext.Create(server!, additionalCertificates: null, offline: true), authorities!, options.Units);
    }

    /// <summary>Checks the certificate a client presented, at <paramref name="now"/>.</summary>
    public CertificateCheck Check(X509Certificate? presented, DateTimeOffset now)
    {
        if (presented is not X509Certificate2 certificate)
        {
            return Refuse("it presented no client certificate");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        if (!chain.Build(certificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
            return Refuse($"certificate {certificate.Subject} is not a client certificate from the configured CA ({section}:ClientCaPath): {status}");
        }

        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
        {
            return Refuse($"certificate {certificate.Subject} is a CA's, not a client's");
        }

        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (string.IsNullOrWhiteSpace(commonName))
        {
            return Refuse($"certificate {certificate.Subject} has no common name to bind it to a unit");
        }

        return new CertificateCheck(new CertifiedUnit($"CN={commonName}", units.GetValueOrDefault(commonName, commonName)), null);
    }

    private static CertificateCheck Refuse(string why) => new(null, why);

    // When the certificate files are required.
    private const string Required = "when CoT over TLS is enabled";

    private static X509Certificate2 LoadServer(string path, TlsListenerOptions options) =>
        CertificateFiles.IsPkcs12(path)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword)
            : X509Certificate2.CreateFromPemFile(path, options.CertificateKeyPath);
}

using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Command.Ingest.Listeners;

/// <summary>
/// What Command shows a TAK Server and trusts it by, read once at start-up: the client certificate the server's admin
/// issued, and the CA that issued the server's. The server's certificate must chain to that CA (no other root, no
/// revocation check, no downloads) and carry the name Command reaches it by.
/// </summary>
public sealed class TakServerCredentials
{
    private readonly X509Certificate2 client;
    private readonly X509Certificate2Collection authorities;
    private readonly string serverName;

    private TakServerCredentials(X509Certificate2 client, X509Certificate2Collection authorities, string serverName) =>
        (this.client, this.authorities, this.serverName) = (client, authorities, serverName);

    /// <summary>The client certificate's subject, as the log names it.</summary>
    public string Subject => client.Subject;

    /// <summary>Reads the files <paramref name="options"/> names; throws <see cref="OptionsValidationException"/> naming each key that could not work.</summary>
    public static TakServerCredentials Load(string section, TakServerClientOptions options)
    {
        var failures = new List<string>();
        var client = CertificateFiles.Read(failures, $"{section}:CertificatePath", options.CertificatePath, Required, path => CertificateFiles.IsPkcs12(path)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword)
            : X509Certificate2.CreateFromPemFile(path, options.CertificateKeyPath));
        if (client is { HasPrivateKey: false })
        {
            failures.Add($"{section}:CertificatePath '{options.CertificatePath}' holds no private key (give a .p12 with its password, or the PEM key's file in {section}:CertificateKeyPath).");
        }

        var authorities = CertificateFiles.Read(failures, $"{section}:TrustPath", options.TrustPath, Required, path =>
        {
            var certificates = CertificateFiles.IsPkcs12(path) ? X509CertificateLoader.LoadPkcs12CollectionFromFile(path, options.TrustPassword) : Pem(path);
            return certificates.Count > 0 ? certificates : throw new CryptographicException("it holds no certificate");
        });
        return failures.Count > 0
            ? throw new OptionsValidationException(section, typeof(TakServerClientOptions), failures)
            : new TakServerCredentials(client!, authorities!, options.ServerName ?? options.Host);
    }

    /// <summary>How the TLS handshake is made: this certificate shown, the server's checked against the CA and the name.</summary>
    public SslClientAuthenticationOptions Handshake()
    {
        var chain = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        chain.CustomTrustStore.AddRange(authorities);
        return new SslClientAuthenticationOptions { TargetHost = serverName, ClientCertificates = [client], CertificateChainPolicy = chain };
    }

    // When the certificate files are required.
    private const string Required = "when the TAK Server is reached over TLS";

    private static X509Certificate2Collection Pem(string path)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        return certificates;
    }
}

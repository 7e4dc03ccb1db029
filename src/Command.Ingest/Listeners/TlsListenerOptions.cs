namespace Command.Ingest.Listeners;

/// <summary>
/// CoT over TLS with client certificates (<c>Ingest:Cot:Tls</c>), the way TAK Server's streaming port works: the
/// host presents its own certificate and admits clients whose certificate an admin-provided CA issued; each
/// certificate reports for one unit. Its allow-list defaults to every address, since the certificate admits.
/// </summary>
public sealed record TlsListenerOptions : TcpListenerOptions
{
    /// <summary>Off until configured: it needs certificates. Port 8089, TAK Server's streaming port.</summary>
    public TlsListenerOptions() => (Enabled, Port, MaxFrameBytes) = (false, 8089, 64 * 1024);

    /// <summary>
    /// The host's certificate: a PEM file (its key in <see cref="CertificateKeyPath"/> or in the same file) or a
    /// PKCS#12 file (.pfx, .p12; password in <see cref="CertificatePassword"/>). Required when enabled. Default null.
    /// </summary>
    public string? CertificatePath { get; init; }

    /// <summary>PEM file of the private key of <see cref="CertificatePath"/>; null when the key is in that file. Default null.</summary>
    public string? CertificateKeyPath { get; init; }

    /// <summary>Password of a PKCS#12 <see cref="CertificatePath"/>. Default null.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>PEM file of the CA certificate (or certificates) that issue client certificates. Required when enabled. Default null.</summary>
    public string? ClientCaPath { get; init; }

    /// <summary>
    /// The unit each certificate reports for, by its common name (<c>Units:&lt;CN&gt;=&lt;unit uid&gt;</c>); a common
    /// name not listed reports for the unit of the same id. A report for any other unit is refused as not-allowed.
    /// Default empty.
    /// </summary>
    public Dictionary<string, string> Units { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Time a client has to complete the TLS handshake before it is refused. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

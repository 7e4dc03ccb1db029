using System.Globalization;
using Microsoft.Extensions.Options;

namespace Command.Ingest.Listeners;

/// <summary>
/// A TAK Server Command connects to as one of its clients, for the Cursor on Target its other clients send
/// (configuration section <c>Ingest:Cot:TakServer</c>): its streaming port, over TLS with a client certificate the
/// server's admin issued, or plain TCP. Checked when the host starts: a value that could not work stops it, naming its
/// key; the certificates are read then too.
/// </summary>
public sealed record TakServerClientOptions : SourceClientOptions
{
    /// <summary>The TAK Server. Default "127.0.0.1".</summary>
    public override string Host { get; init; } = "127.0.0.1";

    /// <summary>Its streaming port. Default 8089 (TLS); a server's plain streaming port is 8087.</summary>
    public override int Port { get; init; } = 8089;

    /// <summary>Connect over TLS, presenting a client certificate. Default true.</summary>
    public bool Tls { get; init; } = true;

    /// <summary>The client certificate and its key, as the server's admin issued them (a <c>.p12</c>, or PEM). Required over TLS.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The client certificate's password, where it is a <c>.p12</c> (a TAK Server's <c>makeCert.sh</c> uses <c>atakatak</c>).</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>The client certificate's PEM key file, where the certificate is PEM without its key.</summary>
    public string? CertificateKeyPath { get; init; }

    /// <summary>The CA that issued the server's certificate (the server's <c>truststore-root.p12</c>, or PEM). Required over TLS.</summary>
    public string? TrustPath { get; init; }

    /// <summary>The trust store's password, where it is a <c>.p12</c>.</summary>
    public string? TrustPassword { get; init; }

    /// <summary>The name the server's certificate is checked against, where it is not <see cref="Host"/> (a server reached by address). Default null.</summary>
    public string? ServerName { get; init; }

    /// <summary>
    /// Hostile markers (<c>a-h-…</c>) the server relays set the incident's threat. Default false: a marker any of its
    /// users drops is refused as not allowed until this is set.
    /// </summary>
    public bool HostileMarkers { get; init; }

    /// <summary>Longest event taken, bytes; longer ones are refused as oversized. Default 64 KiB.</summary>
    public int MaxFrameBytes { get; init; } = 64 * 1024;

    /// <summary>How often Command pings the server (<c>t-x-c-t</c>), as ATAK does when it hears nothing. Default 15 s.</summary>
    public TimeSpan PingEvery { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A server that sends nothing for this long, not even the answer to a ping, is taken as gone. Default 1 minute.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the TLS handshake may take. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every setting, bound from <paramref name="section"/>, that could not work.</summary>
    public TakServerClientOptions Checked(string section)
    {
        var failures = Problems(section, "TAK Server").ToList();
        if (MaxFrameBytes is < 1024 or > 1024 * 1024)
        {
            failures.Add($"{section}:MaxFrameBytes {MaxFrameBytes} is not 1024 to 1048576.");
        }

        if (PingEvery < TimeSpan.FromSeconds(1) || PingEvery >= SilenceTimeout)
        {
            failures.Add($"{section}:PingEvery {Span(PingEvery)} must be at least 1 s and shorter than SilenceTimeout ({Span(SilenceTimeout)}).");
        }

        if (HandshakeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}:HandshakeTimeout must be positive.");
        }

        return failures.Count == 0 ? this : throw new OptionsValidationException(section, typeof(TakServerClientOptions), failures);
    }

    private static string Span(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}

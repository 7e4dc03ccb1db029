using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Command.Domain.Validation;
using Command.Ingest.Cot;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// CoT over TLS (<c>Ingest:Cot:Tls</c>, default off, port 8089 as TAK Server's streaming port): the CoT TCP stream
/// inside TLS, admitted by client certificate (<see cref="CotTlsCredentials"/>). A connection whose certificate is
/// missing, from another CA, or whose handshake does not finish in time is refused as not-allowed, counted and
/// logged; an admitted one reports for its certificate's unit only.
/// </summary>
public sealed class CotTlsListener(
    string section, TlsListenerOptions options, CotTlsCredentials? credentials, IngestContext context, CotParser parser, ILogger<CotTlsListener> logger)
    : CotTcpListener(section, options, context, parser, logger, SourcePolicy.Anywhere)
{
    protected override string Named => "CoT over TLS";

    protected override TimeSpan FirstMessageDue => options.HandshakeTimeout + options.FirstMessageTimeout;

    protected override async Task<(Stream Stream, RadioSource Source)?> OpenAsync(NetworkStream network, RadioSource source, CancellationToken cancellationToken)
    {
        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        var trust = credentials ?? throw new InvalidOperationException($"{Section} serves without its certificates");
        CertificateCheck? check = null;
        var authentication = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = trust.Server,
            ClientCertificateRequired = true,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => (check = trust.Check(certificate, Clock.GetUtcNow())).Unit is not null,
        };
        using var deadline = new CancellationTokenSource(options.HandshakeTimeout, Clock);
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await tls.AuthenticateAsServerAsync(authentication, handshake.Token).ConfigureAwait(false);
            return (tls, source with { Certificate = check!.Unit });
        }
        catch (Exception e) when ((e is AuthenticationException or IOException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            var why = check?.Refusal
                ?? (deadline.IsCancellationRequested ? $"no TLS handshake within {options.HandshakeTimeout.TotalSeconds:0.#} s" : $"TLS handshake failed: {e.Message}");
            Context.Refused(Source, new Rejection(RejectReason.NotAllowed, $"connection from {source.Address} refused: {why} ({Section})"));
            await tls.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }
}

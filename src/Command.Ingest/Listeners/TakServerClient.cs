using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Cot;
using Command.Ingest.Intake;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// Connects to a TAK Server as one of its clients (<c>Ingest:Cot:TakServer</c>) and takes the Cursor on Target its
/// other clients send: their positions, alerts and markers, read as CoT over TCP is. A hostile marker sets the threat
/// only where <see cref="TakServerClientOptions.HostileMarkers"/> allows it; otherwise it is refused as not allowed, and
/// recorded. Over TLS the client certificate the server's admin issued is shown and the server's is checked against
/// its CA; a handshake that fails is an outage, said with its reason. Command pings the server every
/// <see cref="TakServerClientOptions.PingEvery"/>, as ATAK does, and takes a server that sends nothing for
/// <see cref="TakServerClientOptions.SilenceTimeout"/>, not even the answer to a ping, as gone. It is connected to, and
/// again, as any source Command connects out to (<see cref="SourceClient"/>): by one host of a cluster at a time, so
/// that each event comes in once.
/// </summary>
public sealed class TakServerClient : SourceClient
{
    private static readonly byte[] EndOfEvent = "</event>"u8.ToArray();

    private readonly TakServerClientOptions options;
    private readonly TakServerCredentials? credentials;
    private readonly IngestContext context;
    private readonly CotParser parser;

    public TakServerClient(TakServerClientOptions options, TakServerCredentials? credentials, IngestContext context, CotParser parser, ISourceLease lease, ILogger<TakServerClient> logger)
        : base(options, context, lease, logger) =>
        (this.options, this.credentials, this.context, this.parser) = (options, credentials, context, parser);

    protected override string Named => "the TAK Server";

    protected override string Taking => options.Tls ? $"taking the CoT its clients send, as {credentials?.Subject}" : "taking the CoT its clients send";

    protected override string Kind => "tak";

    protected override string Protocol => "CoT";

    protected override string Section => "Ingest:Cot:TakServer";

    // The address of the server this host is connected to, as an actor names it.
    private IPAddress remote = IPAddress.None;

    protected override async Task<Stream> OpenAsync(TcpClient tcp, CancellationToken cancellationToken)
    {
        remote = tcp.Client.RemoteEndPoint is IPEndPoint endPoint
            ? endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address
            : IPAddress.None;
        return options.Tls ? await HandshakeAsync(tcp.GetStream(), cancellationToken).ConfigureAwait(false) : tcp.GetStream();
    }

    protected override async Task<bool> ReadAsync(Stream stream, Action heard, CancellationToken cancellationToken)
    {
        using var silence = new CancellationTokenSource(options.SilenceTimeout, context.Clock);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silence.Token);
        var pinging = PingAsync(stream, reading.Token);
        // What the server relays may do, as an allow-list entry grants a listener's sender: set the threat where allowed.
        // No rate or connection limit: the server relays all its clients, on one connection Command made.
        var source = new RadioSource(remote, new SourceGrant($"the TAK Server at {options.Host}:{options.Port}", Section, 0, 0, 1, options.HostileMarkers));
        var incident = options.Incident ?? context.Options.Incident;
        var unknownUnits = options.UnknownUnits ?? context.Options.UnknownUnits;
        var frames = new FrameReader(PipeReader.Create(stream), EndOfEvent, keepDelimiter: true, options.MaxFrameBytes, starts: CotEventStarts.Instance);
        var any = false;
        try
        {
            while (true)
            {
                if (await NextFrameAsync(frames, silence, options.SilenceTimeout, "the answer to a ping", reading.Token, cancellationToken).ConfigureAwait(false) is not { } read)
                {
                    return any;
                }

                var outcome = read.Oversized || read.CutOff ? null : parser.Parse(read.Bytes);
                if (!any)
                {
                    // Until the server has sent CoT, what it sends in nothing like it is no event to refuse: the wrong
                    // port (a web server's answer), said as the outage's reason.
                    if (outcome is null || outcome.Report?.Rejection?.Reason == RejectReason.Malformed)
                    {
                        Answered(read.Text);
                        continue;
                    }

                    any = true;
                    heard();
                }

                if (Take(read, outcome, incident, unknownUnits, source) is { } item)
                {
                    await context.Queue.EnqueueAsync(item with { Source = Section }, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await reading.CancelAsync().ConfigureAwait(false);
            await pinging.ConfigureAwait(false);
        }
    }

    private IngestItem? Take(Frame frame, CotOutcome? outcome, string incident, UnknownUnitPolicy unknownUnits, RadioSource source)
    {
        context.Received(ReportSource.CoT);
        if (frame.CutOff)
        {
            // An event cut off short by the next one's start: refused on its own, as on a listener's stream.
            return new IngestItem(incident, unknownUnits, IncomingReport.Refused(ReportSource.CoT, frame.Text.Trim(),
                new Rejection(RejectReason.Malformed, CotEventStarts.Instance.CutOff(frame.Bytes))));
        }

        if (outcome is null)
        {
            return new IngestItem(incident, unknownUnits, IncomingReport.Refused(ReportSource.CoT, frame.Text,
                new Rejection(RejectReason.Oversized, FormattableString.Invariant($"message is longer than the {options.MaxFrameBytes}-byte limit"))));
        }

        // A ping from the server, or its answer to ours, keeps the connection and is no report.
        return outcome.Ping || outcome.Pong || outcome.LogIn ? null : CotItems.From(outcome, incident, unknownUnits, source);
    }

    // Shows the client certificate and checks the server's; a failure is the connection's, with its reason.
    private async Task<Stream> HandshakeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(options.HandshakeTimeout, context.Clock);
        using var handshaking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await tls.AuthenticateAsClientAsync(credentials!.Handshake(), handshaking.Token).ConfigureAwait(false);
            return tls;
        }
        catch (Exception e) when (e is AuthenticationException || (e is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new IOException(e is AuthenticationException
                ? $"the TLS handshake failed: {e.Message}"
                : $"the TLS handshake took longer than {options.HandshakeTimeout.TotalSeconds:0} s", e);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Pings the server now and every PingEvery, as ATAK does: the answer tells the server is there.
    private async Task PingAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await stream.WriteAsync(CotKeepAlive.Ping(context.Clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(options.PingEvery, context.Clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection ended; the read says why.
        }
    }
}

using System.IO.Pipelines;
using System.Text;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Aprs;
using Command.Ingest.Intake;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// Logs in to an APRS-IS server (<c>Ingest:Aprs:AprsIs</c>), receive only, and takes the packets its filter asks for:
/// what iGates anywhere heard from the trackers the filter names, as TNC2 lines parsed as an iGate's are. The server's
/// comments (its banner, its answer to the log-in, a keepalive every 20 s) are no packets; its answer to the log-in
/// is logged. A line past the size limit is refused as oversized, and recorded. A server that sends nothing for
/// <see cref="AprsIsClientOptions.SilenceTimeout"/> is taken as gone. It is connected to, and again, as any source
/// Command connects out to (<see cref="SourceClient"/>): by one host of a cluster at a time.
/// </summary>
public sealed partial class AprsIsClient : SourceClient
{
    private const ReportSource Source = ReportSource.Aprs;

    private readonly AprsIsClientOptions options;
    private readonly IngestContext context;
    private readonly AprsParser parser;
    private readonly ILogger logger;

    public AprsIsClient(AprsIsClientOptions options, IngestContext context, AprsParser parser, ISourceLease lease, ILogger<AprsIsClient> logger)
        : base(options, context, lease, logger) =>
        (this.options, this.context, this.parser, this.logger) = (options, context, parser, logger);

    protected override string Named => "the APRS-IS server";

    protected override string Taking => $"taking the packets of filter {options.Filter}";

    protected override string Kind => "aprs-is";

    protected override string Protocol => "APRS-IS";

    protected override string Section => "Ingest:Aprs:AprsIs";

    // The log-in line: receive only (passcode -1), with the filter.
    private string LogIn
    {
        get
        {
            var version = typeof(AprsIsClient).Assembly.GetName().Version;
            return $"user {options.Login} pass -1 vers Command {version?.Major ?? 1}.{version?.Minor ?? 0} filter {options.Filter}\r\n";
        }
    }

    // Logs in, then reads lines until the server closes the connection; true when it sent any, on the first of which
    // heard is called.
    protected override async Task<bool> ReadAsync(Stream stream, Action heard, CancellationToken cancellationToken)
    {
        using var silence = new CancellationTokenSource(options.SilenceTimeout, context.Clock);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silence.Token);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(LogIn), cancellationToken).ConfigureAwait(false);
        var incident = options.Incident ?? context.Options.Incident;
        var unknownUnits = options.UnknownUnits ?? context.Options.UnknownUnits;
        // APRS-IS ends its lines with CRLF; a line ends at CR, LF or CRLF alike, as the TCP listener's do.
        var lines = new FrameReader(PipeReader.Create(stream), FrameReader.LineEnds, keepDelimiter: false, options.MaxLineBytes, anyOf: true);
        var any = false;
        while (true)
        {
            if (await NextFrameAsync(lines, silence, options.SilenceTimeout, "its keepalive", reading.Token, cancellationToken).ConfigureAwait(false) is not { } line)
            {
                return any;
            }

            var item = Take(line, incident, unknownUnits);
            if (!any)
            {
                // Until the server has sent a line of APRS-IS (its banner, first), a line in nothing like it is no
                // packet to refuse: the wrong port, said as the outage's reason.
                if (line.Oversized || item?.Report?.Rejection?.Reason == RejectReason.Malformed)
                {
                    Answered(line.Text);
                    continue;
                }

                if (item is not null || line.Text.StartsWith('#'))
                {
                    any = true;
                    heard();
                }
            }

            if (item is not null)
            {
                await context.Queue.EnqueueAsync(item with { Source = Section }, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private IngestItem? Take(Frame frame, string incident, UnknownUnitPolicy unknownUnits)
    {
        if (frame.Oversized)
        {
            context.Received(Source);
            return new IngestItem(incident, unknownUnits, IncomingReport.Refused(Source, frame.Text,
                new Rejection(RejectReason.Oversized, FormattableString.Invariant($"APRS-IS line is longer than the {options.MaxLineBytes}-byte limit"))));
        }

        var line = frame.Text.TrimEnd('\r');
        if (line.Length == 0)
        {
            return null;
        }

        if (line.StartsWith('#'))
        {
            // The server's banner, its answer to the log-in, or a keepalive.
            if (line.StartsWith("# logresp", StringComparison.Ordinal))
            {
                LogAnswered(logger, options.Host, options.Port, line[2..]);
            }

            return null;
        }

        context.Received(Source);
        return new IngestItem(incident, unknownUnits, parser.Parse(line, context.Clock.GetUtcNow()));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The APRS-IS server at {Host}:{Port} answered the log-in: {Answer}")]
    private static partial void LogAnswered(ILogger logger, string host, int port, string answer);
}

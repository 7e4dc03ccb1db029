using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Aprs;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Kiss;

/// <summary>
/// Connects to a KISS TNC (<c>Ingest:Aprs:Kiss</c>) and takes the APRS packets its radio hears: each data frame is
/// read as an AX.25 UI frame, written as a TNC2 line and parsed as one from an APRS-IS connection is. What else the
/// radio hears (connected-mode traffic, frames cut short) is no APRS packet and is passed over with a line in the debug
/// log, as a receiver passes over what is not for it, and so is a copy of a packet heard within 30 s (each digipeater
/// that repeats a packet sends it again: <see cref="AprsDuplicates"/>); a frame past the size limit is refused as
/// oversized, and recorded. It is connected to, and again, as any source Command connects out to
/// (<see cref="SourceClient"/>): by one host of a cluster at a time. A TNC that closes the connection before it sends a
/// frame is an outage; one on a quiet channel sends nothing for as long as the channel is quiet.
/// </summary>
public sealed partial class KissTncClient : SourceClient
{
    private const ReportSource Source = ReportSource.Aprs;

    private readonly AprsDuplicates duplicates = new();
    private readonly KissClientOptions options;
    private readonly IngestContext context;
    private readonly AprsParser parser;
    private readonly ILogger logger;

    public KissTncClient(KissClientOptions options, IngestContext context, AprsParser parser, ISourceLease lease, ILogger<KissTncClient> logger)
        : base(options, context, lease, logger) =>
        (this.options, this.context, this.parser, this.logger) = (options, context, parser, logger);

    protected override string Named => "the KISS TNC";

    protected override string Taking => "taking the APRS packets its radio hears";

    protected override string Kind => "kiss";

    protected override string Protocol => "KISS";

    protected override string Section => "Ingest:Aprs:Kiss";

    // Reads frames until the TNC closes the connection; true when it sent any, on the first of which heard is called.
    protected override async Task<bool> ReadAsync(Stream stream, Action heard, CancellationToken stoppingToken)
    {
        var decoder = new KissDecoder(options.MaxFrameBytes);
        var frames = new List<KissFrame>();
        var buffer = new byte[4096];
        var incident = options.Incident ?? context.Options.Incident;
        var unknownUnits = options.UnknownUnits ?? context.Options.UnknownUnits;
        var any = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, stoppingToken).ConfigureAwait(false)) > 0)
        {
            frames.Clear();
            decoder.Feed(buffer.AsSpan(0, read), frames);
            if (!any && buffer.AsSpan(0, read).IndexOf(KissDecoder.Fend) < 0)
            {
                // No frame's end in it: not KISS (a web server's answer on the wrong port), said if no frame ever comes.
                Answered(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            }

            if (frames.Count > 0 && !any)
            {
                any = true;
                heard();
            }

            foreach (var frame in frames)
            {
                if (Take(frame, incident, unknownUnits) is { } item)
                {
                    await context.Queue.EnqueueAsync(item with { Source = Section }, stoppingToken).ConfigureAwait(false);
                }
            }
        }

        return any;
    }

    private IngestItem? Take(KissFrame frame, string incident, UnknownUnitPolicy unknownUnits)
    {
        if (frame.Oversized)
        {
            context.Received(Source);
            return new IngestItem(incident, unknownUnits, IncomingReport.Refused(Source, "",
                new Rejection(RejectReason.Oversized, FormattableString.Invariant($"KISS frame is longer than the {options.MaxFrameBytes}-byte limit"))));
        }

        // Other commands are the host's to send (timing, duplex); a TNC sends data frames only.
        if (frame.Command != KissFrame.DataFrame || (options.RadioPort is { } port && frame.Port != port))
        {
            return null;
        }

        context.Received(Source);
        var (line, notAprs) = Ax25Packet.ToTnc2(frame.Data);
        if (line is null)
        {
            LogNotAprs(logger, frame.Port, notAprs!);
            return null;
        }

        var now = context.Clock.GetUtcNow();
        if (duplicates.IsCopy(line, now))
        {
            LogCopy(logger, line);
            return null;
        }

        return new IngestItem(incident, unknownUnits, parser.Parse(line, now));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Passed over a copy of a packet heard within 30 s (a digipeater's): {Line}")]
    private static partial void LogCopy(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Passed over a frame heard on radio port {RadioPort}: no APRS packet, as {Why}")]
    private static partial void LogNotAprs(ILogger logger, int radioPort, string why);
}

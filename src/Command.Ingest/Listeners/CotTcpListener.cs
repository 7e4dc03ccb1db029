using Command.Domain.Reports;
using Command.Ingest.Cot;
using Command.Ingest.Intake;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// CoT over TCP (<c>Ingest:Cot:Tcp</c>, default port 8087): a stream of concatenated events with no delimiter
/// of its own, cut after each <c>&lt;/event&gt;</c>, each at most <see cref="TcpListenerOptions.MaxFrameBytes"/>. An event
/// cut off short, where the next one begins before its end (<see cref="CotEventStarts"/>), is refused on its own.
/// A ping is answered (<see cref="CotKeepAlive.Pong"/>) and neither queued nor recorded; a TAK client's log-in
/// (<c>&lt;auth&gt;</c>) is neither, and its password is never written anywhere.
/// </summary>
public class CotTcpListener(string section, TcpListenerOptions options, IngestContext context, CotParser parser, ILogger logger, IReadOnlyList<AllowedSource>? defaultAllow = null)
    : TcpIngestListener(section, options, context, logger, defaultAllow)
{
    private static readonly byte[] EndOfEvent = "</event>"u8.ToArray();

    protected override ReportSource Source => ReportSource.CoT;

    protected override byte[] Delimiter => EndOfEvent;

    protected override bool KeepDelimiter => true;

    private protected override IMessageStarts Starts => CotEventStarts.Instance;

    protected override StreamSession OpenSession(string incident, UnknownUnitPolicy unknownUnits, RadioSource source) => StreamSession.Each(
        message => parser.Parse(message.Span) is var outcome && outcome.Ping
            ? new FrameOutcome(null, CotKeepAlive.Pong(Clock.GetUtcNow()), KeepAlive: true)
            : outcome.Pong ? new FrameOutcome(null, KeepAlive: true)
            : outcome.LogIn ? new FrameOutcome(null)
            : CotItems.From(outcome, incident, unknownUnits, source));
}

using System.Globalization;
using System.Text;
using Command.Domain.Reports;
using Command.Ingest.Cot;
using Command.Ingest.Intake;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// CoT over TCP (<c>Ingest:Cot:Tcp</c>, default port 8087): a stream of concatenated events with no delimiter
/// of its own, cut after each <c>&lt;/event&gt;</c>, each at most <see cref="TcpListenerOptions.MaxFrameBytes"/>.
/// A ping is answered (<see cref="Pong"/>) and neither queued nor recorded.
/// </summary>
public class CotTcpListener(string section, TcpListenerOptions options, IngestContext context, CotParser parser, ILogger logger, IReadOnlyList<AllowedSource>? defaultAllow = null)
    : TcpIngestListener(section, options, context, logger, defaultAllow)
{
    private static readonly byte[] EndOfEvent = "</event>"u8.ToArray();

    protected override ReportSource Source => ReportSource.CoT;

    protected override byte[] Delimiter => EndOfEvent;

    protected override bool KeepDelimiter => true;

    protected override Func<string, FrameOutcome> OpenSession(string incident, UnknownUnitPolicy unknownUnits, RadioSource source) =>
        text => parser.Parse(text.TrimStart()) is var outcome && outcome.Ping
            ? new FrameOutcome(null, Pong(Clock.GetUtcNow()), KeepAlive: true)
            : outcome.Pong ? new FrameOutcome(null, KeepAlive: true)
            : CotItems.From(outcome, incident, unknownUnits, source);

    /// <summary>
    /// The answer to a ping, as TAK servers give it: an event of type <c>t-x-c-t-r</c> standing 20 s, after the XML
    /// declaration and a newline, as the TAK protocol asks of every event sent on a stream.
    /// </summary>
    internal static byte[] Pong(DateTimeOffset now)
    {
        var time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var stale = now.AddSeconds(PongStandsS).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<event version=\"2.0\" uid=\"takPong\" type=\"{CotOutcome.PongType}\" how=\"h-g-i-g-o\" " +
            $"time=\"{time}\" start=\"{time}\" stale=\"{stale}\"><point lat=\"0\" lon=\"0\" hae=\"0\" ce=\"9999999\" le=\"9999999\"/><detail/></event>");
    }

    private const int PongStandsS = 20;
}

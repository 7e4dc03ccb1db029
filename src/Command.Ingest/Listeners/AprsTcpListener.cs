using System.Text;
using Command.Domain.Reports;
using Command.Ingest.Aprs;
using Command.Ingest.Intake;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// APRS TNC2 lines over TCP (<c>Ingest:Aprs:Tcp</c>, default port 14580, the APRS-IS client port), one packet
/// per line. It answers as an APRS-IS server does: its software's name as a client connects, <c>logresp</c> to its
/// login (<c>user ...</c>; see <see cref="AprsLogin"/>), and a comment line every 20 s while it is connected. A login
/// and comment lines (<c>#...</c>) are not packets and are passed over; a comment is the client's heartbeat (Dire
/// Wolf's IGate sends <c>#</c> every 30 s), which keeps a connection that has sent positions open between them. A line ends at CR, LF or CRLF: a TNC in TNC2 monitor mode ends its lines with
/// a bare CR, and cut at LF alone, every packet after the first ran into one line and was lost. A byte order mark before a
/// line (a client writing UTF-8 on Windows sends one first) is passed over.
/// </summary>
/// <remarks>
/// As an APRS-IS server does, it passes over a copy of a packet any of its connections sent within 30 s
/// (<see cref="AprsDuplicates"/>): two IGates that hear one beacon each send it on, and a packet without a timestamp is
/// taken when it comes, so the second copy was another fix at the same place seconds later.
/// </remarks>
public sealed partial class AprsTcpListener(string section, TcpListenerOptions options, IngestContext context, AprsParser parser, ILogger<AprsTcpListener> logger)
    : TcpIngestListener(section, options, context, logger)
{
    private readonly AprsDuplicates duplicates = new();
    private readonly Lock copies = new();

    protected override ReportSource Source => ReportSource.Aprs;

    protected override byte[] Delimiter => FrameReader.LineEnds;

    protected override bool EndsAtAnyOf => true;

    protected override ReadOnlyMemory<byte> Greeting => AprsLogin.Banner;

    protected override TimeSpan? HeartbeatEvery => AprsLogin.HeartbeatEvery;

    protected override ReadOnlyMemory<byte> Heartbeat(DateTimeOffset now) => AprsLogin.Heartbeat(now);

    protected override StreamSession OpenSession(string incident, UnknownUnitPolicy unknownUnits, RadioSource source) => StreamSession.Each(
        message =>
        {
            var line = Encoding.UTF8.GetString(message.Span).TrimEnd('\r').TrimStart('\uFEFF');
            return line.StartsWith('#') ? new FrameOutcome(null, KeepAlive: true)
                : line.Length == 0 ? null
                : line.StartsWith("user ", StringComparison.Ordinal) ? new FrameOutcome(null, AprsLogin.Read(line)?.Answer() ?? default)
                : Packet(line, incident, unknownUnits);
        });

    private FrameOutcome Packet(string line, string incident, UnknownUnitPolicy unknownUnits)
    {
        var now = Clock.GetUtcNow();
        bool copy;
        lock (copies)
        {
            copy = duplicates.IsCopy(line, now);
        }

        if (copy)
        {
            LogCopy(Logger, line);
            return new FrameOutcome(null, Copy: true);
        }

        return new IngestItem(incident, unknownUnits, parser.Parse(line, now));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Passed over a copy of a packet a connection sent within 30 s (another IGate's): {Line}")]
    private static partial void LogCopy(ILogger logger, string line);
}

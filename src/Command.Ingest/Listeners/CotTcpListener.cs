using Command.Domain.Reports;
using Command.Ingest.Cot;
using Command.Ingest.Intake;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// CoT over TCP (<c>Ingest:Cot:Tcp</c>, default port 8087): a stream of concatenated events with no delimiter
/// of its own, cut after each <c>&lt;/event&gt;</c>, each at most <see cref="TcpListenerOptions.MaxFrameBytes"/>.
/// </summary>
public sealed class CotTcpListener(TcpListenerOptions options, IngestContext context, CotParser parser, ILogger<CotTcpListener> logger)
    : TcpIngestListener(options, context, logger)
{
    private static readonly byte[] EndOfEvent = "</event>"u8.ToArray();

    protected override ReportSource Source => ReportSource.CoT;

    protected override byte[] Delimiter => EndOfEvent;

    protected override bool KeepDelimiter => true;

    protected override Func<string, IngestItem?> OpenSession(string incident, UnknownUnitPolicy unknownUnits) =>
        text => CotItems.From(parser.Parse(text.TrimStart()), incident, unknownUnits);
}

/// <summary>Turns a CoT outcome into the item queued for the incident.</summary>
internal static class CotItems
{
    public static IngestItem From(CotOutcome outcome, string incident, UnknownUnitPolicy unknownUnits) =>
        outcome.Threat is { } threat
            ? new IngestItem(incident, unknownUnits, null, threat, outcome.Actor)
            : new IngestItem(incident, unknownUnits, outcome.Report);
}

using System.Text;
using Command.Domain.Reports;
using Command.Ingest.Intake;
using Command.Ingest.Nmea;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// NMEA 0183 over TCP (<c>Ingest:Nmea:Tcp</c>, default port 10110, the NMEA-over-IP convention), one sentence
/// per line. Each connection has its own <see cref="NmeaDecoder"/>: bound to <see cref="NmeaListenerOptions.UnitId"/>
/// or to the unit its first <c>UNIT &lt;id&gt; [callsign]</c> line names, and its own <see cref="NmeaEpochs"/>, which
/// holds a fix's first sentence for its second (<see cref="NmeaOptions.PartnerWait"/>). A line ends at CR, LF or CRLF:
/// NMEA 0183 says CRLF, but some serial-to-TCP gateways pass a receiver's lines on with a bare CR. A sentence ends at its
/// checksum too, where the next one follows it on the same line (<see cref="NmeaSentenceStarts"/>).
/// </summary>
public sealed class NmeaTcpListener(
    string section, NmeaListenerOptions options, IngestContext context, NmeaOptions nmea, ILogger<NmeaTcpListener> logger, Domain.Validation.ValidationOptions? validation = null)
    : TcpIngestListener(section, options, context, logger)
{
    protected override ReportSource Source => ReportSource.Nmea;

    protected override byte[] Delimiter => FrameReader.LineEnds;

    protected override bool EndsAtAnyOf => true;

    /// <summary>Two sentences with no line end between them are two messages, each read (<see cref="NmeaSentenceStarts"/>).</summary>
    private protected override IMessageStarts Starts => NmeaSentenceStarts.Instance;

    /// <summary>
    /// A receiver sends five to seven sentences a second (GGA, GSA, GSV in threes, RMC, VTG), of which one gives its fix:
    /// counted line by line, four receivers behind one gateway's address used up its 20 a second on satellites and lost
    /// a fifth of their fixes. Only a fix or a refusal counts, so the rate limits positions, and a flood of junk, which
    /// is all refusals, is cut off as before; a sentence of no position is read (a checksum and a split) and dropped. A
    /// fix counts once, when it is passed on, whichever of its sentences (or its partner's wait) passed it.
    /// </summary>
    protected override bool CountsEveryMessage => false;

    protected override StreamSession OpenSession(string incident, UnknownUnitPolicy unknownUnits, RadioSource source) =>
        new NmeaSession(new NmeaDecoder(nmea, options.UnitId, options.Callsign, validation?.MaxAccuracyM), new NmeaEpochs(nmea.PartnerWait), incident, unknownUnits);

    /// <summary>One connection's sentences, each fix's RMC and GGA made one report (<see cref="NmeaEpochs"/>).</summary>
    private sealed class NmeaSession(NmeaDecoder decoder, NmeaEpochs epochs, string incident, UnknownUnitPolicy unknownUnits) : StreamSession
    {
        public override DateTimeOffset? HeldUntil => epochs.Due;

        public override FrameOutcome Read(ReadOnlyMemory<byte> message, DateTimeOffset receivedAt) =>
            Item(epochs.Take(decoder.Decode(Encoding.UTF8.GetString(message.Span), receivedAt), receivedAt));

        public override IngestItem? Release() => Item(epochs.Release());

        private IngestItem? Item(IncomingReport? report) => report is null ? null : new IngestItem(incident, unknownUnits, report);
    }
}

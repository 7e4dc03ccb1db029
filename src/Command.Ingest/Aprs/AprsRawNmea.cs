using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Nmea;

namespace Command.Ingest.Aprs;

/// <summary>
/// A position sent as raw NMEA (APRS101 ch. 6, "NMEA Data", data type <c>$</c>): a GPS-only tracker puts its receiver's
/// sentence on the air as it came. An RMC, a GGA or a GLL (which APRS101 names too), or a GNS (NMEA 4.x, which a
/// multi-GNSS receiver set to send it in GGA's place puts on the air), of any talker, is read by the NMEA decoder with its
/// rules (a GGA, GLL or GNS, which carries no date, takes the day nearest the receiving time), for the station that sent
/// it; other sentences carry no fix of the station's own. A comment may follow the checksum, as after any packet's data. The checksum is
/// required: APRS101 gives raw NMEA no rule of its own beyond NMEA 0183 2.0, which makes RMC's mandatory, and over the
/// air a sentence without one cannot be told from a damaged one.
/// </summary>
internal static class AprsRawNmea
{
    public static IncomingReport Read(string line, string station, ReadOnlySpan<char> info, NmeaOptions nmea, DateTimeOffset receivedAt)
    {
        if (info.StartsWith("$ULTW"))
        {
            // APRS101 ch. 12: a Peet Bros Ultimeter weather station sends its readings with the same '$' as raw NMEA. Said
            // to be a sentence that is not RMC, GGA, GLL or GNS, the operator was sent looking for a broken GPS.
            return IncomingReport.Refused(ReportSource.Aprs, line, new(RejectReason.NotAPosition,
                "'$ULTW' is an Ultimeter weather station's readings, which carry no position"), station);
        }

        var end = info.IndexOfAny(',', '*');
        var address = info[1..(end < 0 ? info.Length : end)];
        if (address.Length != 5 || !(address.EndsWith("RMC") || address.EndsWith("GGA") || address.EndsWith("GLL") || address.EndsWith("GNS")))
        {
            return IncomingReport.Refused(ReportSource.Aprs, line, new(RejectReason.NotAPosition,
                $"raw NMEA '${address[..Math.Min(address.Length, 5)]}' is no RMC, GGA, GLL or GNS sentence, so carries no position"), station);
        }

        // Begun with '$', the line is a sentence to the decoder: it gives a fix or a refusal, never a line it skips. What
        // follows its checksum is the beacon's comment (APRS101 ch. 5: any packet may carry one after its data), as
        // TinyTrack and FreeTrak send their station's name: no NMEA field holds a '*', so the first one is the checksum's.
        var star = info.IndexOf('*');
        var commented = star >= 0 && info.Length > star + 3 && char.IsAsciiHexDigit(info[star + 1]) && char.IsAsciiHexDigit(info[star + 2]);
        var sentence = commented ? info[..(star + 3)] : info;
        var decoded = new NmeaDecoder(nmea with { RequireChecksum = true }, station, station).Decode(sentence.ToString(), receivedAt).Report!;
        return decoded.Report is { } report
            ? IncomingReport.Parsed(ReportSource.Aprs, line, report with { Source = ReportSource.Aprs })
            : IncomingReport.Refused(ReportSource.Aprs, line, decoded.Rejection!, station);
    }
}

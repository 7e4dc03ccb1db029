using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Nmea;

namespace Command.Ingest.Aprs;

/// <summary>
/// Reads one TNC2 line as APRS-IS carries it, <c>CALL-SSID&gt;DEST,PATH:payload</c>. The callsign-SSID is the
/// unit, in upper case: callsigns are upper case by the APRS spec (as AX.25 carries them), so a gateway or hand-typed
/// client that sends <c>k1abc-9</c> reports for the same unit as the radio heard as <c>K1ABC-9</c>, not a second one.
/// Positions: uncompressed and compressed (<c>!</c>, also after beacon text within the first 40 characters, <c>=</c>, and with a timestamp <c>/</c>, <c>@</c>)
/// and Mic-E (<c>`</c>, <c>'</c>), raw NMEA (<c>$</c>: an RMC, GGA, GLL or GNS sentence, see <see cref="AprsRawNmea"/>), also
/// inside a third-party packet (<c>}</c>), whose inner station is the unit. A
/// position without a timestamp, or stamped in the sender's local time (whose zone it does not say), was taken when it
/// was received. Everything
/// else (messages, status, telemetry, weather, objects, items, queries, other NMEA sentences) is not a position.
/// Never throws on bad input.
/// </summary>
public sealed class AprsParser(AprsOptions options, NmeaOptions? nmea = null)
{
    private readonly NmeaOptions nmea = nmea ?? NmeaOptions.Default;

    public IncomingReport Parse(string line, DateTimeOffset receivedAt)
    {
        if (line.Length > options.MaxLineChars)
        {
            return Refuse(RawText.Clip(line), new(RejectReason.Oversized, $"line is {line.Length} characters (limit {options.MaxLineChars})"));
        }

        return Read(line, line.AsSpan().TrimEnd("\r\n"), receivedAt, thirdParty: false);
    }

    private IncomingReport Read(string line, ReadOnlySpan<char> text, DateTimeOffset receivedAt, bool thirdParty)
    {
        var colon = text.IndexOf(':');
        var gt = colon < 0 ? -1 : text[..colon].IndexOf('>');
        if (gt < 1 || colon == text.Length - 1)
        {
            return Refuse(line, new(RejectReason.Malformed, thirdParty
                ? "third-party packet's inner packet is not SOURCE>DEST[,PATH]:payload"
                : "line is not SOURCE>DEST[,PATH]:payload"));
        }

        var source = text[..gt].ToString().ToUpperInvariant();
        if (source.Length > 9 || source.AsSpan().ContainsAnyExcept(CallsignChars))
        {
            return Refuse(line, new(RejectReason.Malformed, $"source '{source}' is not a callsign-SSID"));
        }

        var comma = text[gt..colon].IndexOf(',');
        var destination = comma < 0 ? text[(gt + 1)..colon] : text[(gt + 1)..(gt + comma)];
        var info = text[(colon + 1)..];
        if (info[0] == '}')
        {
            // A packet relayed through another network (an IGate gating it to RF, a D-STAR gateway) carries the
            // station's own packet after its relay's header: the position is that station's, read as it came.
            return thirdParty
                ? Refuse(line, new(RejectReason.Malformed, "third-party packet holds another third-party packet"), source)
                : Read(line, info[1..], receivedAt, thirdParty: true);
        }

        if (info[0] == '$')
        {
            return AprsRawNmea.Read(line, source, info, nmea, receivedAt);
        }

        var rejection = Decode(destination, info, receivedAt, out var fix, out var fixTime);
        if ((rejection ?? Knots.Check("speed", fix.SpeedKnots)) is { } refused)
        {
            return Refuse(line, refused, source);
        }

        // APRS altitudes (/A=, compressed, Mic-E) are above mean sea level, as the protocol specifies.
        var report = new PositionReport(source, ReportSource.Aprs, fixTime, new GeoPoint(fix.Latitude, fix.Longitude), fix.AltitudeM,
            fix.AccuracyM, fix.SpeedKnots * Knots.ToMps, fix.CourseDeg, source, AltitudeDatum: fix.AltitudeM is null ? null : AltitudeDatum.MeanSeaLevel);
        return IncomingReport.Parsed(ReportSource.Aprs, line, report);
    }

    private static Rejection? Decode(ReadOnlySpan<char> destination, ReadOnlySpan<char> info, DateTimeOffset receivedAt, out AprsFix fix, out DateTimeOffset fixTime)
    {
        fix = default;
        fixTime = receivedAt;
        switch (info[0])
        {
            case '!' or '=':
                return Position(info[1..], out fix);
            case '/' or '@':
                if (!AprsTimestamp.TryParse(info[1..], receivedAt, out fixTime))
                {
                    return new(RejectReason.Malformed, $"timestamp '{info[1..Math.Min(info.Length, 8)]}' is not DDHHMMz, DDHHMM/ or HHMMSSh");
                }

                return Position(info[8..], out fix);
            case '`' or '\'':
                return AprsMicE.Decode(destination, info, out fix);
            case var first when !DataTypeIdentifiers.Contains(first) && !info.StartsWith("T#") && info[..Math.Min(info.Length, 40)].IndexOf('!') is var bang and > 0:
                // APRS101 ch. 5: a position without timestamp's '!' may stand anywhere up to the field's 40th character,
                // after the fixed beacon text of a TNC (an X1J digipeater's) that the packet begins with instead.
                return Position(info[(bang + 1)..], out fix);
            default:
                return new(RejectReason.NotAPosition, $"packet type '{info[0]}' ({Kind(info)}) carries no unit position");
        }
    }

    private static Rejection? Position(ReadOnlySpan<char> text, out AprsFix fix)
    {
        fix = default;
        if (text.IsEmpty)
        {
            return new(RejectReason.MissingField, "position report has no position");
        }

        return char.IsAsciiDigit(text[0]) ? AprsUncompressed.Decode(text, out fix) : AprsCompressed.Decode(text, out fix);
    }

    private static string Kind(ReadOnlySpan<char> info) => info[0] switch
    {
        ':' => "message",
        '>' => "status",
        'T' when info.StartsWith("T#") => "telemetry",
        ';' => "object",
        ')' => "item",
        '_' => "weather",
        '<' => "capabilities",
        '?' => "query",
        '#' => "server comment",
        _ => "unknown",
    };

    private static IncomingReport Refuse(string line, Rejection rejection, string? unit = null) =>
        IncomingReport.Refused(ReportSource.Aprs, line, rejection, unit);

    // APRS101 ch. 5's data type identifiers, those it leaves unused and "do not use" aside, and telemetry's, which is
    // "T#" (beacon text such as "TheNet X1J4" begins with a T): a field beginning with one is that type, never beacon
    // text before a '!'.
    private static readonly System.Buffers.SearchValues<char> DataTypeIdentifiers =
        System.Buffers.SearchValues.Create("\x1c\x1d!#$%&')*+,./:;<=>?@[_`{}");

    private static readonly System.Buffers.SearchValues<char> CallsignChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
}

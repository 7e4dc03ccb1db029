using System.Globalization;
using System.Xml;

namespace Command.Ingest.Cot;

/// <summary>
/// TAK protocol version 1: a CoT event as a protobuf <c>TakMessage</c>, which ATAK and WinTAK send over the mesh (UDP
/// multicast, and UDP outputs) once every device they know of reads it; Command, which only listens, is never one they
/// know of. Field numbers are those of the TAK protocol's <c>.proto</c> files (takmessage, cotevent,
/// detail, contact, group, precisionlocation, track); fields not read here are skipped, as protobuf asks.
/// A mesh datagram starts with the header 0xBF, the version as a varint, 0xBF (see <see cref="Header"/>).
/// </summary>
internal static class TakMessage
{
    /// <summary>The byte that opens every TAK protocol header; no XML event can start with it.</summary>
    public const byte Magic = 0xBF;

    /// <summary>The one version of the protocol read here.</summary>
    public const ulong Version = 1;

    /// <summary>
    /// The version a mesh header gives and the payload after it. Throws <see cref="ProtoFormatException"/> where the
    /// header is not opened and closed by the magic byte, or is cut short.
    /// </summary>
    public static (ulong Version, int PayloadStart) Header(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty || datagram[0] != Magic)
        {
            throw new ProtoFormatException("TAK protocol header: the message does not start with the byte 0xBF");
        }

        var reader = new ProtoReader(datagram[1..], "TAK protocol header");
        var version = reader.ReadVarint();
        var closing = 1 + reader.Position;
        if (closing >= datagram.Length || datagram[closing] != Magic)
        {
            throw new ProtoFormatException("TAK protocol header: the version is not followed by the closing byte 0xBF");
        }

        return (version, closing + 1);
    }

    /// <summary>
    /// The event a <c>TakMessage</c> carries, as CoT fields; null where it carries none (a <c>TakControl</c> alone: a
    /// device saying which versions it reads, once a minute). Throws <see cref="ProtoFormatException"/> where the bytes
    /// are no such message, and <see cref="XmlException"/> where its detail's XML is not well formed.
    /// </summary>
    public static CotFields? Read(ReadOnlySpan<byte> payload, XmlReaderSettings xml)
    {
        var reader = new ProtoReader(payload, "TakMessage");
        CotFields? fields = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == CotEventField)
            {
                fields = Event(reader.ReadBytes(wire, field), xml);
            }
            else
            {
                reader.Skip(wire, field);
            }
        }

        return fields;
    }

    private static CotFields Event(ReadOnlySpan<byte> bytes, XmlReaderSettings xml)
    {
        var reader = new ProtoReader(bytes, "CotEvent");
        // proto3 leaves out a field at its default: no position is 0,0, which the checks refuse as a device without a
        // fix, as they do in XML.
        var f = new CotFields { Lat = Number(0), Lon = Number(0) };
        string? details = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: f.Type = reader.ReadString(wire, field); break;
                case 5: f.Uid = reader.ReadString(wire, field); break;
                case 6: f.Time = Time(reader.ReadUInt64(wire, field), "sendTime"); break;
                case 7: f.Start = Time(reader.ReadUInt64(wire, field), "startTime"); break;
                case 8: f.Stale = Time(reader.ReadUInt64(wire, field), "staleTime"); break;
                case 9: f.How = reader.ReadString(wire, field); break;
                case 10: f.Lat = Number(reader.ReadDouble(wire, field)); break;
                case 11: f.Lon = Number(reader.ReadDouble(wire, field)); break;
                case 12: f.Hae = Measure(reader.ReadDouble(wire, field)); break;
                case 13: f.Ce = Measure(reader.ReadDouble(wire, field)); break;
                case 14: f.Le = Measure(reader.ReadDouble(wire, field)); break;
                case 15: details = Detail(reader.ReadBytes(wire, field), f); break;
                default: reader.Skip(wire, field); break;
            }
        }

        f.HasPoint = true;
        if (!string.IsNullOrEmpty(details))
        {
            // The detail's children that have no field of their own (a marker's link to who placed it among them),
            // read after the fields: where a sender put an element in both, the XML stands.
            using var detail = XmlReader.Create(new StringReader("<detail>" + details + "</detail>"), xml);
            f.ReadDetails(detail);
        }

        return f;
    }

    // Detail: xmlDetail 1, contact 2, group 3, precisionlocation 4, track 7 (status 5 and takv 6 are not read).
    private static string? Detail(ReadOnlySpan<byte> bytes, CotFields f)
    {
        var reader = new ProtoReader(bytes, "Detail");
        string? details = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: details = reader.ReadString(wire, field); break;
                case 2: f.Callsign = Strings(reader.ReadBytes(wire, field), "Contact", 2) ?? f.Callsign; break;
                case 3: f.Role = Strings(reader.ReadBytes(wire, field), "Group", 2) ?? f.Role; break;
                case 4: f.GeopointSource = Strings(reader.ReadBytes(wire, field), "PrecisionLocation", 1) ?? f.GeopointSource; break;
                case 7: (f.Speed, f.Course) = Track(reader.ReadBytes(wire, field)); break;
                default: reader.Skip(wire, field); break;
            }
        }

        return details;
    }

    // The one string field wanted of a small message (a contact's callsign, a group's role, a position's source).
    private static string? Strings(ReadOnlySpan<byte> bytes, string message, int wanted)
    {
        var reader = new ProtoReader(bytes, message);
        string? value = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == wanted)
            {
                value = reader.ReadString(wire, field);
            }
            else
            {
                reader.Skip(wire, field);
            }
        }

        return value;
    }

    // Track: speed 1, course 2. proto3 leaves out a zero: a phone standing still says speed 0 by saying none.
    private static (string Speed, string Course) Track(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes, "Track");
        double speed = 0, course = 0;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: speed = reader.ReadDouble(wire, field); break;
                case 2: course = reader.ReadDouble(wire, field); break;
                default: reader.Skip(wire, field); break;
            }
        }

        return (Number(speed), Number(course));
    }

    // The protocol marks an unknown hae, ce or le with 999999 (XML CoT with 9999999): either is no measure. Any other
    // number, an infinity or 1e308, is no mark of anything, and is refused by the checks as XML's is.
    private static string? Measure(double value) => CotFields.IsUnknown(value) ? null : Number(value);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // A time in milliseconds since 1970 (0 is left out, as no time), as the ISO 8601 text XML CoT gives.
    private static string? Time(ulong ms, string name)
    {
        if (ms == 0)
        {
            return null;
        }

        if (ms > LatestMs)
        {
            throw new ProtoFormatException(FormattableString.Invariant($"CotEvent: {name} {ms} ms since 1970 is after the year 9999"));
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private const int CotEventField = 2;
    private const ulong LatestMs = 253_402_300_799_999;
}

using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Command.Ingest.Tests.Cot;

/// <summary>
/// Writes CoT events as a TAK device sends them over the mesh in TAK protocol version 1: the header 0xBF 0x01 0xBF and
/// a protobuf <c>TakMessage</c>, converted from the XML event by the protocol's rules — the detail's contact, group,
/// precision location, status, takv and track as their own messages where the whole element fits one (an element
/// with an attribute its message has no field for stays XML), the rest as <c>xmlDetail</c>; 9999999 (unknown) as the
/// protocol's 999999; fields at their default (zero, empty) left out, as proto3 leaves them.
/// </summary>
internal static class TakProto
{
    public static byte[] Mesh(byte[] payload, int version = 1) => [0xBF, (byte)version, 0xBF, .. payload];

    /// <summary>The mesh datagram of an XML event.</summary>
    public static byte[] FromXml(string xml) => Mesh(Message(Event(XElement.Parse(xml))));

    /// <summary>A <c>TakMessage</c> of an event (field 2) and, where given, a control (field 1) before it.</summary>
    public static byte[] Message(byte[]? cotEvent, byte[]? control = null)
    {
        var w = new Writer();
        if (control is not null)
        {
            w.Bytes(1, control);
        }

        if (cotEvent is not null)
        {
            w.Bytes(2, cotEvent);
        }

        return w.ToArray();
    }

    /// <summary>A <c>TakControl</c> saying the versions a device reads.</summary>
    public static byte[] Control(ulong min = 1, ulong max = 1) => new Writer().Varint(1, min).Varint(2, max).ToArray();

    public static byte[] Event(XElement e)
    {
        var w = new Writer()
            .String(1, (string?)e.Attribute("type"))
            .String(2, (string?)e.Attribute("access"))
            .String(3, (string?)e.Attribute("qos"))
            .String(4, (string?)e.Attribute("opex"))
            .String(5, (string?)e.Attribute("uid"))
            .Varint(6, Ms(e.Attribute("time")))
            .Varint(7, Ms(e.Attribute("start")))
            .Varint(8, Ms(e.Attribute("stale")))
            .String(9, (string?)e.Attribute("how"));
        if (e.Element("point") is { } p)
        {
            w.Double(10, Number(p.Attribute("lat"))).Double(11, Number(p.Attribute("lon")))
                .Double(12, Measure(p.Attribute("hae"))).Double(13, Measure(p.Attribute("ce"))).Double(14, Measure(p.Attribute("le")));
        }

        if (e.Element("detail") is { } detail && detail.HasElements)
        {
            w.Bytes(15, Detail(detail));
        }

        return w.ToArray();
    }

    private static byte[] Detail(XElement detail)
    {
        var typed = new Writer();
        var rest = new StringBuilder();
        foreach (var child in detail.Elements())
        {
            var message = child.Name.LocalName switch
            {
                "contact" => Typed(child, ["endpoint", "callsign"], ["callsign"], (w, a) => w.String(1, a("endpoint")).String(2, a("callsign")), 2),
                "__group" => Typed(child, ["name", "role"], ["name", "role"], (w, a) => w.String(1, a("name")).String(2, a("role")), 3),
                "precisionlocation" => Typed(child, ["geopointsrc", "altsrc"], [], (w, a) => w.String(1, a("geopointsrc")).String(2, a("altsrc")), 4),
                "status" => Typed(child, ["battery"], ["battery"], (w, a) => w.Varint(1, ulong.Parse(a("battery")!, CultureInfo.InvariantCulture)), 5),
                "takv" => Typed(child, ["device", "platform", "os", "version"], [], (w, a) => w.String(1, a("device")).String(2, a("platform")).String(3, a("os")).String(4, a("version")), 6),
                "track" => Typed(child, ["speed", "course"], ["speed", "course"], (w, a) => w.Double(1, double.Parse(a("speed")!, CultureInfo.InvariantCulture)).Double(2, double.Parse(a("course")!, CultureInfo.InvariantCulture)), 7),
                _ => null,
            };
            if (message is { } m)
            {
                typed.Bytes(m.Field, m.Bytes);
            }
            else
            {
                rest.Append(child.ToString(SaveOptions.DisableFormatting));
            }
        }

        var w = new Writer();
        if (rest.Length > 0)
        {
            w.String(1, rest.ToString());
        }

        return [.. w.ToArray(), .. typed.ToArray()];
    }

    // An element as its own message where its attributes are all the message's and its required ones are there.
    private static (int Field, byte[] Bytes)? Typed(XElement element, string[] fields, string[] required, Action<Writer, Func<string, string?>> write, int field)
    {
        var names = element.Attributes().Select(a => a.Name.LocalName).ToList();
        if (element.HasElements || names.Any(n => !fields.Contains(n)) || required.Any(r => !names.Contains(r)))
        {
            return null;
        }

        var w = new Writer();
        write(w, name => (string?)element.Attribute(name));
        return (field, w.ToArray());
    }

    private static ulong Ms(XAttribute? time) => time is null ? 0 : (ulong)DateTimeOffset.Parse((string)time, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static double Number(XAttribute? a) => a is null ? 0 : double.Parse((string)a, CultureInfo.InvariantCulture);

    private static double Measure(XAttribute? a) => a is null ? 0 : Number(a) >= 9999999 ? 999999 : Number(a);

    /// <summary>The protobuf wire format, proto3: a field at its default is not written.</summary>
    internal sealed class Writer
    {
        private readonly List<byte> bytes = [];

        public Writer Varint(int field, ulong value)
        {
            if (value != 0)
            {
                Tag(field, 0);
                Raw(value);
            }

            return this;
        }

        public Writer Double(int field, double value)
        {
            if (value != 0)
            {
                Tag(field, 1);
                Span<byte> le = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(le, value);
                bytes.AddRange(le.ToArray());
            }

            return this;
        }

        public Writer String(int field, string? value) => string.IsNullOrEmpty(value) ? this : Bytes(field, Encoding.UTF8.GetBytes(value));

        public Writer Bytes(int field, byte[] value)
        {
            Tag(field, 2);
            Raw((ulong)value.Length);
            bytes.AddRange(value);
            return this;
        }

        /// <summary>A field of any wire type with the bytes given after its tag, as they are.</summary>
        public Writer Any(int field, int wireType, params byte[] value)
        {
            Tag(field, wireType);
            bytes.AddRange(value);
            return this;
        }

        public byte[] ToArray() => [.. bytes];

        private void Tag(int field, int wireType) => Raw(((ulong)field << 3) | (uint)wireType);

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }

            bytes.Add((byte)value);
        }
    }
}

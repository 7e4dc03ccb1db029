using System.Text;

namespace Command.Ingest.Tests.Kiss;

/// <summary>Builds AX.25 UI frames and their KISS framing, as a TNC sends them, for the tests.</summary>
internal static class Ax25Frames
{
    /// <summary>A UI frame from <paramref name="source"/> to <paramref name="destination"/> via digipeaters ("WIDE1-1*" has repeated it).</summary>
    public static byte[] Ui(string source, string destination, string information, params string[] via)
    {
        var bytes = new List<byte>();
        var addresses = new[] { destination, source }.Concat(via).ToList();
        for (var i = 0; i < addresses.Count; i++)
        {
            bytes.AddRange(Address(addresses[i], last: i == addresses.Count - 1));
        }

        bytes.Add(0x03);
        bytes.Add(0xF0);
        bytes.AddRange(Encoding.UTF8.GetBytes(information));
        return [.. bytes];
    }

    /// <summary>A KISS data frame on <paramref name="port"/>, escaped, between FENDs.</summary>
    public static byte[] Kiss(byte[] frame, int port = 0)
    {
        var bytes = new List<byte> { 0xC0, (byte)(port << 4) };
        foreach (var b in frame)
        {
            bytes.AddRange(b switch { 0xC0 => [0xDB, 0xDC], 0xDB => [0xDB, 0xDD], _ => [b] });
        }

        bytes.Add(0xC0);
        return [.. bytes];
    }

    private static byte[] Address(string address, bool last)
    {
        var repeated = address.EndsWith('*');
        var parts = address.TrimEnd('*').Split('-');
        var call = parts[0].PadRight(6);
        var ssid = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var bytes = call.Select(c => (byte)(c << 1)).ToList();
        bytes.Add((byte)((repeated ? 0x80 : 0) | 0x60 | (ssid << 1) | (last ? 1 : 0)));
        return [.. bytes];
    }
}

using System.Text;

namespace Command.Ingest.Kiss;

/// <summary>
/// An AX.25 frame as an APRS packet in TNC2 text (<c>SOURCE&gt;DEST,DIGI*,DIGI:information</c>), the form an APRS-IS
/// server and the APRS parser read. APRS travels in UI frames (control 0x03, poll bit either way) with no layer 3
/// (PID 0xF0); an address is six characters shifted left one bit, space padded, then an SSID byte whose low bit ends
/// the address field and whose high bit, on a digipeater, says it has repeated the frame. The last digipeater that has
/// is marked <c>*</c>, as TNC2 marks it. Anything else heard on the channel (connected-mode traffic, NET/ROM, a frame
/// cut short) is no APRS packet, and says why not.
/// </summary>
public static class Ax25Packet
{
    private const int AddressBytes = 7;
    private const int MostAddresses = 10;
    private const byte Ui = 0x03;
    private const byte PollFinal = 0x10;
    private const byte NoLayer3 = 0xF0;

    /// <summary>The packet in TNC2 text, or why the frame is none: exactly one of them is set.</summary>
    public static (string? Line, string? NotAprs) ToTnc2(ReadOnlySpan<byte> frame)
    {
        var text = new StringBuilder(frame.Length + 16);
        var count = 0;
        var lastRepeated = -1;
        var digis = new List<string>();
        string? destination = null, source = null;
        var at = 0;
        while (true)
        {
            if (count == MostAddresses)
            {
                return (null, $"its address field runs past {MostAddresses} addresses");
            }

            if (frame.Length < at + AddressBytes)
            {
                return (null, $"it ends inside its address field ({frame.Length} bytes)");
            }

            if (Address(frame.Slice(at, AddressBytes)) is not { } address)
            {
                return (null, $"address {count + 1} is not a callsign");
            }

            var ssidByte = frame[at + AddressBytes - 1];
            switch (count)
            {
                case 0:
                    destination = address;
                    break;
                case 1:
                    source = address;
                    break;
                default:
                    digis.Add(address);
                    if ((ssidByte & 0x80) != 0)
                    {
                        lastRepeated = digis.Count - 1;
                    }

                    break;
            }

            count++;
            at += AddressBytes;
            if ((ssidByte & 0x01) != 0)
            {
                break;
            }
        }

        if (count < 2)
        {
            return (null, "it has no source address");
        }

        if (frame.Length < at + 2)
        {
            return (null, "it ends before its control and protocol bytes");
        }

        if ((frame[at] & ~PollFinal) != Ui)
        {
            return (null, $"it is no UI frame (control 0x{frame[at]:X2})");
        }

        if (frame[at + 1] != NoLayer3)
        {
            return (null, $"it carries protocol 0x{frame[at + 1]:X2}, not APRS's 0xF0");
        }

        text.Append(source).Append('>').Append(destination);
        for (var i = 0; i < digis.Count; i++)
        {
            text.Append(',').Append(digis[i]);
            if (i == lastRepeated)
            {
                text.Append('*');
            }
        }

        text.Append(':').Append(Encoding.UTF8.GetString(frame[(at + 2)..]));
        return (text.ToString(), null);
    }

    /// <summary>
    /// The UI frame a TNC would send a TNC2 line in (<c>SOURCE&gt;DEST,DIGI*:information</c>), the inverse of
    /// <see cref="ToTnc2"/>: for a drill played to a TNC, and for reading the two against each other. Null where an
    /// address is no callsign of one to six capital letters and digits with an SSID of 0-15 (an APRS-IS q-construct,
    /// say), or there are more than eight digipeaters.
    /// </summary>
    public static byte[]? FromTnc2(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var gt = colon < 0 ? -1 : line.IndexOf('>', StringComparison.Ordinal);
        if (gt < 1 || gt > colon)
        {
            return null;
        }

        var path = line[(gt + 1)..colon].Split(',');
        var addresses = new List<string> { path[0], line[..gt] };
        addresses.AddRange(path.Skip(1));
        if (addresses.Count > MostAddresses)
        {
            return null;
        }

        var frame = new List<byte>(line.Length + 16);
        for (var i = 0; i < addresses.Count; i++)
        {
            var repeated = i >= 2 && addresses[i].EndsWith('*');
            var call = repeated ? addresses[i][..^1] : addresses[i];
            var dash = call.IndexOf('-', StringComparison.Ordinal);
            var name = dash < 0 ? call : call[..dash];
            var ssid = 0;
            if (name.Length is 0 or > 6 || !name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))
                || (dash >= 0 && (!int.TryParse(call[(dash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ssid) || ssid > 15)))
            {
                return null;
            }

            frame.AddRange(name.PadRight(6).Select(c => (byte)(c << 1)));
            frame.Add((byte)((repeated ? 0x80 : 0) | 0x60 | (ssid << 1) | (i == addresses.Count - 1 ? 1 : 0)));
        }

        frame.Add(Ui);
        frame.Add(NoLayer3);
        frame.AddRange(Encoding.UTF8.GetBytes(line[(colon + 1)..]));
        return [.. frame];
    }

    // Six characters shifted left one bit, space padded, and an SSID of 0-15 in bits 1-4 of the seventh byte; null
    // where a character is no callsign's (a letter or digit), or a space comes before one.
    private static string? Address(ReadOnlySpan<byte> bytes)
    {
        Span<char> call = stackalloc char[6];
        var length = 0;
        for (var i = 0; i < 6; i++)
        {
            var c = (char)(bytes[i] >> 1);
            if (c == ' ')
            {
                continue;
            }

            if ((!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c)) || length != i)
            {
                return null;
            }

            call[length++] = c;
        }

        if (length == 0)
        {
            return null;
        }

        var ssid = (bytes[6] >> 1) & 0x0F;
        return ssid == 0 ? new string(call[..length]) : $"{new string(call[..length])}-{ssid}";
    }
}

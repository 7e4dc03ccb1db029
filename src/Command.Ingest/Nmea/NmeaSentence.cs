using System.Globalization;
using Command.Domain.Validation;

namespace Command.Ingest.Nmea;

/// <summary>Checksum verification and field splitting of one <c>$...*hh</c> sentence.</summary>
internal static class NmeaSentence
{
    public static Rejection? Split(string line, bool requireChecksum, out string[] fields)
    {
        fields = [];
        var text = Unpadded(line);
        // A sentence starts at its line's last '$', which no field may hold: what stands before it is line noise (a
        // serial-to-TCP gateway's NUL padding, bytes of a baud-rate mismatch) or a sentence cut off by the next (a
        // receiver restarting runs them together), and the checksum says whether what follows is whole. Read from the
        // line's first character, a whole fix behind either was refused for a checksum that did not match.
        var start = text.LastIndexOf('$');
        if (start < 0 || text.Length - start < 2)
        {
            return new(RejectReason.Malformed, "line is not an NMEA sentence (no leading $)");
        }

        text = text[start..];

        var star = text.LastIndexOf('*');
        ReadOnlySpan<char> body;
        if (star < 0)
        {
            if (requireChecksum)
            {
                return new(RejectReason.Malformed, "sentence has no checksum");
            }

            body = text[1..];
        }
        else
        {
            body = text[1..star];
            var given = text[(star + 1)..];
            if (given.Length < 2 || !byte.TryParse(given[..2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var expected))
            {
                return new(RejectReason.Malformed, $"checksum '{Shown(given)}' is not two hex digits");
            }

            if (given.Length > 2)
            {
                return new(RejectReason.Malformed, $"'{Shown(given[2..])}' follows the checksum *{given[..2]}, where only the line's end may");
            }

            byte actual = 0;
            foreach (var c in body)
            {
                actual ^= (byte)c;
            }

            if (actual != expected)
            {
                return new(RejectReason.Malformed, $"checksum is {expected:X2} but the sentence computes to {actual:X2}");
            }
        }

        fields = body.ToString().Split(',');
        return null;
    }

    /// <summary>
    /// A line without the whitespace and control bytes about it: some serial-to-TCP gateways end each sentence with a NUL
    /// (<c>*7D\0\r\n</c>), or pad with them, and a sentence with a NUL after its checksum was refused as a bad checksum.
    /// No sentence holds a control byte, so none is part of one; nor a byte order mark, which a bridge writing UTF-8 on
    /// Windows sends first (its <c>UNIT</c> line was refused, and every fix after it as from a connection of no unit).
    /// </summary>
    public static ReadOnlySpan<char> Unpadded(string line)
    {
        var text = line.AsSpan();
        var start = 0;
        while (start < text.Length && IsPadding(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && IsPadding(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static bool IsPadding(char c) => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFEFF';

    // A control byte said as its code, not sent on into a log or a page.
    private static string Shown(ReadOnlySpan<char> text)
    {
        var shown = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            shown.Append(char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}") : c.ToString());
        }

        return shown.ToString();
    }
}

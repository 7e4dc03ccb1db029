using System.Globalization;
using Command.Domain.Validation;

namespace Command.Ingest.Nmea;

/// <summary>Checksum verification and field splitting of one <c>$...*hh</c> sentence.</summary>
internal static class NmeaSentence
{
    public static Rejection? Split(string line, bool requireChecksum, out string[] fields)
    {
        fields = [];
        var text = line.AsSpan().Trim();
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
            if (given.Length != 2 || !byte.TryParse(given, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var expected))
            {
                return new(RejectReason.Malformed, $"checksum '{given}' is not two hex digits");
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
}

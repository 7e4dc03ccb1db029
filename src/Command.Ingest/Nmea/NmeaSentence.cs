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
        if (text.Length < 2 || text[0] != '$')
        {
            return new(RejectReason.Malformed, "line is not an NMEA sentence (no leading $)");
        }

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

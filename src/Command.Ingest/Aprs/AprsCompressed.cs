using Command.Domain.Validation;

namespace Command.Ingest.Aprs;

/// <summary>
/// The compressed format <c>/YYYYXXXX$csT</c>: base-91 latitude and longitude, then either course and speed or,
/// when the compression type says the fix came from GGA, altitude.
/// </summary>
internal static class AprsCompressed
{
    public static Rejection? Decode(ReadOnlySpan<char> text, out AprsFix fix)
    {
        fix = default;
        if (text.Length < 13)
        {
            return new(RejectReason.Malformed, $"compressed position is {text.Length} characters, expected 13");
        }

        if (!TryBase91(text[1..5], out var y) || !TryBase91(text[5..9], out var x))
        {
            return new(RejectReason.InvalidCoordinates, $"compressed position '{text[..13]}' has characters outside base 91");
        }

        var lat = 90 - (y / 380926.0);
        var lon = -180 + (x / 190463.0);
        double? course = null, speed = null, altitude = null;
        char c = text[10], s = text[11], t = text[12];
        // Beside the weather symbol the cs bytes are the wind's direction and speed, not the station's.
        if (text[9] != AprsWeather.Symbol && c != ' ' && c is >= '!' and <= '{' && s is >= '!' and <= '{' && t is >= '!' and <= '{')
        {
            if (((t - 33) & 0x18) == 0x10)
            {
                altitude = Math.Pow(1.002, ((c - 33) * 91) + (s - 33)) * 0.3048;
            }
            else if (c <= 'z')
            {
                var degrees = (c - 33) * 4;
                course = degrees is >= 1 and <= 360 ? degrees : null;
                speed = Math.Pow(1.08, s - 33) - 1;
            }
        }

        fix = new AprsFix(lat, lon, null, course, speed, altitude);
        return null;
    }

    internal static bool TryBase91(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        foreach (var ch in text)
        {
            if (ch is < '!' or > '{')
            {
                return false;
            }

            value = (value * 91) + (ch - 33);
        }

        return true;
    }
}

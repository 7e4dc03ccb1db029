using System.Globalization;
using Command.Domain.Validation;

namespace Command.Ingest.Aprs;

/// <summary>
/// <c>DDMM.hhN/DDDMM.hhW$</c> with an optional <c>CSE/SPD</c> extension and <c>/A=</c> altitude in feet. A weather
/// station's (symbol <c>_</c>) <c>CSE/SPD</c> is its wind, and no course or speed of its own.
/// </summary>
internal static class AprsUncompressed
{
    public static Rejection? Decode(ReadOnlySpan<char> text, out AprsFix fix)
    {
        fix = default;
        if (text.Length < 19)
        {
            return new(RejectReason.Malformed, $"uncompressed position is {text.Length} characters, expected at least 19");
        }

        var level = AprsAmbiguity.Level(text[..8]);
        if (level < 0)
        {
            return new(RejectReason.Malformed, $"latitude '{text[..8]}' has blanks that are not trailing digits");
        }

        if (!TryPart(AprsAmbiguity.Fill(text[..7], level, 0), text[7], 2, 'N', 'S', level, out var lat)
            || !TryPart(AprsAmbiguity.Fill(text[9..17], level, 1), text[17], 3, 'E', 'W', level, out var lon))
        {
            return new(RejectReason.InvalidCoordinates, $"position '{text[..19]}' is not DDMM.hhN/DDDMM.hhW");
        }

        var rest = text[19..];
        double? course = null, speed = null;
        // Beside the weather symbol the slot holds the wind's direction and speed, not the station's.
        if (text[18] != AprsWeather.Symbol && rest.Length >= 7 && rest[3] == '/' && int.TryParse(rest[..3], NumberStyles.None, CultureInfo.InvariantCulture, out var c)
            && int.TryParse(rest[4..7], NumberStyles.None, CultureInfo.InvariantCulture, out var s))
        {
            course = c is >= 1 and <= 360 ? c : null;
            speed = s;
        }

        fix = new AprsFix(lat, lon, AprsAmbiguity.AccuracyM(level), course, speed, AltitudeFeet(rest) * 0.3048);
        return null;
    }

    private static bool TryPart(string digits, char hemisphere, int degreeDigits, char positive, char negative, int level, out double value)
    {
        value = 0;
        if (digits[degreeDigits + 2] != '.'
            || !int.TryParse(digits.AsSpan(0, degreeDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var degrees)
            || !int.TryParse(digits.AsSpan(degreeDigits, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !int.TryParse(digits.AsSpan(degreeDigits + 3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hundredths)
            || minutes >= 60 || (hemisphere != positive && hemisphere != negative))
        {
            return false;
        }

        value = degrees + ((minutes + (hundredths / 100.0) + AprsAmbiguity.CentreMinutes(level)) / 60);
        value = hemisphere == negative ? -value : value;
        return true;
    }

    /// <summary>The <c>/A=aaaaaa</c> altitude in feet anywhere in the comment.</summary>
    internal static double? AltitudeFeet(ReadOnlySpan<char> comment)
    {
        var at = comment.IndexOf("/A=", StringComparison.Ordinal);
        return at >= 0 && comment.Length >= at + 9
            && int.TryParse(comment.Slice(at + 3, 6), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var feet)
            ? feet : null;
    }
}

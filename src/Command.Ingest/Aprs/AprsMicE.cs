using Command.Domain.Validation;

namespace Command.Ingest.Aprs;

/// <summary>
/// Mic-E: latitude, north/south, a longitude offset and east/west are encoded in the six destination
/// characters; longitude, speed and course in the information field's next six bytes; altitude (metres above
/// -10 km, base 91) optionally as <c>xxx}</c> at the start of the comment.
/// </summary>
internal static class AprsMicE
{
    public static Rejection? Decode(ReadOnlySpan<char> destination, ReadOnlySpan<char> info, out AprsFix fix)
    {
        fix = default;
        var dash = destination.IndexOf('-');
        var dest = dash >= 0 ? destination[..dash] : destination;
        if (dest.Length != 6 || info.Length < 9)
        {
            return new(RejectReason.Malformed, $"Mic-E needs a 6-character destination and 9 information bytes (got {dest.Length} and {info.Length})");
        }

        Span<char> lat = stackalloc char[8];
        for (var i = 0; i < 6; i++)
        {
            var ch = dest[i];
            char digit = ch switch
            {
                >= '0' and <= '9' => ch,
                >= 'A' and <= 'J' when i < 3 => (char)('0' + (ch - 'A')),
                >= 'P' and <= 'Y' => (char)('0' + (ch - 'P')),
                'K' when i < 3 => ' ',
                'L' or 'Z' => ' ',
                _ => '?',
            };
            if (digit == '?')
            {
                return new(RejectReason.Malformed, $"Mic-E destination '{dest}' has '{ch}' at position {i + 1}");
            }

            lat[i < 4 ? i : i + 1] = digit;
        }

        lat[4] = '.';
        lat[7] = dest[3] >= 'P' ? 'N' : 'S';
        var longitude = Longitude(info, dest[4] >= 'P', dest[5] >= 'P');
        if (longitude is null)
        {
            return new(RejectReason.InvalidCoordinates, $"Mic-E longitude bytes are out of range");
        }

        var position = new string(lat) + "/" + longitude + "$";
        if (AprsUncompressed.Decode(position, out var decoded) is { } bad)
        {
            return bad;
        }

        int sp = info[4] - 28, dc = info[5] - 28, se = info[6] - 28;
        var speed = (sp * 10) + (dc / 10);
        speed = speed >= 800 ? speed - 800 : speed;
        var course = ((dc % 10) * 100) + se;
        course = course >= 400 ? course - 400 : course;
        fix = decoded with
        {
            SpeedKnots = sp is >= 0 and < 100 && dc >= 0 && se >= 0 ? speed : null,
            CourseDeg = course is >= 1 and <= 360 ? course : null,
            AltitudeM = Altitude(info[9..]),
        };
        return null;
    }

    /// <summary>The longitude as DDDMM.hhE text so the uncompressed reader applies the same ambiguity.</summary>
    private static string? Longitude(ReadOnlySpan<char> info, bool plus100, bool west)
    {
        int d = info[1] - 28 + (plus100 ? 100 : 0), m = info[2] - 28, h = info[3] - 28;
        d = d is >= 180 and <= 189 ? d - 80 : d is >= 190 and <= 199 ? d - 190 : d;
        m = m >= 60 ? m - 60 : m;
        return d is < 0 or > 179 || m is < 0 or > 59 || h is < 0 or > 99 ? null : FormattableString.Invariant($"{d:000}{m:00}.{h:00}{(west ? 'W' : 'E')}");
    }

    private static double? Altitude(ReadOnlySpan<char> comment)
    {
        var at = comment.Length >= 4 && comment[3] == '}' ? 0 : comment.Length >= 5 && comment[4] == '}' ? 1 : -1;
        return at >= 0 && AprsCompressed.TryBase91(comment.Slice(at, 3), out var value) ? value - 10000 : null;
    }
}

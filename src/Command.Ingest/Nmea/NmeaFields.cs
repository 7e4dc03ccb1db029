using System.Globalization;
using Command.Domain.Validation;

namespace Command.Ingest.Nmea;

/// <summary>Field formats shared by RMC, GGA and $PKLDS.</summary>
internal static class NmeaFields
{
    /// <summary>ddmm.mmmm / dddmm.mmmm with a hemisphere letter, to signed decimal degrees.</summary>
    public static bool TryCoordinate(string value, string hemisphere, int degreeDigits, out double degrees)
    {
        degrees = 0;
        if (value.Length < degreeDigits + 2 || hemisphere.Length != 1
            || !int.TryParse(value.AsSpan(0, degreeDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var whole)
            || !double.TryParse(value.AsSpan(degreeDigits), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var minutes)
            || minutes >= 60)
        {
            return false;
        }

        degrees = whole + (minutes / 60);
        switch (hemisphere[0])
        {
            case 'S' when degreeDigits == 2:
            case 'W' when degreeDigits == 3:
                degrees = -degrees;
                return true;
            case 'N' when degreeDigits == 2:
            case 'E' when degreeDigits == 3:
                return true;
            default:
                return false;
        }
    }

    /// <summary>hhmmss(.sss) to a time of day.</summary>
    public static bool TryTimeOfDay(string value, out TimeSpan time)
    {
        time = default;
        if (value.Length < 6
            || !int.TryParse(value.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(value.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !double.TryParse(value.AsSpan(4), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s)
            || h > 23 || m > 59 || s >= 61)
        {
            return false;
        }

        time = new TimeSpan(0, h, m, 0).Add(TimeSpan.FromMilliseconds(Math.Round(s * 1000)));
        return true;
    }

    /// <summary>ddmmyy to a date; two-digit years 80-99 are 19xx, the rest 20xx.</summary>
    public static bool TryDate(string value, out DateOnly date)
    {
        date = default;
        if (value.Length != 6
            || !int.TryParse(value.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(value.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var mo)
            || !int.TryParse(value.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y < 80 ? 2000 + y : 1900 + y, mo))
        {
            return false;
        }

        date = new DateOnly(y < 80 ? 2000 + y : 1900 + y, mo, d);
        return true;
    }

    /// <summary>
    /// An optional number: null when the field is empty or not a number. Infinity and NaN are kept, so the screen
    /// refuses them as it refuses any other value out of range, rather than the fix going on without them.
    /// </summary>
    public static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>
    /// The first of the named optional fields that holds something but no number ("speed 'abc' is not a number"), for a
    /// refusal's detail; null when each is empty, absent or a number. Read as nothing, a garbled speed had its fix taken
    /// as one that says nothing of its motion, without a word.
    /// </summary>
    public static string? NotANumber(string[] f, params ReadOnlySpan<(int At, string Name)> fields)
    {
        foreach (var (at, name) in fields)
        {
            if (at < f.Length && f[at].Length > 0 && Number(f[at]) is null)
            {
                return $"{name} '{f[at]}' is not a number";
            }
        }

        return null;
    }

    /// <summary>
    /// How near a whole number of GPS eras back (the 1,024 weeks of <see cref="ReportScreen.GpsWeekRollover"/>, all a
    /// 10-bit week number counts) an RMC date must put its fix to be taken as a week rollover: a day.
    /// </summary>
    public static readonly TimeSpan RolloverTolerance = TimeSpan.FromDays(1);

    /// <summary>
    /// A fix time moved forward by the GPS eras it lags <paramref name="receivedAt"/> by, where it lags by one or two of
    /// them within <see cref="RolloverTolerance"/> (an RMC's two-digit year reaches back no further); otherwise as it
    /// is. A receiver whose firmware counts the week number from an era that has passed (many did after April 2019,
    /// others at dates their makers chose) dates every fix 19.6 years back, or 39.3: its fixes were all refused as too
    /// old, and the unit never reached the board. gpsd puts such dates right too. A date that lags by anything else (a
    /// clock set wrong, a replayed capture) is left for the screen to judge. Gives the eras it was moved by too, none where
    /// it was not.
    /// </summary>
    public static (DateTimeOffset FixTime, int Eras) PastWeekRollover(DateTimeOffset fixTime, DateTimeOffset receivedAt)
    {
        for (var eras = 1; eras <= 2; eras++)
        {
            var moved = fixTime + (ReportScreen.GpsWeekRollover * eras);
            if ((moved - receivedAt).Duration() <= RolloverTolerance)
            {
                return (moved, eras);
            }
        }

        return (fixTime, 0);
    }

    /// <summary>The day among yesterday, today and tomorrow that puts a time of day nearest to a reference instant.</summary>
    public static DateTimeOffset Nearest(TimeSpan timeOfDay, DateTimeOffset reference)
    {
        var day = new DateTimeOffset(reference.UtcDateTime.Date, TimeSpan.Zero) + timeOfDay;
        DateTimeOffset[] candidates = [day.AddDays(-1), day, day.AddDays(1)];
        return candidates.MinBy(c => (c - reference).Duration());
    }
}

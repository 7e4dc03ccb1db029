using System.Globalization;

namespace Command.Ingest.Aprs;

/// <summary>
/// APRS timestamps: <c>DDHHMMz</c> (day, hour, minute UTC), <c>DDHHMM/</c> (the sender's local time),
/// <c>HHMMSSh</c> (UTC). They carry no month or year (DHM) or no date at all (HMS): the instant chosen is the candidate
/// nearest the receiving clock among the previous, the same and the next month (DHM) or day (HMS), so a packet stamped
/// the 31st received on the 1st lands on the 31st of the previous month and one stamped 23:59:50 received at 00:00:05
/// lands on the previous day. A DHM zulu time received within its own minute is taken as when it was received: it says
/// only the minute. A local time says nothing of the instant without the sender's zone, which the packet does not
/// carry: it is checked as a stamp and the position taken when it was received, as one with no stamp is. Read as UTC,
/// every beacon of a tracker set to local time at a site outside UTC was refused, as a fix hours ahead or hours old.
/// </summary>
internal static class AprsTimestamp
{
    public static bool TryParse(ReadOnlySpan<char> text, DateTimeOffset receivedAt, out DateTimeOffset time)
    {
        time = default;
        if (text.Length < 7
            || !int.TryParse(text[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            || !int.TryParse(text[2..4], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            || !int.TryParse(text[4..6], NumberStyles.None, CultureInfo.InvariantCulture, out var c))
        {
            return false;
        }

        var utc = receivedAt.UtcDateTime;
        switch (text[6])
        {
            case '/' when a is >= 1 and <= 31 && b < 24 && c < 60:
                time = receivedAt;
                return true;
            case 'z' when a is >= 1 and <= 31 && b < 24 && c < 60:
                var months = new[] { -1, 0, 1 }
                    .Select(m => new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(m))
                    .Where(m => a <= DateTime.DaysInMonth(m.Year, m.Month))
                    .Select(m => new DateTimeOffset(m.AddDays(a - 1).AddHours(b).AddMinutes(c), TimeSpan.Zero));
                time = months.MinBy(t => (t - receivedAt).Duration());
                if (receivedAt >= time && receivedAt < time.AddMinutes(1))
                {
                    // The minute is the fix's, cut to the minute: received within it, it was taken when it was received,
                    // near enough. Each beacon of a tracker beaconing every few seconds on the move otherwise carried the
                    // same time, and all but the first in a minute were refused as duplicates.
                    time = receivedAt;
                }

                return true;
            case 'h' when a < 24 && b < 60 && c < 60:
                var day = new DateTimeOffset(utc.Date, TimeSpan.Zero).Add(new TimeSpan(a, b, c));
                time = new[] { day.AddDays(-1), day, day.AddDays(1) }.MinBy(t => (t - receivedAt).Duration());
                return true;
            default:
                return false;
        }
    }
}

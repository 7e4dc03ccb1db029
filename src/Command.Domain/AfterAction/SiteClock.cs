using System.Globalization;

namespace Command.Domain.AfterAction;

/// <summary>
/// Times as the site's people read them: local time in the site's IANA time zone beside UTC, or UTC alone when the
/// site has no zone. The one place forms and reports format an instant.
/// </summary>
public sealed class SiteClock
{
    private readonly TimeZoneInfo? zone;

    public SiteClock(string? timeZone)
    {
        TimeZone = timeZone;
        zone = timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : null;
    }

    /// <summary>The IANA name, when the site has one.</summary>
    public string? TimeZone { get; }

    public bool HasLocal => zone is not null;

    /// <summary>The instant in the site's zone (UTC when it has none).</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => zone is null ? instant.ToUniversalTime() : TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>"09:04:05" local, 24-hour.</summary>
    public string LocalTime(DateTimeOffset instant) => Local(instant).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"15:04:05" UTC.</summary>
    public static string UtcTime(DateTimeOffset instant) => instant.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"2026-03-14 09:04 MDT-06:00 (15:04 UTC)", or "2026-03-14 15:04 UTC" when the site has no zone.</summary>
    public string DateTime(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (zone is null)
        {
            return $"{utc} UTC";
        }

        var local = Local(instant);
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {TimeZone} (UTC{local.ToString("zzz", CultureInfo.InvariantCulture)}; {instant.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC)";
    }

    /// <summary>"09:04:05 (15:04:05 UTC)", or "15:04:05 UTC" when the site has no zone.</summary>
    public string Both(DateTimeOffset instant) => zone is null ? $"{UtcTime(instant)} UTC" : $"{LocalTime(instant)} ({UtcTime(instant)} UTC)";
}

using System.Globalization;

namespace Command.Fuzz.Live;

/// <summary>
/// A well-formed position report in each protocol, for a unit at a place and time: what must still land after a
/// fuzz run. APRS reports without a timestamp, so its fix time is when the host receives it.
/// </summary>
public static class CleanReports
{
    public static IReadOnlyList<string> Cot(string unitId, DateTimeOffset time, double lat, double lon) =>
    [
        Invariant($"<event version=\"2.0\" uid=\"{unitId}\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"{Iso(time)}\" start=\"{Iso(time)}\" stale=\"{Iso(time.AddMinutes(5))}\"><point lat=\"{lat:F7}\" lon=\"{lon:F7}\" hae=\"9999999.0\" ce=\"5.0\" le=\"9999999.0\"/><detail><contact callsign=\"{unitId}\"/></detail></event>"),
    ];

    public static IReadOnlyList<string> Nmea(string unitId, DateTimeOffset time, double lat, double lon)
    {
        var body = Invariant($"GPRMC,{time.UtcDateTime:HHmmss.ff},A,{Minutes(Math.Abs(lat), 2)},{(lat >= 0 ? 'N' : 'S')},{Minutes(Math.Abs(lon), 3)},{(lon >= 0 ? 'E' : 'W')},0.0,0.0,{time.UtcDateTime:ddMMyy},,,A");
        var checksum = body.Aggregate(0, (sum, c) => sum ^ c);
        return [$"UNIT {unitId}", Invariant($"${body}*{checksum:X2}")];
    }

    /// <summary>An APRS position; <paramref name="unitId"/> must be a callsign-SSID (at most 9 characters).</summary>
    public static IReadOnlyList<string> Aprs(string unitId, double lat, double lon) =>
    [
        Invariant($"{unitId}>APRS,TCPIP*:!{Minutes(Math.Abs(lat), 2, "00.00")}{(lat >= 0 ? 'N' : 'S')}/{Minutes(Math.Abs(lon), 3, "00.00")}{(lon >= 0 ? 'E' : 'W')}>"),
    ];

    public static IReadOnlyList<string> OsmAnd(string unitId, DateTimeOffset time, double lat, double lon) =>
        [Invariant($"id={unitId}&lat={lat:F7}&lon={lon:F7}&timestamp={time.ToUnixTimeSeconds()}&accuracy=5")];

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Minutes(double degrees, int width, string minutes = "00.0000") =>
        ((int)degrees).ToString(new string('0', width), CultureInfo.InvariantCulture) + ((degrees - (int)degrees) * 60).ToString(minutes, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

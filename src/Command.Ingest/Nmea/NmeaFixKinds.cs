namespace Command.Ingest.Nmea;

/// <summary>
/// The fixes a receiver says it did not measure: GGA fix quality 6 (estimated, dead reckoning), 7 (manual input) and 8
/// (simulator), the RMC and GLL mode indicator (NMEA 2.3 and later) E, M, S and N (not valid), and a GNS mode of
/// those alone. A receiver in demo mode
/// sends them with a valid status, so without this check a simulated track would be put on the board as a unit's.
/// </summary>
internal static class NmeaFixKinds
{
    /// <summary>What a GGA fix quality names when it is not a measured position; null when it is one.</summary>
    public static string? GgaQuality(string quality) => quality switch
    {
        "6" => "estimated",
        "7" => "manual input",
        "8" => "simulator",
        _ => null,
    };

    /// <summary>What an RMC or GLL mode indicator names when it is not a measured position; null when it is one (or absent).</summary>
    public static string? RmcMode(string mode) => mode switch
    {
        "E" => "estimated",
        "M" => "manual input",
        "S" => "simulator",
        "N" => "not valid",
        _ => null,
    };

    /// <summary>
    /// What a GNS mode indicator (one character per constellation: GPS, GLONASS, Galileo, BeiDou, ...) names when no
    /// constellation measured a position but one at least gave an estimated, manual or simulated one (say, <c>EN</c>);
    /// null when one measured it, and when none gave any (all <c>N</c>: no fix).
    /// </summary>
    public static string? GnsMode(string modes)
    {
        var kinds = modes.Where(c => c != 'N').Select(c => RmcMode(c.ToString())).ToList();
        return kinds.Count == 0 || kinds.Contains(null) ? null : string.Join(", ", kinds.Distinct());
    }
}

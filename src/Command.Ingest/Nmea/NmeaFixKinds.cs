namespace Command.Ingest.Nmea;

/// <summary>
/// The fixes a receiver says it did not measure: GGA fix quality 6 (estimated, dead reckoning), 7 (manual input) and 8
/// (simulator), and the RMC and GLL mode indicator (NMEA 2.3 and later) E, M, S and N (not valid). A receiver in demo mode
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
}

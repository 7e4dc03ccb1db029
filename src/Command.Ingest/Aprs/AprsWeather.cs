namespace Command.Ingest.Aprs;

/// <summary>
/// A weather station's position report (APRS 1.0.1, chapter 12): beside its symbol, where a position says its course
/// and speed, it says the wind's direction and speed. Read as the station's own, a fixed station was put on the board
/// moving at the wind's speed.
/// </summary>
internal static class AprsWeather
{
    /// <summary>The weather station's symbol code, in either symbol table.</summary>
    public const char Symbol = '_';
}

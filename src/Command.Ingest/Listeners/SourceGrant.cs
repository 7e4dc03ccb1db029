namespace Command.Ingest.Listeners;

/// <summary>
/// What an allow-list entry grants each address it admits, with the listener's values filled in where the entry
/// leaves them out. <see cref="Range"/> and <see cref="Key"/> name the entry in refusals and logs.
/// </summary>
public sealed record SourceGrant(string Range, string Key, double RatePerSecond, int RateBurst, int MaxConnections, bool HostileMarkers);

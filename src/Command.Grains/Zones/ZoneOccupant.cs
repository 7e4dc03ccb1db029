namespace Command.Grains.Zones;

/// <summary>A unit inside a zone, and since when.</summary>
[GenerateSerializer, Immutable]
public sealed record ZoneOccupant(string UnitId, DateTimeOffset Since);

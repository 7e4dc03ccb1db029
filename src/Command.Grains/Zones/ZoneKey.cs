namespace Command.Grains.Zones;

/// <summary>A zone's grain key: zone ids are unique only within their incident.</summary>
public readonly record struct ZoneKey(string IncidentId, string ZoneId)
{
    public static string Format(string incidentId, string zoneId) => $"{incidentId}/{zoneId}";
}

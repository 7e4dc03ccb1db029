namespace Command.Grains.Units;

/// <summary>A unit's grain key: the same radio in two incidents is two units.</summary>
public readonly record struct UnitKey(string IncidentId, string UnitId)
{
    public static string Format(string incidentId, string unitId) => $"{incidentId}/{unitId}";

    public static UnitKey Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? throw new FormatException($"'{key}' is not an incident/unit key") : new(key[..slash], key[(slash + 1)..]);
    }
}

namespace Command.Domain.Threats;

/// <summary>
/// The map marker a threat was placed from was deleted: on a TAK device, the threat is gone from every map but this one.
/// The threat stays where it was, in its phase, until it is placed again or its phase is declared: deleting a marker says
/// no more than that someone took it off the map (the threat down, the marker wrong, a duplicate), and only incident
/// command decides which.
/// </summary>
/// <param name="At">When the incident learnt of it.</param>
/// <param name="Marker">The marker's uid.</param>
/// <param name="Actor">Who deleted it: the device and the address it came from.</param>
/// <param name="Became">
/// What the marker marks now where it was not deleted but marked as something other than hostile ("unknown", "neutral",
/// "friendly": the threat misidentified, or the marker wrong); null where it was deleted.
/// </param>
[GenerateSerializer, Immutable]
public sealed record MarkerDeletion(DateTimeOffset At, string Marker, string Actor, string? Became = null)
{
    /// <summary>What happened to the marker, in words: "deleted", "marked unknown".</summary>
    public string Words => Of(Became);

    /// <summary>What happened to a marker that became <paramref name="became"/> (null: deleted), in words.</summary>
    public static string Of(string? became) => became is null ? "deleted" : $"marked {became}";
}

namespace Command.Ingest.Intake;

/// <summary>
/// A device deleted a map marker (a TAK <c>t-x-d-d</c>), or marked it as other than hostile (<paramref name="Became"/>:
/// "unknown", "neutral", "friendly"): the marker's uid, and the device's (the uid the deletion was sent under, on ATAK;
/// the marker's maker, for a marker changed). It tells the incident something only where the marker placed its threat.
/// <paramref name="Linked"/> is the device a deletion links to besides the marker (<c>relation="p-p"</c>), where it
/// names one: the deletion goes to its incident as the marker went to its maker's, where the uid it was sent under is no
/// unit's. <paramref name="By"/> is the device that deleted it as far as it is known, set once it is routed: a uid it was
/// sent under names one only where that is an enrolled unit's (ATAK sends a deletion under a uid of its own).
/// </summary>
public sealed record DeletedMarker(string Marker, string SentBy, string? Became = null, string? Linked = null, string? By = null)
{
    /// <summary>
    /// The device it names besides the uid it was sent under, enrolled or not: the device it links to (<c>p-p</c>), or the
    /// maker of a marker changed; null where none.
    /// </summary>
    public string? LinkedDevice => Linked ?? (Became is not null && SentBy != Marker ? SentBy : null);
}

namespace Command.Ingest.Intake;

/// <summary>
/// A device deleted a map marker (a TAK <c>t-x-d-d</c>), or marked it as other than hostile (<paramref name="Became"/>:
/// "unknown", "neutral", "friendly"): the marker's uid, and the device's (the uid the deletion was sent under, on ATAK;
/// the marker's maker, for a marker changed). It tells the incident something only where the marker placed its threat.
/// <paramref name="Linked"/> is the device a deletion links to besides the marker (<c>relation="p-p"</c>), where it
/// names one: the deletion goes to its incident as the marker went to its maker's, where the uid it was sent under is no
/// unit's.
/// </summary>
public sealed record DeletedMarker(string Marker, string SentBy, string? Became = null, string? Linked = null);

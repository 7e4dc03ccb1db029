namespace Command.Ingest.Intake;

/// <summary>
/// A device deleted a map marker (a TAK <c>t-x-d-d</c>), or marked it as other than hostile (<paramref name="Became"/>:
/// "unknown", "neutral", "friendly"): the marker's uid, and the device's (the uid the deletion was sent under, on ATAK;
/// the marker's maker, for a marker changed). It tells the incident something only where the marker placed its threat.
/// </summary>
public sealed record DeletedMarker(string Marker, string SentBy, string? Became = null);

namespace Command.Ingest.Intake;

/// <summary>
/// A device deleted a map marker (a TAK <c>t-x-d-d</c>): the marker's uid, and the uid the deletion was sent under
/// (the deleting device's, on ATAK). It tells the incident something only where the marker placed its threat.
/// </summary>
public sealed record DeletedMarker(string Marker, string SentBy);

namespace Command.Recording.Writing;

/// <summary>
/// A batch would leave a hole in a session's recording: an earlier one was not recorded (or this one is out of
/// order). It is refused, as is every later one, until the incident starts again from what is recorded.
/// </summary>
public sealed class RecordingGapException : Exception
{
    public RecordingGapException(string incidentId, long expected, long got)
        : base($"Session {incidentId} expected sequence {expected} next but was handed {got}: recording it would leave a gap.") =>
        (IncidentId, Expected, Got) = (incidentId, expected, got);

    public RecordingGapException()
    {
    }

    public RecordingGapException(string message)
        : base(message)
    {
    }

    public RecordingGapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string IncidentId { get; } = "";

    public long Expected { get; }

    public long Got { get; }
}

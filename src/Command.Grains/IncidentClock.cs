namespace Command.Grains;

/// <summary>
/// The clock incidents stamp events with, registered as a keyed <see cref="TimeProvider"/>. Kept apart from the
/// silo's own TimeProvider, which schedules Orleans' timers and must keep real time even when tests fake this one.
/// </summary>
public static class IncidentClock
{
    public const string Key = "incident-clock";
}

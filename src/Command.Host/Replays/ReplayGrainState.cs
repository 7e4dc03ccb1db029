namespace Command.Host.Replays;

/// <summary>
/// A replay as it outlives the host that held it: its place when it was last opened or controlled, and how many times
/// it was opened again since. Saved at each control, not at each tick: where a playing replay is now follows from its
/// place and the time since.
/// </summary>
[GenerateSerializer]
public sealed class ReplayGrainState
{
    /// <summary>The open replay's place; null when none is open (never opened, closed, or closed for idleness).</summary>
    [Id(0)]
    public ReplayPlace? Place { get; set; }

    /// <summary>Activations that opened the replay again from its place; each numbers its frames above the last one's.</summary>
    [Id(1)]
    public int Reopened { get; set; }
}

/// <summary>
/// Where a replay was at <paramref name="SavedAt"/> (a time of its grain's clock): the recording it plays (that of
/// <paramref name="IncidentId"/>), the recorded instant it stood at, whether it played and at what speed, and whether
/// it followed a session still being recorded.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplayPlace(string IncidentId, DateTimeOffset Position, DateTimeOffset SavedAt, bool Playing, double Speed, bool Follows)
{
    /// <summary>The recorded instant the replay has reached at <paramref name="now"/>: moved on by the time since, at its speed, if it played.</summary>
    public DateTimeOffset At(DateTimeOffset now) => Playing && now > SavedAt ? Position + ((now - SavedAt) * Speed) : Position;

    /// <summary>The place of a replay in <paramref name="status"/> at <paramref name="now"/>.</summary>
    public static ReplayPlace Of(ReplayStatus status, DateTimeOffset now) =>
        new(status.IncidentId, status.Position, now, !status.Paused, status.Speed, status.Follows);
}

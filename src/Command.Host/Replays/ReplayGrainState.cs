namespace Command.Host.Replays;

/// <summary>
/// A replay as it outlives the host that held it: who opened it and when, its place when it was last opened, controlled
/// or seen open, and how many times it was opened again since. Saved at each control, when it stops by itself at the end
/// of its session, and every <see cref="ReplayGrain.SaveEvery"/> while it is open, not at each tick: where a playing
/// replay is now follows from its place and the time since.
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

    /// <summary>Who opened the replay: a person's user name, or <c>token:&lt;name&gt;</c>.</summary>
    [Id(2)]
    public string OpenedBy { get; set; } = "";

    /// <summary>When the replay was opened, on the replays' clock.</summary>
    [Id(3)]
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>The identity behind <see cref="OpenedBy"/> (<see cref="ReplayCaller.Id"/>): the one who drives it.</summary>
    [Id(4)]
    public string OpenedById { get; set; } = "";

    /// <summary>Who last played, paused, stepped or seeked the replay, and when (the replays' clock); null until someone did.</summary>
    [Id(5)]
    public string? ChangedBy { get; set; }

    [Id(6)]
    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>The identity behind <see cref="ChangedBy"/>; null until someone changed it, or when it was changed before identities were kept.</summary>
    [Id(7)]
    public string? ChangedById { get; set; }
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

    /// <summary>
    /// True when the replay has not been seen open for <see cref="ReplayGrain.IdleLimit"/> by <paramref name="now"/>: an
    /// open replay saves its place at least every <see cref="ReplayGrain.SaveEvery"/>, so a place this old is that of a
    /// replay whose host went down and that nobody called or watched since. It is closed, as it would have been for
    /// idleness had its host lived.
    /// </summary>
    public bool Lapsed(DateTimeOffset now) => now - SavedAt >= ReplayGrain.IdleLimit;

    /// <summary>The place of a replay in <paramref name="status"/> at <paramref name="now"/>.</summary>
    public static ReplayPlace Of(ReplayStatus status, DateTimeOffset now) =>
        new(status.IncidentId, status.Position, now, !status.Paused, status.Speed, status.Follows);
}

namespace Command.Host.Replays;

/// <summary>
/// The key of the <see cref="TimeProvider"/> replays play on and are saved by: the system clock, which a test replaces
/// to play a replay, or leave it down, for a known time without waiting. Orleans keeps its own clock.
/// </summary>
public static class ReplayClock
{
    public const string Key = "replay";
}

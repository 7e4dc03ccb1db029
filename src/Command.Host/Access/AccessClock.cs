namespace Command.Host.Access;

/// <summary>
/// The key of the <see cref="TimeProvider"/> that sign-in, sessions, tokens and per-caller rate limits keep time
/// by: the system clock, which a test replaces to expire a token or lift a lock-out without waiting. Orleans keeps
/// its own clock.
/// </summary>
public static class AccessClock
{
    public const string Key = "access";
}

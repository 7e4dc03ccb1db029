namespace Command.Domain.Views;

/// <summary>
/// Paces frames to one per interval on average with some frames of slack (a generic cell rate, one frame unless
/// told more): a frame that comes a little early because the one before it was late goes out at once. With a
/// strict gap between frames, every late frame would push all the ones after it later, and frames fed by reports
/// at the same rate would fall further and further behind them. In any span of time, at most the slack plus one
/// frame plus one per interval go out.
/// </summary>
public sealed class FramePacer(TimeProvider clock, TimeSpan interval, int slack = 1)
{
    private readonly long step = Ticks(clock, interval);
    private readonly long tolerance = slack * Ticks(clock, interval);
    private long theoretical = long.MinValue;

    /// <summary>How long until a frame may go out; zero when it may go now.</summary>
    public TimeSpan Wait()
    {
        var now = clock.GetTimestamp();
        var allowedAt = theoretical == long.MinValue ? now : theoretical - tolerance;
        return allowedAt <= now ? TimeSpan.Zero : clock.GetElapsedTime(now, allowedAt);
    }

    /// <summary>Counts a frame going out now.</summary>
    public void Sent()
    {
        var now = clock.GetTimestamp();
        theoretical = Math.Max(theoretical, now) + step;
    }

    private static long Ticks(TimeProvider clock, TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);
}

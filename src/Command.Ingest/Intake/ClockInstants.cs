namespace Command.Ingest.Intake;

/// <summary>
/// Sets a timer to go off at an instant on a clock. A timer runs from the time it is set, not from the time read to
/// work out its wait: where the clock moved on between the two, it went off that much later (with a test's clock, never,
/// once the clock had been moved to the instant). The wait is set again till the clock moved on by less than a timer
/// can tell (a millisecond) across setting it: a real clock always moves on a little, a test's jumps.
/// </summary>
internal static class ClockInstants
{
    /// <summary>Cancels <paramref name="source"/> at <paramref name="at"/>, at once where that has passed.</summary>
    public static void CancelAt(this CancellationTokenSource source, DateTimeOffset at, TimeProvider clock) =>
        SetAt(at, clock, wait => source.CancelAfter(wait), TimeSpan.Zero);

    /// <summary>Sets <paramref name="timer"/> to go off once at <paramref name="at"/>, soon where that has passed.</summary>
    public static void ChangeAt(this ITimer timer, DateTimeOffset at, TimeProvider clock) =>
        SetAt(at, clock, wait => timer.Change(wait, Timeout.InfiniteTimeSpan), TimeSpan.FromMilliseconds(1));

    /// <summary>
    /// Completes at <paramref name="at"/> on <paramref name="clock"/>, at once where that has passed; cancelled with
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    public static async Task UntilAsync(this TimeProvider clock, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var due = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);
        due.CancelAt(at, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(due.Token, cancellationToken);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    // Less than a timer counts: it runs in whole milliseconds.
    private static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(1);

    private static void SetAt(DateTimeOffset at, TimeProvider clock, Action<TimeSpan> set, TimeSpan least)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            set(at - now > least ? at - now : least);
            if (clock.GetUtcNow() - now < Resolution)
            {
                return;
            }
        }
    }
}

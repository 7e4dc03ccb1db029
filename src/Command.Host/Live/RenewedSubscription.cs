namespace Command.Host.Live;

/// <summary>
/// A subscription to a grain that drops observers that stop renewing and forgets them all when it deactivates:
/// renewed one renewal at a time. Two at once (a browser's first watch and the timer's renewal) could be answered in
/// either order, and the one that came back second, told the grain already held it, would then take the other's
/// "added" for a subscription the grain had lost.
/// </summary>
/// <param name="subscribe">Subscribes or renews; true where the grain did not hold the subscription.</param>
/// <param name="clock">The clock renewals fall due by.</param>
/// <param name="every">How long a renewal lasts before the next is due: well inside the grain's expiry.</param>
internal sealed class RenewedSubscription(Func<Task<bool>> subscribe, TimeProvider clock, TimeSpan every)
{
    private readonly SemaphoreSlim one = new(1, 1);
    private long renewed = long.MinValue;
    private bool subscribed;

    /// <summary>True once a subscription went through: a later one the grain did not hold was lost meanwhile.</summary>
    public bool Subscribed => Volatile.Read(ref subscribed);

    /// <summary>True when it was never renewed, its last renewal failed, or its interval has passed since it was renewed.</summary>
    public bool Due
    {
        get
        {
            var at = Volatile.Read(ref renewed);
            return at == long.MinValue || clock.GetElapsedTime(at) >= every;
        }
    }

    /// <summary>
    /// Renews it; where <paramref name="whenDue"/>, only if it is still <see cref="Due"/> once its turn comes. True
    /// where the grain had lost a subscription it held before: what happened meanwhile was not heard. A failure is
    /// thrown, and leaves it due.
    /// </summary>
    public async Task<bool> RenewAsync(bool whenDue = false)
    {
        await one.WaitAsync();
        try
        {
            if (whenDue && !Due)
            {
                return false;
            }

            bool added;
            try
            {
                added = await subscribe();
            }
            catch
            {
                Volatile.Write(ref renewed, long.MinValue);
                throw;
            }

            Volatile.Write(ref renewed, clock.GetTimestamp());
            var lost = added && subscribed;
            Volatile.Write(ref subscribed, true);
            return lost;
        }
        finally
        {
            one.Release();
        }
    }
}

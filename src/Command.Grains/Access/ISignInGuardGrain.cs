using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// The cluster's one <see cref="SignInThrottle"/>, so an address cannot spread its guesses over several hosts.
/// Keyed <see cref="Key"/>; held in memory only (a lock-out need not outlive the cluster). Times come from the caller.
/// </summary>
public interface ISignInGuardGrain : IGrainWithStringKey
{
    const string Key = "all";

    /// <summary>
    /// Admits one attempt from the address to have its password checked (see <see cref="SignInThrottle.Admit"/>); answers
    /// null once admitted, after waiting for a place while attempts being checked fill the limit, or until when the
    /// address is shut out. Every admitted attempt is settled by <see cref="Failed"/>, <see cref="Succeeded"/> or
    /// <see cref="Released"/>.
    /// </summary>
    Task<DateTimeOffset?> Admit(string address, DateTimeOffset now, SignInLimits limits);

    /// <summary>Settles an admitted attempt that neither failed nor signed anyone in.</summary>
    Task Released(string address);

    /// <summary>
    /// Counts a failure against <paramref name="userName"/> (null for a name nobody has, or a link); answers until when
    /// the address is shut out if this one shut it out.
    /// </summary>
    Task<DateTimeOffset?> Failed(string address, string? userName, DateTimeOffset now, SignInLimits limits);

    /// <summary>Forgives the address's failures against <paramref name="userName"/> alone: see <see cref="SignInThrottle"/>.</summary>
    Task Succeeded(string address, string userName);

    /// <summary>An admin lifts a lock-out; false when the address was not locked out or known.</summary>
    Task<bool> Unlock(string address);

    Task<ImmutableArray<Lockout>> Lockouts(DateTimeOffset now);
}

/// <summary>
/// Holds the throttle; one activation serves every host. Reentrant so that attempts waiting for a place do not hold up
/// the calls that settle the ones being checked; every method but a waiting <see cref="Admit"/> runs to its end at once.
/// </summary>
[Reentrant]
public sealed class SignInGuardGrain : Grain, ISignInGuardGrain
{
    private readonly SignInThrottle throttle = new();
    private readonly Dictionary<string, Queue<Waiting>> waiting = new(StringComparer.Ordinal);

    public Task<DateTimeOffset?> Admit(string address, DateTimeOffset now, SignInLimits limits)
    {
        // Places held by checks that never settled (their host went away) lapse as time passes, not only as others settle:
        // with nothing settling, everyone waiting, and every attempt after them, waited on for good, a right password too.
        AdmitWaiting(address, now);

        // Behind anyone still waiting, so that a place freed goes to the longest waiting.
        if (!waiting.ContainsKey(address) && throttle.Admit(address, now, limits) is { MustWait: false } admission)
        {
            return Task.FromResult(admission.LockedUntil);
        }

        var queued = new Waiting(now, limits, new TaskCompletionSource<DateTimeOffset?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!waiting.TryGetValue(address, out var queue))
        {
            waiting[address] = queue = new Queue<Waiting>();
        }

        queue.Enqueue(queued);
        return queued.Answer.Task;
    }

    public Task Released(string address)
    {
        throttle.Released(address);
        AdmitWaiting(address);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> Failed(string address, string? userName, DateTimeOffset now, SignInLimits limits)
    {
        var until = throttle.Failed(address, userName, now, limits);
        AdmitWaiting(address);
        return Task.FromResult(until);
    }

    public Task Succeeded(string address, string userName)
    {
        throttle.Succeeded(address, userName);
        AdmitWaiting(address);
        return Task.CompletedTask;
    }

    public Task<bool> Unlock(string address)
    {
        var unlocked = throttle.Unlock(address);
        AdmitWaiting(address);
        return Task.FromResult(unlocked);
    }

    public Task<ImmutableArray<Lockout>> Lockouts(DateTimeOffset now) => Task.FromResult(throttle.Lockouts(now));

    // A waiting attempt is judged by the time it asked at, or a later one a new attempt gives: the one settling gives none.
    private void AdmitWaiting(string address, DateTimeOffset? now = null)
    {
        if (!waiting.TryGetValue(address, out var queue))
        {
            return;
        }

        while (queue.TryPeek(out var next)
            && throttle.Admit(address, now > next.Now ? now.Value : next.Now, next.Limits) is { MustWait: false } admission)
        {
            queue.Dequeue();
            next.Answer.SetResult(admission.LockedUntil);
        }

        if (queue.Count == 0)
        {
            waiting.Remove(address);
        }
    }

    private sealed record Waiting(DateTimeOffset Now, SignInLimits Limits, TaskCompletionSource<DateTimeOffset?> Answer);
}

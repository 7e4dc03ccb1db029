using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// The cluster's one <see cref="SignInThrottle"/>, so an address cannot spread its guesses over several hosts.
/// Keyed <see cref="Key"/>; held in memory only (a lock-out need not outlive the cluster). Times come from the caller.
/// </summary>
public interface ISignInGuardGrain : IGrainWithStringKey
{
    const string Key = "all";

    Task<DateTimeOffset?> LockedUntil(string address, DateTimeOffset now);

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

/// <summary>Holds the throttle; one activation serves every host.</summary>
public sealed class SignInGuardGrain : Grain, ISignInGuardGrain
{
    private readonly SignInThrottle throttle = new();

    public Task<DateTimeOffset?> LockedUntil(string address, DateTimeOffset now) => Task.FromResult(throttle.LockedUntil(address, now));

    public Task<DateTimeOffset?> Failed(string address, string? userName, DateTimeOffset now, SignInLimits limits) =>
        Task.FromResult(throttle.Failed(address, userName, now, limits));

    public Task Succeeded(string address, string userName)
    {
        throttle.Succeeded(address, userName);
        return Task.CompletedTask;
    }

    public Task<bool> Unlock(string address) => Task.FromResult(throttle.Unlock(address));

    public Task<ImmutableArray<Lockout>> Lockouts(DateTimeOffset now) => Task.FromResult(throttle.Lockouts(now));
}

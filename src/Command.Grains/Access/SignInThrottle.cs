using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// Failed sign-ins by source address. The lock-out is the address's, never the account's: an attacker who fails
/// on the commander's name shuts out only the attacker's own address, not the commander mid-drill.
/// Every failure from an address counts, whichever name it was against; a sign-in forgives only the failures against
/// the name it signed in as. Otherwise anyone holding one account (an observer's) could guess the commander's password
/// without end, signing in as themselves between tries. The forgiveness is kept for the command post where a whole
/// shift signs in from one address: each one's mistype is forgiven when they get it right, not left to shut the others out.
/// Addresses with nothing recent are dropped once there are more than <see cref="PruneAbove"/>.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>Number of addresses above which quiet ones are forgotten. 10,000.</summary>
    public const int PruneAbove = 10_000;

    private readonly Dictionary<string, Record> addresses = new(StringComparer.Ordinal);

    /// <summary>Until when the address is shut out, or null when it may try.</summary>
    public DateTimeOffset? LockedUntil(string address, DateTimeOffset now) =>
        addresses.TryGetValue(address, out var record) && record.LockedUntil > now ? record.LockedUntil : null;

    /// <summary>
    /// Counts a failure against <paramref name="userName"/> (as the access book holds it; null for a name nobody has or
    /// a link, which no sign-in forgives); answers until when the address is now shut out, if this failure shut it out.
    /// </summary>
    public DateTimeOffset? Failed(string address, string? userName, DateTimeOffset now, SignInLimits limits)
    {
        if (addresses.Count > PruneAbove)
        {
            Prune(now, limits);
        }

        if (!addresses.TryGetValue(address, out var record))
        {
            addresses[address] = record = new Record();
        }

        record.Failures.RemoveAll(f => now - f.At >= limits.Window);
        record.Failures.Add(new Failure(now, userName));
        if (record.Failures.Count < limits.MaxFailures)
        {
            return null;
        }

        record.LockedUntil = now + limits.LockOut;
        record.Failures.Clear();
        record.LockedFailures = limits.MaxFailures;
        return record.LockedUntil;
    }

    /// <summary>Forgives the address's failures against <paramref name="userName"/>, who has just signed in from it.</summary>
    public void Succeeded(string address, string userName)
    {
        if (addresses.TryGetValue(address, out var record))
        {
            record.Failures.RemoveAll(f => f.UserName == userName);
            if (record.Failures.Count == 0 && record.LockedFailures == 0)
            {
                addresses.Remove(address);
            }
        }
    }

    public bool Unlock(string address) => addresses.Remove(address);

    public ImmutableArray<Lockout> Lockouts(DateTimeOffset now) =>
    [
        .. addresses.Where(a => a.Value.LockedUntil > now).OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new Lockout(a.Key, a.Value.LockedUntil, a.Value.LockedFailures)),
    ];

    private void Prune(DateTimeOffset now, SignInLimits limits)
    {
        foreach (var (address, record) in addresses.ToList())
        {
            if (record.LockedUntil <= now && record.Failures.All(f => now - f.At >= limits.Window))
            {
                addresses.Remove(address);
            }
        }
    }

    private sealed record Failure(DateTimeOffset At, string? UserName);

    private sealed class Record
    {
        public List<Failure> Failures { get; } = [];

        public DateTimeOffset LockedUntil { get; set; }

        public int LockedFailures { get; set; }
    }
}

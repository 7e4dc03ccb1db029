using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// Failed sign-ins by source address. The lock-out is the address's, never the account's: an attacker who fails
/// on the commander's name shuts out only the attacker's own address, not the commander mid-drill.
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

    /// <summary>Counts a failure; answers until when the address is now shut out, if this failure shut it out.</summary>
    public DateTimeOffset? Failed(string address, DateTimeOffset now, SignInLimits limits)
    {
        if (addresses.Count > PruneAbove)
        {
            Prune(now, limits);
        }

        if (!addresses.TryGetValue(address, out var record))
        {
            addresses[address] = record = new Record();
        }

        record.Failures.RemoveAll(f => now - f >= limits.Window);
        record.Failures.Add(now);
        if (record.Failures.Count < limits.MaxFailures)
        {
            return null;
        }

        record.LockedUntil = now + limits.LockOut;
        record.Failures.Clear();
        record.LockedFailures = limits.MaxFailures;
        return record.LockedUntil;
    }

    public void Succeeded(string address) => addresses.Remove(address);

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
            if (record.LockedUntil <= now && record.Failures.All(f => now - f >= limits.Window))
            {
                addresses.Remove(address);
            }
        }
    }

    private sealed class Record
    {
        public List<DateTimeOffset> Failures { get; } = [];

        public DateTimeOffset LockedUntil { get; set; }

        public int LockedFailures { get; set; }
    }
}

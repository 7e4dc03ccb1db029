using System.Collections.Immutable;

namespace Command.Grains.Access;

/// <summary>
/// Failed sign-ins by source address. The lock-out is the address's, never the account's: an attacker who fails
/// on the commander's name shuts out only the attacker's own address, not the commander mid-drill.
/// Every failure from an address counts, whichever name it was against; a sign-in forgives only the failures against
/// the name it signed in as. Otherwise anyone holding one account (an observer's) could guess the commander's password
/// without end, signing in as themselves between tries. The forgiveness is kept for the command post where a whole
/// shift signs in from one address: each one's mistype is forgiven when they get it right, not left to shut the others out.
/// A password is checked only once the attempt is admitted (<see cref="Admit"/>), and an address has at most as many
/// attempts being checked as it has failures left: checks that run side by side cannot between them go past the limit.
/// Addresses with nothing recent are dropped once there are more than <see cref="PruneAbove"/>.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>Number of addresses above which quiet ones are forgotten. 10,000.</summary>
    public const int PruneAbove = 10_000;

    /// <summary>
    /// How long an admitted attempt holds its place if it is never settled (the host checking it went away). One minute:
    /// a check takes well under a second.
    /// </summary>
    public static readonly TimeSpan AdmissionLapses = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Record> addresses = new(StringComparer.Ordinal);

    /// <summary>Until when the address is shut out, or null when it may try.</summary>
    public DateTimeOffset? LockedUntil(string address, DateTimeOffset now) =>
        addresses.TryGetValue(address, out var record) && record.LockedUntil > now ? record.LockedUntil : null;

    /// <summary>
    /// Lets one attempt from the address be checked, counting it as pending until it is settled by <see cref="Failed"/>,
    /// <see cref="Succeeded"/> or <see cref="Released"/>. Refused while the attempts being checked and the recent failures
    /// together reach the limit, so that no more can fail than the limit allows: <see cref="SignInAdmission.Wait"/>
    /// while only pending attempts fill it (one may yet succeed and free its place), or the lock-out once failures have.
    /// </summary>
    public SignInAdmission Admit(string address, DateTimeOffset now, SignInLimits limits)
    {
        if (LockedUntil(address, now) is { } until)
        {
            return SignInAdmission.LockedOut(until);
        }

        if (!addresses.TryGetValue(address, out var record))
        {
            addresses[address] = record = new Record();
        }

        record.Failures.RemoveAll(f => now - f.At >= limits.Window);
        record.Pending.RemoveAll(at => now - at >= AdmissionLapses);
        if (record.Pending.Count + record.Failures.Count >= limits.MaxFailures)
        {
            return SignInAdmission.Wait;
        }

        record.Pending.Add(now);
        return SignInAdmission.Admitted;
    }

    /// <summary>Settles an admitted attempt that neither failed nor signed anyone in, freeing its place.</summary>
    public void Released(string address)
    {
        if (addresses.TryGetValue(address, out var record))
        {
            Settle(record);
            ForgetIfQuiet(address, record);
        }
    }

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

        Settle(record);
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
            Settle(record);
            record.Failures.RemoveAll(f => f.UserName == userName);
            ForgetIfQuiet(address, record);
        }
    }

    /// <summary>Lifts the address's lock-out and forgets its failures; attempts still being checked keep their places.</summary>
    public bool Unlock(string address)
    {
        if (!addresses.TryGetValue(address, out var record))
        {
            return false;
        }

        record.Failures.Clear();
        record.LockedUntil = default;
        record.LockedFailures = 0;
        ForgetIfQuiet(address, record);
        return true;
    }

    public ImmutableArray<Lockout> Lockouts(DateTimeOffset now) =>
    [
        .. addresses.Where(a => a.Value.LockedUntil > now).OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new Lockout(a.Key, a.Value.LockedUntil, a.Value.LockedFailures)),
    ];

    // The oldest place is given up: which one settles does not matter, only how many are still out.
    private static void Settle(Record record)
    {
        if (record.Pending.Count > 0)
        {
            record.Pending.RemoveAt(0);
        }
    }

    private void ForgetIfQuiet(string address, Record record)
    {
        if (record.Failures.Count == 0 && record.LockedFailures == 0 && record.Pending.Count == 0)
        {
            addresses.Remove(address);
        }
    }

    private void Prune(DateTimeOffset now, SignInLimits limits)
    {
        foreach (var (address, record) in addresses.ToList())
        {
            if (record.LockedUntil <= now && record.Failures.All(f => now - f.At >= limits.Window) && record.Pending.All(at => now - at >= AdmissionLapses))
            {
                addresses.Remove(address);
            }
        }
    }

    private sealed record Failure(DateTimeOffset At, string? UserName);

    private sealed class Record
    {
        public List<Failure> Failures { get; } = [];

        public List<DateTimeOffset> Pending { get; } = [];

        public DateTimeOffset LockedUntil { get; set; }

        public int LockedFailures { get; set; }
    }
}

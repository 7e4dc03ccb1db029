using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Command.Host.Access;

/// <summary>
/// Who signed in, who failed, which tokens are used, who read which recording, and every refused call: logged
/// (category <c>Command.Host.Access.AccessAudit</c>) and counted (meter <see cref="MeterName"/>). A token's use is
/// counted on every request but logged once per <see cref="TokenLogInterval"/>, so a device's stream of batches
/// cannot flood the log.
/// </summary>
public sealed partial class AccessAudit
{
    public const string MeterName = "Command.Access";

    /// <summary>Shortest gap between two log lines for the same token's use. 10 minutes.</summary>
    public static readonly TimeSpan TokenLogInterval = TimeSpan.FromMinutes(10);

    private readonly ILogger<AccessAudit> logger;
    private readonly TimeProvider clock;
    private readonly Counter<long> signIns;
    private readonly Counter<long> tokenUses;
    private readonly Counter<long> recordingsRead;
    private readonly Counter<long> refused;
    private readonly ConcurrentDictionary<string, DateTimeOffset> tokenLogged = new(StringComparer.Ordinal);

    public AccessAudit(IMeterFactory meters, ILogger<AccessAudit> logger, [FromKeyedServices(AccessClock.Key)] TimeProvider clock)
    {
        (this.logger, this.clock) = (logger, clock);
        var meter = meters.Create(MeterName);
        signIns = meter.CreateCounter<long>("command.access.sign_ins", "{attempt}", "Sign-in attempts, by outcome");
        tokenUses = meter.CreateCounter<long>("command.access.token_uses", "{request}", "Requests made with a machine token, by token");
        recordingsRead = meter.CreateCounter<long>("command.access.recordings_read", "{read}", "Recordings read: after-action exports and replays opened");
        refused = meter.CreateCounter<long>("command.access.refused", "{call}", "Calls refused, by reason (the missing right, unauthenticated, cross-site, rate-limited)");
    }

    public void SignedIn(string userName, string address, string how)
    {
        signIns.Add(1, Tag("outcome", how));
        LogSignedIn(logger, userName, address, how);
    }

    public void SignInFailed(string userName, string address, string reason)
    {
        signIns.Add(1, Tag("outcome", reason));
        LogSignInFailed(logger, userName, address, reason);
    }

    public void LockedOut(string address, DateTimeOffset until)
    {
        signIns.Add(1, Tag("outcome", "locked-out"));
        LogLockedOut(logger, address, until);
    }

    public void LockoutLifted(string address, string by) => LogLockoutLifted(logger, address, by);

    public void SignedOut(string userName) => LogSignedOut(logger, userName);

    public void TokenUsed(string actor, string address)
    {
        tokenUses.Add(1, Tag("token", actor));
        var now = clock.GetUtcNow();
        if (!tokenLogged.TryGetValue(actor, out var last) || now - last >= TokenLogInterval)
        {
            tokenLogged[actor] = now;
            LogTokenUsed(logger, actor, address);
        }
    }

    public void Exported(string actor, string incidentId, string format)
    {
        recordingsRead.Add(1, Tag("kind", "export"));
        LogExported(logger, actor, incidentId, format);
    }

    public void ReplayOpened(string actor, string incidentId, string replayId)
    {
        recordingsRead.Add(1, Tag("kind", "replay"));
        LogReplayOpened(logger, actor, incidentId, replayId);
    }

    /// <summary>A refused call: <paramref name="reason"/> is the missing right or why it was refused.</summary>
    public void Refused(string caller, string what, string reason)
    {
        refused.Add(1, Tag("reason", reason));
        LogRefused(logger, caller, what, reason);
    }

    public void AccessChanged(string actor, string change) => LogAccessChanged(logger, actor, change);

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}

using System.Collections.Frozen;
using Command.Grains.Access;
using Command.Ingest.Http;
using Command.Ingest.Intake;

namespace Command.Host.Access;

/// <summary>
/// This host's copy of the access book, with the lookups every request needs: a person's stamp, whether a token or a
/// session was ended, a device identifier's unit, the credential a unit is bound to. Read again from the grain every
/// <see cref="AccessOptions.RefreshInterval"/> (changes made on other hosts), at once after a change made here, and
/// when a credential names something this copy does not know yet.
/// </summary>
public sealed partial class AccessBookCopy(IGrainFactory grains, AccessOptions options, [FromKeyedServices(AccessClock.Key)] TimeProvider clock, ILogger<AccessBookCopy> logger)
    : BackgroundService, IUnitBindings, IDeviceDirectory
{
    private readonly SemaphoreSlim reading = new(1, 1);
    private volatile Lookups current = Lookups.From(AccessBook.Empty with { Version = -1 });

    /// <summary>Raised after a read brought a newer book: live connections are checked against it.</summary>
    public event Action? Changed;

    public AccessBook Book => current.Book;

    public long Version => current.Book.Version;

    public PersonEntry? Person(string userName) => current.People.GetValueOrDefault(userName);

    public bool IsRevokedToken(string tokenId) => current.RevokedTokens.Contains(tokenId);

    public bool IsEndedSession(string sessionId) => current.EndedSessions.Contains(sessionId);

    /// <summary>What <paramref name="sessionId"/> was kept as by its person's own password change, if it was.</summary>
    public KeptSession? Kept(string sessionId) => current.KeptSessions.GetValueOrDefault(sessionId);

    public DeviceBinding? Find(string identifier) => current.Devices.GetValueOrDefault(TokenFormat.Hash(identifier));

    public string? BoundTo(string unitId) => current.Bindings.GetValueOrDefault(unitId);

    /// <summary>Reads the book again if it changed (the grain answers null when it did not), one read at a time.</summary>
    public async Task RefreshAsync()
    {
        await reading.WaitAsync();
        try
        {
            if (await grains.GetGrain<IAccessGrain>(IAccessGrain.Key).Read(Version) is { } book)
            {
                current = Lookups.From(book.Whole());
                Changed?.Invoke();
            }
        }
        finally
        {
            reading.Release();
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RefreshInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // The copy stays as it was: credentials are checked against the last book read until the grain answers.
                LogRefreshFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the access book again; credentials are checked against the copy read last")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private sealed record Lookups(
        AccessBook Book, FrozenDictionary<string, PersonEntry> People, FrozenSet<string> RevokedTokens, FrozenSet<string> EndedSessions,
        FrozenDictionary<string, DeviceBinding> Devices, FrozenDictionary<string, string> Bindings, FrozenDictionary<string, KeptSession> KeptSessions)
    {
        public static Lookups From(AccessBook book)
        {
            var liveTokens = book.Tokens.Where(t => t.RevokedAt is null).ToList();
            var liveDevices = book.Devices.Where(d => d.RevokedAt is null).ToList();
            var bindings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var token in liveTokens)
            {
                foreach (var unit in token.Units)
                {
                    bindings[unit] = token.Actor;
                }
            }

            foreach (var device in liveDevices)
            {
                bindings[device.UnitId] = device.Actor;
            }

            return new Lookups(
                book,
                book.People.ToFrozenDictionary(p => p.UserName, StringComparer.Ordinal),
                book.Tokens.Where(t => t.RevokedAt is not null).Select(t => t.Id).ToFrozenSet(StringComparer.Ordinal),
                book.EndedSessions.Select(s => s.SessionId).ToFrozenSet(StringComparer.Ordinal),
                liveDevices.ToFrozenDictionary(d => d.Hash, d => new DeviceBinding(d.Actor, d.UnitId), StringComparer.Ordinal),
                bindings.ToFrozenDictionary(StringComparer.Ordinal),
                book.KeptSessions.ToFrozenDictionary(k => k.SessionId, StringComparer.Ordinal));
        }
    }
}

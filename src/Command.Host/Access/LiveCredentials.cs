using System.Collections.Concurrent;
using System.Security.Claims;
using Command.Host.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Access;

/// <summary>
/// The hub connections open on this host and the credential each came with. A connection whose credential is revoked,
/// signed out or expires is closed: checked whenever this host's copy of the access book changes, and every
/// <see cref="AccessOptions.RefreshInterval"/> on the access clock for expiries. The page is told why first
/// (<see cref="HubClosing"/>), so that it can say so rather than call the close a lost connection.
/// </summary>
public sealed partial class LiveCredentials(
    AccessBookCopy book, CredentialCheck check, AccessOptions options, [FromKeyedServices(AccessClock.Key)] TimeProvider clock,
    IHubContext<IncidentHub> hub, ILogger<LiveCredentials> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, Connection> connections = new(StringComparer.Ordinal);

    /// <summary>The sessions whose person is changing their own password there: their connections wait for the new credential.</summary>
    private readonly ConcurrentDictionary<string, int> held = new(StringComparer.Ordinal);

    public int Count => connections.Count;

    public void Track(HubCallerContext context)
    {
        if (context.User is not { } user)
        {
            context.Abort();
            return;
        }

        // A token says when it expires; a cookie's session ends when the cookie would.
        var expires = AccessClaims.TokenExpires(user)
            ?? context.GetHttpContext()?.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc;
        var connection = new Connection(context, user, expires);
        connections[context.ConnectionId] = connection;

        // A connection is tracked once its handshake is done, which may be after a sweep that would have closed it: its
        // credential revoked or lapsed meanwhile, it is closed now rather than at the next change or expiry sweep.
        if (Problem(connection, clock.GetUtcNow()) is { } problem)
        {
            Close(context.ConnectionId, connection, Refused(problem));
        }
    }

    public void Forget(string connectionId) => connections.TryRemove(connectionId, out _);

    /// <summary>Closes every connection whose credential no longer stands.</summary>
    public void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, connection) in connections)
        {
            if (Problem(connection, now) is { } problem)
            {
                Close(id, connection, Refused(problem));
            }
        }
    }

    /// <summary>
    /// Keeps the connections of <paramref name="caller"/>'s session open while they change their own password, which
    /// ends all their sessions: until disposed, the change is not taken as a reason to close them, and disposing sweeps,
    /// so that those not handed over to the new credential (<see cref="HandOver"/>) close then.
    /// </summary>
    public IDisposable Hold(ClaimsPrincipal caller)
    {
        if (Session(caller) is not { } session)
        {
            return new Release(() => { });
        }

        held.AddOrUpdate(session, 1, (_, n) => n + 1);
        return new Release(() =>
        {
            held.AddOrUpdate(session, 0, (_, n) => n - 1);
            held.TryRemove(new KeyValuePair<string, int>(session, 0));
            Sweep();
        });
    }

    /// <summary>
    /// The connections <paramref name="from"/>'s session opened (the other tabs of the browser that changed its own
    /// password) carry on under <paramref name="to"/>, the credential the change issued to that browser, to its expiry.
    /// </summary>
    public void HandOver(ClaimsPrincipal from, ClaimsPrincipal to, DateTimeOffset? expires)
    {
        if (Session(from) is not { } session)
        {
            return;
        }

        foreach (var (id, connection) in connections)
        {
            if (Session(connection.User) == session && connection.User.Identity?.Name == to.Identity?.Name)
            {
                connections.TryUpdate(id, connection with { User = to, Expires = expires }, connection);
            }
        }
    }

    private static string? Session(ClaimsPrincipal caller) =>
        AccessClaims.IsPerson(caller) ? caller.FindFirst(AccessClaims.Session)?.Value : null;

    private static HubClosing Refused(string problem) => new(HubClosing.CredentialRefused, problem);

    private string? Problem(Connection connection, DateTimeOffset now) =>
        Session(connection.User) is { } session && held.ContainsKey(session) ? null
        : check.Problem(connection.User) ?? (connection.Expires <= now ? "the credential expired" : null);

    private void Close(string id, Connection connection, HubClosing why)
    {
        // Only as it was checked: one handed over to a new credential meanwhile stands.
        if (connections.TryRemove(new KeyValuePair<string, Connection>(id, connection)))
        {
            LogClosed(logger, id, connection.User.Identity?.Name ?? "?", why.Detail);
            _ = TellAndCloseAsync(id, connection, why);
        }
    }

    /// <summary>
    /// Tells the page why, then closes: SignalR's own close message carries no reason, and the page would guess one. A
    /// page that cannot be told (its connection already failing) is closed all the same.
    /// </summary>
    private async Task TellAndCloseAsync(string id, Connection connection, HubClosing why)
    {
        try
        {
            await hub.Clients.Client(id).SendAsync(IncidentHub.ClosingMethod, why);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            LogNotTold(logger, id, why.Reason, ex.Message);
        }
        finally
        {
            connection.Context.Abort();
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        book.Changed += Sweep;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        book.Changed -= Sweep;
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RefreshInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Sweep();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed hub connection {ConnectionId} of {Caller}: {Problem}")]
    private static partial void LogClosed(ILogger logger, string connectionId, string caller, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub connection {ConnectionId} could not be told it is closed ({Reason}): {Error}")]
    private static partial void LogNotTold(ILogger logger, string connectionId, string reason, string error);

    private sealed class Release(Action release) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                release();
            }
        }
    }

    private sealed record Connection(HubCallerContext Context, ClaimsPrincipal User, DateTimeOffset? Expires);
}

using System.Collections.Concurrent;
using System.Security.Claims;
using Command.Grains.Access;
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
        var connection = CarriedOver(new Connection(context, user, expires));
        connections[context.ConnectionId] = connection;

        // A connection is tracked once its handshake is done, which may be after a sweep that would have closed it: its
        // credential revoked or lapsed meanwhile, it is closed now rather than at the next change or expiry sweep.
        if (Problem(connection, clock.GetUtcNow()) is { } problem)
        {
            Close(context.ConnectionId, connection, Refused(problem));
        }
    }

    public void Forget(string connectionId) => connections.TryRemove(connectionId, out _);

    /// <summary>
    /// The caller of a hub call as its credential stands now on this host's copy of the access book, asked by each call
    /// rather than left to the sweep: a connection is closed only once the sweep reaches it and the page has been told,
    /// and calls it makes meanwhile were taken under the roles it connected with. Answers the principal it stands under
    /// (a session its person's own password change kept goes on as the new one, with the roles the book holds), or why it
    /// no longer stands.
    /// </summary>
    public Standing Check(HubCallerContext context)
    {
        if (context.User is not { } user)
        {
            return new Standing(null, "the connection holds no one");
        }

        var connection = CarriedOver(connections.GetValueOrDefault(context.ConnectionId) ?? new Connection(context, user, AccessClaims.TokenExpires(user)));
        return Problem(connection, clock.GetUtcNow()) is { } problem ? new Standing(null, problem) : new Standing(connection.User, null);
    }

    /// <summary>
    /// Closes every connection whose credential no longer stands; one whose session its person's own password change
    /// kept (<see cref="KeptSession"/>) carries on under the session it was kept as.
    /// </summary>
    public void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, connection) in connections)
        {
            var standing = CarriedOver(connection);
            if (Problem(standing, now) is { } problem)
            {
                Close(id, connection, Refused(problem));
            }
            else if (!ReferenceEquals(standing, connection))
            {
                // Only as it was checked: one closed meanwhile stays closed.
                connections.TryUpdate(id, standing, connection);
            }
        }
    }

    /// <summary>
    /// The connection under the session its own had been kept as, by each of its person's own password changes since (the
    /// cookie their browser was given, as it was given): it stands if that does. Any other change since (roles, a password
    /// an admin set, a sign-out) ends that too, and so the connection.
    /// </summary>
    private Connection CarriedOver(Connection connection)
    {
        if (check.Problem(connection.User) is null || Session(connection.User) is not { } session
            || book.Person(connection.User.Identity?.Name ?? "") is not { } person)
        {
            return connection;
        }

        KeptSession? kept = null;
        // Each session is kept at most once and as a new one, so the chain ends; bounded all the same by the book's length.
        for (var hops = book.Book.KeptSessions.Length; hops > 0 && book.Kept(session) is { } next; hops--)
        {
            (kept, session) = (next, next.NewSessionId);
        }

        return kept is null ? connection : connection with
        {
            User = AccessClaims.Person(person with { Stamp = kept.Stamp }, kept.NewSessionId, PersonSessions.Scheme),
            Expires = kept.Until,
        };
    }

    private static string? Session(ClaimsPrincipal caller) =>
        AccessClaims.IsPerson(caller) ? caller.FindFirst(AccessClaims.Session)?.Value : null;

    private static HubClosing Refused(string problem) => new(HubClosing.CredentialRefused, problem);

    private string? Problem(Connection connection, DateTimeOffset now) =>
        check.Problem(connection.User) ?? (connection.Expires <= now ? "the credential expired" : null);

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

    private sealed record Connection(HubCallerContext Context, ClaimsPrincipal User, DateTimeOffset? Expires);

    /// <summary>A hub caller as it stands now: <paramref name="Caller"/>, or <paramref name="Problem"/> when its credential no longer stands.</summary>
    public sealed record Standing(ClaimsPrincipal? Caller, string? Problem);
}

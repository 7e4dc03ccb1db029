using System.Net;

namespace Command.Ingest.Listeners;

/// <summary>
/// One connection a TCP listener holds open: whom it is from, when it came (its place among the others), whether it has
/// sent a whole message yet and a position yet, and the ways it may be ended early — by its first-message deadline
/// passing, or by a newcomer taking its place while the listener is full.
/// </summary>
internal sealed class OpenConnection : IDisposable
{
    private readonly CancellationTokenSource unheard;
    // Never disposed: a newcomer may end the connection just as it ends by itself, and a source with no timer holds
    // nothing to release.
    private readonly CancellationTokenSource displaced = new();
    private volatile bool heard;
    private volatile bool carried;

    /// <summary>A connection from <paramref name="address"/>, the <paramref name="order"/>th accepted, that must send a whole message within <paramref name="firstMessage"/>.</summary>
    public OpenConnection(IPAddress address, long order, TimeSpan firstMessage, TimeProvider clock)
    {
        Address = address;
        Order = order;
        OpenedAt = clock.GetUtcNow();
        unheard = new CancellationTokenSource(firstMessage, clock);
    }

    public IPAddress Address { get; }

    /// <summary>Its place in the order connections were accepted in: the lower, the longer it has been open.</summary>
    public long Order { get; }

    public DateTimeOffset OpenedAt { get; }

    /// <summary>Whether it has sent a whole message of its protocol (however the incident takes it).</summary>
    public bool Heard => heard;

    /// <summary>Whether it has sent a position (or a threat): a radio's connection, which no newcomer displaces.</summary>
    public bool CarriedPosition => carried;

    /// <summary>Cancelled when its first-message deadline passes before it has sent a whole message.</summary>
    public CancellationToken Unheard => unheard.Token;

    /// <summary>Cancelled when a newcomer took its place.</summary>
    public CancellationToken Displaced => displaced.Token;

    /// <summary>It sent a whole message: its first-message deadline no longer runs.</summary>
    public void Spoke()
    {
        if (!heard && !unheard.IsCancellationRequested)
        {
            heard = true;
            unheard.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>It sent a position or a threat.</summary>
    public void Carried()
    {
        Spoke();
        carried = true;
    }

    /// <summary>Ends it for a newcomer. Called once it is out of the listener's table, outside its lock.</summary>
    public void Displace() => displaced.Cancel();

    public void Dispose() => unheard.Dispose();
}

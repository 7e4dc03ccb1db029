using System.Net;

namespace Command.Fuzz.Live;

/// <summary>
/// One sender's turn: where it sends from and to, and a gate each message passes before it goes (which counts it and
/// may hold it back, so a test can keep a UDP listener's socket buffer from overflowing).
/// </summary>
public sealed record SenderTurn(IPAddress From, IPEndPoint To, Func<CancellationToken, ValueTask> BeforeEach, LiveTally Tally);

/// <summary>How messages reach a listener: as datagrams, down a TCP stream, or as HTTP requests.</summary>
public abstract class LiveSender
{
    /// <summary>Sends <paramref name="messages"/> as one sender (one socket or connection) and counts what it saw.</summary>
    public abstract Task SendAsync(SenderTurn turn, IReadOnlyList<string> messages, CancellationToken cancellationToken);
}

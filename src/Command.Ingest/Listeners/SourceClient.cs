using System.Net.Sockets;
using Command.Ingest.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// A source Command connects out to (a KISS TNC, an APRS-IS server), kept connected. Where it drops the connection,
/// the client connects again after <see cref="SourceClientOptions.ReconnectAfter"/>; where it cannot be reached, or
/// closes the connection before it sends anything, after twice as long each time up to
/// <see cref="SourceClientOptions.MostReconnectAfter"/>, saying so in the log once per outage and once more when it
/// sends again. A connection not made in <see cref="ConnectTimeout"/> is given up, and one whose source's machine dies
/// without closing it is found by TCP keepalives. In a cluster, where every host may be set to reach the same source,
/// one host at a time connects to it (<see cref="ISourceLease"/>), so that what it sends comes in once: it holds the
/// source for <see cref="HoldTerm"/> and renews its hold every <see cref="HoldEvery"/>; the others ask as often, and
/// one takes the source over when its holder stops (at once where it stopped cleanly, within the term where it was
/// killed). A holder that finds another host holding the source, or cannot renew its hold until one renewal is left of
/// its term, closes its connection.
/// </summary>
public abstract partial class SourceClient(SourceClientOptions options, IngestContext context, ISourceLease lease, ILogger logger) : BackgroundService
{
    /// <summary>How long a connection may take to be made: 10 s.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long this host holds the source for at a time, in a cluster: 15 s. Another host takes it once a hold runs
    /// out unrenewed (its holder killed, or cut off from the cluster).
    /// </summary>
    public static readonly TimeSpan HoldTerm = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a connection must have lasted for its end to be the source going away, connected to again at once: 30 s.
    /// One that ends sooner, however it began (an APRS-IS server refusing the log-in, a TAK Server closing on a user it
    /// does not know), is an outage, tried again ever more slowly: a server is not hammered every two seconds, nor the
    /// log filled.
    /// </summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);

    /// <summary>How often the holder renews its hold while connected, and another host asks for it: every 5 s.</summary>
    public static readonly TimeSpan HoldEvery = TimeSpan.FromSeconds(5);

    /// <summary>Connections made to the source so far.</summary>
    public int Connections { get; private set; }

    /// <summary>
    /// Told each time the client starts to connect (its timeout running) and each time it starts to wait before it tries
    /// again (its wait running, on the ingest's clock), with how long it waits; null while connecting.
    /// </summary>
    internal event Action<TimeSpan?>? Trying;

    /// <summary>Told each time the client, connected, starts to wait before it renews its hold (its wait running).</summary>
    internal event Action? Renewing;

    /// <summary>The source in the log's words: "the KISS TNC".</summary>
    protected abstract string Named { get; }

    /// <summary>What the client takes from it, in the log's words: "taking the APRS packets its radio hears".</summary>
    protected abstract string Taking { get; }

    /// <summary>The kind of source its hold is named by across the cluster, with where it is reached: "kiss".</summary>
    protected abstract string Kind { get; }

    /// <summary>Its settings' section: "Ingest:Aprs:Kiss".</summary>
    protected abstract string Section { get; }

    /// <summary>The clock the client waits on: the ingest's.</summary>
    protected TimeProvider Clock => context.Clock;

    /// <summary>
    /// Reads what the source sends over <paramref name="stream"/> until it closes the connection (or
    /// <paramref name="cancellationToken"/> ends it): true when it sent anything in its protocol, on the first of which
    /// <paramref name="heard"/> is called. Until then, what it sends in no protocol of its own (a web server's answer
    /// on the wrong port) is told to <see cref="Answered"/> and taken for nothing.
    /// </summary>
    protected abstract Task<bool> ReadAsync(Stream stream, Action heard, CancellationToken cancellationToken);

    /// <summary>
    /// The next frame a line source sends, read on <paramref name="reading"/> (the connection's token linked with
    /// <paramref name="silence"/>); null when it closed. Each frame puts the silence off by <paramref name="timeout"/>;
    /// a source silent for that long has gone (its machine died, or a network between dropped it without a word) and
    /// ends the connection as an outage, saying it sent nothing, not even <paramref name="awaited"/>.
    /// </summary>
    private protected static async Task<Frame?> NextFrameAsync(FrameReader frames, CancellationTokenSource silence, TimeSpan timeout, string awaited,
        CancellationToken reading, CancellationToken stopping)
    {
        Frame? frame;
        try
        {
            frame = await frames.ReadAsync(reading).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (silence.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            throw new IOException($"it sent nothing for {timeout.TotalSeconds:0} s, not even {awaited}");
        }

        if (frame is not null)
        {
            silence.CancelAfter(timeout);
        }

        return frame;
    }

    /// <summary>What the source speaks, in the log's words: "CoT".</summary>
    protected abstract string Protocol { get; }

    // The first thing the source sent on this connection in no protocol of its own, clipped; null while there is none.
    private string? answered;

    /// <summary>
    /// Tells what the source sent on this connection in no protocol of its own, before anything in it: the first is
    /// kept to say why the connection is an outage ("HTTP/1.1 400 Bad Request": the wrong port).
    /// </summary>
    protected void Answered(string text)
    {
        // Whatever answered is anyone's to write: it reaches the log and the page as a radio's text does.
        answered ??= SenderText.Said(text.TrimStart().Split('\n')[0], AnsweredChars);
    }

    private const int AnsweredChars = 60;

    /// <summary>
    /// Makes the connection just made over <paramref name="tcp"/> ready to read: the stream to read (its own, or a TLS
    /// stream over it once the handshake is made). A failure here is the connection's, an outage said with its reason.
    /// </summary>
    protected virtual Task<Stream> OpenAsync(TcpClient tcp, CancellationToken cancellationToken) => Task.FromResult<Stream>(tcp.GetStream());

    // The name the source's hold goes by across the cluster: what it is and where it is reached.
    private string Held => $"{Kind}/{options.Host}:{options.Port}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        Say(SourceCondition.Connecting);
        try
        {
            await ConnectAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await LetGoAsync().ConfigureAwait(false);
        }
    }

    private async Task ConnectAsync(CancellationToken stoppingToken)
    {
        var wait = options.ReconnectAfter;
        var outage = false;
        var deferred = false;
        string? down = null;
        DateTimeOffset? unaskedSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            // In a cluster one host connects: the others ask again every few seconds, and one takes the source over when
            // its holder stops renewing.
            var hold = await HoldAsync(outage ? down : null, stoppingToken).ConfigureAwait(false);
            if (hold.HeldAt is not { } heldAt)
            {
                if (!deferred)
                {
                    LogHeldElsewhere(logger, Named, options.Host, options.Port, hold.Why, HoldEvery.TotalSeconds);
                    deferred = true;
                }

                // Each time it asks: the page on any host says the source is down where the host that holds it cannot
                // reach it. That the cluster cannot be asked is not said until it has not been for longer than the
                // cluster takes to declare a dead host and move what it held: in that window the source was recorded down
                // in the incident ("the cluster could not be asked which host connects to it") while nothing was wrong
                // with it.
                var now = context.Clock.GetUtcNow();
                unaskedSince = hold.Failure is null ? null : unaskedSince ?? now;
                if (unaskedSince is not { } since || now - since >= UnaskedDownAfter)
                {
                    Say(hold.Condition, hold.Why);
                }

                if (!await WaitAsync(HoldEvery, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            deferred = false;
            string? lost;
            string? lostHold = null;
            DateTimeOffset? connectedAt = null;
            var spoke = false;
            try
            {
                using var tcp = new TcpClient();
                // A source whose machine died without closing the connection is found by TCP keepalives in about 90 s:
                // a quiet radio channel says nothing for minutes.
                tcp.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
                tcp.Client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
                tcp.Client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
                tcp.Client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
                using (var timeout = new CancellationTokenSource(ConnectTimeout, context.Clock))
                using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token))
                {
                    Trying?.Invoke(null);
                    await tcp.ConnectAsync(options.Host, options.Port, connecting.Token).ConfigureAwait(false);
                }

                answered = null;
                await using var stream = await OpenAsync(tcp, stoppingToken).ConfigureAwait(false);
                Connections++;
                connectedAt = context.Clock.GetUtcNow();
                if (!outage)
                {
                    LogConnected(logger, Named, options.Host, options.Port, Taking);
                    Say(SourceCondition.Connected);
                }

                // The connection is read for as long as this host holds the source: one that loses its hold closes it.
                using var holding = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var keeping = KeepAsync(heldAt, reason => lostHold = reason, holding);
                bool heard;
                try
                {
                    // A connection counts as made once the source speaks its protocol: one that takes connections and
                    // drops them at once (a bridge whose serial port is gone), or answers in something else (the wrong
                    // port), is an outage, tried again ever more slowly.
                    heard = await ReadAsync(stream, () =>
                    {
                        if (outage)
                        {
                            LogConnected(logger, Named, options.Host, options.Port, Taking);
                            Say(SourceCondition.Connected);
                        }

                        (outage, spoke) = (false, true);
                    }, holding.Token).ConfigureAwait(false);
                }
                finally
                {
                    await holding.CancelAsync().ConfigureAwait(false);
                    await keeping.ConfigureAwait(false);
                }

                var lasted = context.Clock.GetUtcNow() - connectedAt.Value;
                lost = heard ? lasted < StableAfter ? $"it closed the connection {lasted.TotalSeconds:0} s after it was made" : null
                    : answered is { } what ? $"it answered in something other than {Protocol} (\"{what}\"): check that {options.Port} is {Named}'s port for it"
                    : "it closed the connection before sending anything";
                if (lost is null)
                {
                    LogClosed(logger, char.ToUpperInvariant(Named[0]) + Named[1..], options.Host, options.Port);
                    Say(SourceCondition.Connecting, "it closed the connection; connecting again");
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (lostHold is not null)
            {
                // Another host has the source now: this one asks for it again, as any host that does not hold it does.
                LogHoldLost(logger, Named, options.Host, options.Port, lostHold);
                continue;
            }
            catch (OperationCanceledException)
            {
                lost = $"no answer in {ConnectTimeout.TotalSeconds:0} s";
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                lost = e.Message;
            }
            catch (Exception e)
            {
                // Whatever went wrong in reading what the source sent is this connection's, not the host's: the host goes on.
                LogFailed(logger, Named, options.Host, options.Port, e);
                lost = e.Message;
            }

            if (spoke && connectedAt is { } made && context.Clock.GetUtcNow() - made >= StableAfter)
            {
                // A connection that held, however it ended: the source is tried again from the shortest wait.
                wait = options.ReconnectAfter;
            }

            if (lost is not null && !outage)
            {
                LogUnreachable(logger, Named, options.Host, options.Port, lost, wait.TotalSeconds);
                Say(SourceCondition.Unreachable, lost);
                (outage, down) = (true, lost);
            }

            if (!await WaitAsync(wait, stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            wait = lost is null ? options.ReconnectAfter : wait * 2 < options.MostReconnectAfter ? wait * 2 : options.MostReconnectAfter;
        }
    }

    // Tells how the source stands on this host.
    private void Say(SourceCondition condition, string? detail = null) =>
        context.Sources.Set(Section, options.Incident ?? context.Options.Incident, shared: true, $"{Named} at {options.Host}:{options.Port}", condition, detail);

    // Waits on the ingest's clock, telling the wait once it runs; false when the host stops.
    private async Task<bool> WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            var waiting = Task.Delay(wait, context.Clock, stoppingToken);
            Trying?.Invoke(wait);
            await waiting.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>How long the cluster must go unasked before the source is said down for it: a minute.</summary>
    public static readonly TimeSpan UnaskedDownAfter = TimeSpan.FromMinutes(1);

    // Asks for the source for this host: when it was asked, where it holds it; otherwise which host does, or why the
    // cluster could not say.
    private async Task<HoldAnswer> HoldAsync(string? down, CancellationToken stoppingToken)
    {
        var asked = context.Clock.GetUtcNow();
        try
        {
            return await lease.HoldAsync(Held, HoldTerm, down, stoppingToken).ConfigureAwait(false) is { } holder
                ? new HoldAnswer(null, holder, null)
                : new HoldAnswer(asked, null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            return new HoldAnswer(null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private readonly record struct HoldAnswer(DateTimeOffset? HeldAt, HeldElsewhere? Holder, string? Failure)
    {
        public string Why => Holder is { Down: null } held ? $"host {held.Host} is connected to it"
            : Holder is { } down ? $"host {down.Host} holds it but cannot reach it ({down.Down})"
            : $"the cluster could not be asked which host connects to it ({Failure})";

        // How the source stands on this host, which does not hold it: as it stands on the host that does.
        public SourceCondition Condition => Holder is { Down: null } ? SourceCondition.ConnectedElsewhere : SourceCondition.Unreachable;
    }

    /// <summary>
    /// Renews this host's hold on the source every <see cref="HoldEvery"/> while it is connected. Where another host
    /// holds it now, or the hold has gone unrenewed until one renewal is left of its term (the cluster cannot be asked),
    /// the hold is lost: <paramref name="lost"/> is told why and <paramref name="holding"/> cancelled, closing the
    /// connection before another host may take the source.
    /// </summary>
    private async Task KeepAsync(DateTimeOffset heldAt, Action<string> lost, CancellationTokenSource holding)
    {
        try
        {
            while (true)
            {
                var waiting = Task.Delay(HoldEvery, context.Clock, holding.Token);
                Renewing?.Invoke();
                await waiting.ConfigureAwait(false);
                var renewed = await HoldAsync(null, holding.Token).ConfigureAwait(false);
                if (renewed.HeldAt is { } at)
                {
                    heldAt = at;
                    continue;
                }

                if (renewed.Holder is not null || context.Clock.GetUtcNow() - heldAt >= HoldTerm - HoldEvery)
                {
                    lost(renewed.Why);
                    await holding.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (holding.IsCancellationRequested)
        {
            // The connection ended, or the host stops.
        }
    }

    // Lets another host take the source at once as this one stops.
    private async Task LetGoAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await lease.LetGoAsync(Held, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Its hold runs out by itself: another host takes the source within a term.
            LogNotLetGo(logger, Named, options.Host, options.Port, e.Message, HoldTerm.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Source} at {Host}:{Port}: {Taking}")]
    private static partial void LogConnected(ILogger logger, string source, string host, int port, string taking);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} at {Host}:{Port} closed the connection; connecting again")]
    private static partial void LogClosed(ILogger logger, string source, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach {Source} at {Host}:{Port} ({Reason}); trying again in {Seconds} s, then ever less often, and saying so once it sends again")]
    private static partial void LogUnreachable(ILogger logger, string source, string host, int port, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading {Source} at {Host}:{Port} failed; connecting again")]
    private static partial void LogFailed(ILogger logger, string source, string host, int port, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not connecting to {Source} at {Host}:{Port}: {Why}; asking again every {Seconds} s, to take it over when that host stops")]
    private static partial void LogHeldElsewhere(ILogger logger, string source, string host, int port, string why, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closed the connection to {Source} at {Host}:{Port}: this host's hold on it is lost ({Why})")]
    private static partial void LogHoldLost(ILogger logger, string source, string host, int port, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not let go of {Source} at {Host}:{Port} on stopping ({Why}): another host takes it within {Seconds} s")]
    private static partial void LogNotLetGo(ILogger logger, string source, string host, int port, string why, double seconds);
}

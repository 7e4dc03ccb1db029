using System.Net.Sockets;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Aprs;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Kiss;

/// <summary>
/// Connects to a KISS TNC (<c>Ingest:Aprs:Kiss</c>) and takes the APRS packets its radio hears: each data frame is
/// read as an AX.25 UI frame, written as a TNC2 line and parsed as one from an APRS-IS connection is. What else the
/// radio hears (connected-mode traffic, frames cut short) is no APRS packet and is passed over with a line in the debug
/// log, as a receiver passes over what is not for it, and so is a copy of a packet heard within 30 s (each digipeater
/// that repeats a packet sends it again: <see cref="AprsDuplicates"/>); a frame past the size limit is refused as
/// oversized, and recorded. The TNC is this host's to reach: where it drops the connection, the client connects again after
/// <see cref="KissClientOptions.ReconnectAfter"/>; where it cannot be reached, or closes the connection before it sends
/// a frame, after twice as long each time up to <see cref="KissClientOptions.MostReconnectAfter"/>, saying so in the log
/// once per outage and once more when the TNC sends again. A connection not made in <see cref="ConnectTimeout"/> is
/// given up, and one whose TNC's machine dies without closing it is found by TCP keepalives. In a cluster, where every
/// host may be set to reach the same TNC, one host at a time connects to it (<see cref="ISourceLease"/>), so that each
/// packet comes in once: it holds the TNC for <see cref="HoldTerm"/> and renews its hold every <see cref="HoldEvery"/>;
/// the others ask as often, and one takes the TNC over when its holder stops (at once where it stopped cleanly, within
/// the term where it was killed). A holder that finds another host holding the TNC, or cannot renew its hold until one
/// renewal is left of its term, closes its connection.
/// </summary>
public sealed partial class KissTncClient(KissClientOptions options, IngestContext context, AprsParser parser, ISourceLease lease, ILogger<KissTncClient> logger)
    : BackgroundService
{
    private const ReportSource Source = ReportSource.Aprs;

    private readonly AprsDuplicates duplicates = new();

    /// <summary>How long a connection may take to be made: 10 s.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long this host holds the TNC for at a time, in a cluster: 15 s. Another host takes it once a hold runs out
    /// unrenewed (its holder killed, or cut off from the cluster).
    /// </summary>
    public static readonly TimeSpan HoldTerm = TimeSpan.FromSeconds(15);

    /// <summary>How often the holder renews its hold while connected, and another host asks for it: every 5 s.</summary>
    public static readonly TimeSpan HoldEvery = TimeSpan.FromSeconds(5);

    /// <summary>Connections made to the TNC so far.</summary>
    public int Connections { get; private set; }

    /// <summary>
    /// Told each time the client starts to connect (its timeout running) and each time it starts to wait before it tries
    /// again (its wait running, on the ingest's clock), with how long it waits; null while connecting.
    /// </summary>
    internal event Action<TimeSpan?>? Trying;

    /// <summary>Told each time the client, connected, starts to wait before it renews its hold (its wait running).</summary>
    internal event Action? Renewing;

    // The name the TNC's hold goes by across the cluster: where it is reached.
    private string Held => $"kiss/{options.Host}:{options.Port}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

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
        while (!stoppingToken.IsCancellationRequested)
        {
            // In a cluster one host connects: the others ask again every few seconds, and one takes the TNC over when
            // its holder stops renewing.
            var hold = await HoldAsync(stoppingToken).ConfigureAwait(false);
            if (hold.HeldAt is not { } heldAt)
            {
                if (!deferred)
                {
                    LogHeldElsewhere(logger, options.Host, options.Port, hold.Why, HoldEvery.TotalSeconds);
                    deferred = true;
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
            try
            {
                using var tcp = new TcpClient();
                // A TNC whose machine died without closing the connection is found by TCP keepalives in about 90 s: KISS
                // itself says nothing while the channel is quiet.
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

                Connections++;
                if (!outage)
                {
                    LogConnected(logger, options.Host, options.Port);
                }

                // The connection is read for as long as this host holds the TNC: one that loses its hold closes it.
                using var holding = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var keeping = KeepAsync(heldAt, reason => lostHold = reason, holding);
                bool heard;
                try
                {
                    // A connection counts as made once the TNC sends a frame: one that takes connections and drops them
                    // at once (a bridge whose serial port is gone) is an outage, tried again ever more slowly.
                    heard = await ReadAsync(tcp.GetStream(), () =>
                    {
                        if (outage)
                        {
                            LogConnected(logger, options.Host, options.Port);
                        }

                        (outage, wait) = (false, options.ReconnectAfter);
                    }, holding.Token).ConfigureAwait(false);
                }
                finally
                {
                    await holding.CancelAsync().ConfigureAwait(false);
                    await keeping.ConfigureAwait(false);
                }

                lost = heard ? null : "it closed the connection before sending a frame";
                if (heard)
                {
                    LogClosed(logger, options.Host, options.Port);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (lostHold is not null)
            {
                // Another host has the TNC now: this one asks for it again, as any host that does not hold it does.
                LogHoldLost(logger, options.Host, options.Port, lostHold);
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
                // Whatever went wrong in reading what the TNC sent is this connection's, not the host's: the host goes on.
                LogFailed(logger, options.Host, options.Port, e);
                lost = e.Message;
            }

            if (lost is not null && !outage)
            {
                var seconds = wait.TotalSeconds;
                LogUnreachable(logger, options.Host, options.Port, lost, seconds);
                outage = true;
            }

            if (!await WaitAsync(wait, stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            wait = lost is null ? wait : wait * 2 < options.MostReconnectAfter ? wait * 2 : options.MostReconnectAfter;
        }
    }

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

    // Asks for the TNC for this host: when it was asked, where it holds it; otherwise which host does, or why the
    // cluster could not say.
    private async Task<HoldAnswer> HoldAsync(CancellationToken stoppingToken)
    {
        var asked = context.Clock.GetUtcNow();
        try
        {
            return await lease.HoldAsync(Held, HoldTerm, stoppingToken).ConfigureAwait(false) is { } holder
                ? new HoldAnswer(null, holder, null)
                : new HoldAnswer(asked, null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            return new HoldAnswer(null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private readonly record struct HoldAnswer(DateTimeOffset? HeldAt, string? Holder, string? Failure)
    {
        public string Why => Holder is not null ? $"host {Holder} is connected to it" : $"the cluster could not be asked which host connects to it ({Failure})";
    }

    /// <summary>
    /// Renews this host's hold on the TNC every <see cref="HoldEvery"/> while it is connected. Where another host holds
    /// it now, or the hold has gone unrenewed until one renewal is left of its term (the cluster cannot be asked), the
    /// hold is lost: <paramref name="lost"/> is told why and <paramref name="holding"/> cancelled, closing the
    /// connection before another host may take the TNC.
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
                var renewed = await HoldAsync(holding.Token).ConfigureAwait(false);
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

    // Lets another host take the TNC at once as this one stops.
    private async Task LetGoAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await lease.LetGoAsync(Held, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Its hold runs out by itself: another host takes the TNC within a term.
            LogNotLetGo(logger, options.Host, options.Port, e.Message, HoldTerm.TotalSeconds);
        }
    }

    // Reads frames until the TNC closes the connection; true when it sent any, on the first of which heard is called.
    private async Task<bool> ReadAsync(Stream stream, Action heard, CancellationToken stoppingToken)
    {
        var decoder = new KissDecoder(options.MaxFrameBytes);
        var frames = new List<KissFrame>();
        var buffer = new byte[4096];
        var incident = options.Incident ?? context.Options.Incident;
        var unknownUnits = options.UnknownUnits ?? context.Options.UnknownUnits;
        var any = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, stoppingToken).ConfigureAwait(false)) > 0)
        {
            frames.Clear();
            decoder.Feed(buffer.AsSpan(0, read), frames);
            if (frames.Count > 0 && !any)
            {
                any = true;
                heard();
            }

            foreach (var frame in frames)
            {
                if (Take(frame, incident, unknownUnits) is { } item)
                {
                    await context.Queue.EnqueueAsync(item, stoppingToken).ConfigureAwait(false);
                }
            }
        }

        return any;
    }

    private IngestItem? Take(KissFrame frame, string incident, UnknownUnitPolicy unknownUnits)
    {
        if (frame.Oversized)
        {
            context.Received(Source);
            return new IngestItem(incident, unknownUnits, IncomingReport.Refused(Source, "",
                new Rejection(RejectReason.Oversized, FormattableString.Invariant($"KISS frame is longer than the {options.MaxFrameBytes}-byte limit"))));
        }

        // Other commands are the host's to send (timing, duplex); a TNC sends data frames only.
        if (frame.Command != KissFrame.DataFrame || (options.RadioPort is { } port && frame.Port != port))
        {
            return null;
        }

        context.Received(Source);
        var (line, notAprs) = Ax25Packet.ToTnc2(frame.Data);
        if (line is null)
        {
            LogNotAprs(logger, frame.Port, notAprs!);
            return null;
        }

        var now = context.Clock.GetUtcNow();
        if (duplicates.IsCopy(line, now))
        {
            LogCopy(logger, line);
            return null;
        }

        return new IngestItem(incident, unknownUnits, parser.Parse(line, now));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the KISS TNC at {Host}:{Port}: taking the APRS packets its radio hears")]
    private static partial void LogConnected(ILogger logger, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The KISS TNC at {Host}:{Port} closed the connection; connecting again")]
    private static partial void LogClosed(ILogger logger, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach the KISS TNC at {Host}:{Port} ({Reason}); trying again in {Seconds} s, then ever less often, and saying so once it sends again")]
    private static partial void LogUnreachable(ILogger logger, string host, int port, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the KISS TNC at {Host}:{Port} failed; connecting again")]
    private static partial void LogFailed(ILogger logger, string host, int port, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not connecting to the KISS TNC at {Host}:{Port}: {Why}; asking again every {Seconds} s, to take it over when that host stops")]
    private static partial void LogHeldElsewhere(ILogger logger, string host, int port, string why, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closed the connection to the KISS TNC at {Host}:{Port}: this host's hold on it is lost ({Why})")]
    private static partial void LogHoldLost(ILogger logger, string host, int port, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not let go of the KISS TNC at {Host}:{Port} on stopping ({Why}): another host takes it within {Seconds} s")]
    private static partial void LogNotLetGo(ILogger logger, string host, int port, string why, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Passed over a copy of a packet heard within 30 s (a digipeater's): {Line}")]
    private static partial void LogCopy(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Passed over a frame heard on radio port {RadioPort}: no APRS packet, as {Why}")]
    private static partial void LogNotAprs(ILogger logger, int radioPort, string why);
}

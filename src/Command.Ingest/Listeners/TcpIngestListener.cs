using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// A TCP listener of framed messages. A connection from an address not on the allow-list, or past the limit on open
/// connections per address, is closed on accept and counted; past the limit in total, it takes the place of one that
/// has sent no position yet (<see cref="OpenConnections"/>), or is closed on accept where every one has. Each admitted
/// connection is read on its own task through a bounded pipe; messages are rate limited per address, parsed by the
/// connection's session and queued for the incident. A bad or oversized message is refused and the connection goes
/// on; one that sends no whole message within <see cref="TcpListenerOptions.FirstMessageTimeout"/> of connecting is
/// closed and counted, and one that sends no position for <see cref="TcpListenerOptions.IdleTimeout"/> (or for as long
/// as its last fix said it stands, where that is longer, or its keepalives keep it after a position) is closed.
/// Failing to bind logs an error and leaves the host running.
/// </summary>
public abstract partial class TcpIngestListener(string section, TcpListenerOptions options, IngestContext context, ILogger logger, IReadOnlyList<AllowedSource>? defaultAllow = null)
    : BackgroundService
{
    private readonly SourcePolicy sources = SourcePolicy.Of(section, options, defaultAllow ?? SourcePolicy.Loopback);
    private readonly SourceRateLimiter limiter = new(options, context.Clock);
    private readonly OpenConnections open = new(options.MaxConnections);
    private TcpListener? listener;

    /// <summary>The port actually bound, once started; null when disabled or the bind failed.</summary>
    public int? BoundPort { get; private set; }

    protected abstract ReportSource Source { get; }

    /// <summary>The receiving clock.</summary>
    protected TimeProvider Clock => context.Clock;

    /// <summary>Where refusals at the door are counted.</summary>
    protected IngestContext Context => context;

    /// <summary>The configuration section this listener was bound from, named in refusals.</summary>
    protected string Section => section;

    /// <summary>The listener's log.</summary>
    protected ILogger Logger => logger;

    protected abstract byte[] Delimiter { get; }

    /// <summary>The listener in words, as the board names it: "CoT over TCP".</summary>
    protected virtual string Named => $"{Source switch { ReportSource.CoT => "CoT", ReportSource.Nmea => "NMEA", ReportSource.Aprs => "APRS", _ => Source.ToString() }} over TCP";

    protected virtual bool KeepDelimiter => false;

    /// <summary>
    /// Whether every message counts against its sender's rate, before it is read (true, the default: reading a CoT event
    /// is the costly part), or only one that yields an item or an answer, once read.
    /// </summary>
    protected virtual bool CountsEveryMessage => true;

    /// <summary>Whether a message ends at any one byte of <see cref="Delimiter"/> (a line at CR, LF or CRLF), not at all of them in turn.</summary>
    protected virtual bool EndsAtAnyOf => false;

    /// <summary>What is written to each connection as it opens, before anything is read (an APRS-IS server's banner); none by default.</summary>
    protected virtual ReadOnlyMemory<byte> Greeting => default;

    /// <summary>
    /// How often a heartbeat (<see cref="Heartbeat"/>) is written to each connection while it is open, from its opening:
    /// an APRS-IS server's every 20 s, by which its clients tell a live server from a lost connection. Null (the
    /// default) for none.
    /// </summary>
    protected virtual TimeSpan? HeartbeatEvery => null;

    /// <summary>The heartbeat written at <paramref name="now"/>.</summary>
    protected virtual ReadOnlyMemory<byte> Heartbeat(DateTimeOffset now) => default;

    /// <summary>
    /// How the protocol's messages begin, where they open with a mark of their own: a message cut off short by the next
    /// one's start is then refused on its own as malformed, and the next is read as it came. Null (the default) for
    /// lines, which end at their delimiter whatever they hold.
    /// </summary>
    private protected virtual IMessageStarts? Starts => null;

    /// <summary>
    /// A parser for one connection's messages, as their bytes (each protocol reads them in its own encoding: a CoT event
    /// in the one its XML declaration names): each message gives zero or one item, and may be answered. What a session
    /// holds back is passed on when its time comes, or when the connection ends however it ends.
    /// </summary>
    protected abstract StreamSession OpenSession(string incident, UnknownUnitPolicy unknownUnits, RadioSource source);

    /// <summary>
    /// The stream a connection's messages are read from, and who it is from; null when the connection is refused (and
    /// counted) before any message. A plain connection is read as it is.
    /// </summary>
    protected virtual Task<(Stream Stream, RadioSource Source)?> OpenAsync(NetworkStream network, RadioSource source, CancellationToken cancellationToken) =>
        Task.FromResult<(Stream, RadioSource)?>((network, source));

    /// <summary>
    /// How long after it is accepted a connection has to send its first whole message: <see cref="TcpListenerOptions.FirstMessageTimeout"/>,
    /// and over TLS its handshake's time before it.
    /// </summary>
    protected virtual TimeSpan FirstMessageDue => options.FirstMessageTimeout;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return Task.CompletedTask;
        }

        try
        {
            listener = new TcpListener(IPAddress.Parse(options.BindAddress), options.Port);
            listener.Start();
            BoundPort = ((IPEndPoint)listener.LocalEndpoint).Port;
            LogListening(logger, Source, BoundPort.Value);
            context.Sources.Set(section, options.Incident ?? context.Options.Incident, shared: false, $"{Named} on port {BoundPort}", SourceCondition.Listening);
        }
        catch (SocketException e)
        {
            LogBindFailed(logger, Source, options.BindAddress, options.Port, e);
            context.Sources.Set(section, options.Incident ?? context.Options.Incident, shared: false, $"{Named} on port {options.Port}", SourceCondition.NotBound, $"could not bind {options.BindAddress}:{options.Port}: {e.Message}");
            listener = null;
            return Task.CompletedTask;
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var registration = stoppingToken.Register(() => listener?.Stop());
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener!.AcceptSocketAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                LogAcceptFailed(logger, Source, e.Message);
                continue;
            }

            var address = SourceRange.AddressOf(socket.RemoteEndPoint);
            if (Admit(address) is var (grant, connection))
            {
                _ = ServeAsync(socket, new RadioSource(address, grant), connection, stoppingToken);
            }
            else
            {
                socket.Dispose();
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's stopping first: the accept loop's token is cancelled and stops the listener, so the accept cut short
        // is seen as the stop it is. With the listener stopped first, its "Operation canceled" was now and then seen
        // before the stopping: logged as a failed accept, the loop accepted again on the stopped listener and threw, and
        // a clean stop logged an error and a fatal "the host is stopping".
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        listener?.Stop();
    }

    /// <summary>
    /// What the connection's address may do and the connection counted in, or null (counted and logged) when it may not
    /// connect. A connection whose place it took is ended, counted and logged.
    /// </summary>
    private (SourceGrant Grant, OpenConnection Connection)? Admit(IPAddress address)
    {
        if (sources.Admit(address) is not { } grant)
        {
            context.Refused(Source, new Rejection(RejectReason.NotAllowed, $"connection from {address} refused: it is not on the allow-list ({section}:Allow)"));
            return null;
        }

        var admission = open.TryOpen(address, grant.MaxConnections, order => new OpenConnection(address, order, FirstMessageDue, context.Clock));
        if (admission.Connection is not { } connection)
        {
            context.Refused(Source, new Rejection(RejectReason.LimitReached, $"connection from {address} refused: {admission.Refusal} ({section})"));
            return null;
        }

        context.Opened(Source);
        if (admission.Displaced is { } quiet)
        {
            var open = (context.Clock.GetUtcNow() - quiet.OpenedAt).TotalSeconds;
            context.Refused(Source, new Rejection(RejectReason.LimitReached, FormattableString.Invariant(
                $"connection from {quiet.Address} closed, open {open:0.#} s with no position, for one from {address}: {options.MaxConnections} connections are open, the most this listener holds ({section}:MaxConnections)")));
            quiet.Displace();
        }

        return (grant, connection);
    }

    private async Task ServeAsync(Socket socket, RadioSource source, OpenConnection connection, CancellationToken stoppingToken)
    {
        try
        {
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, connection.Displaced);
            await using var network = new NetworkStream(socket, ownsSocket: true);
            if (await OpenAsync(network, source, ending.Token).ConfigureAwait(false) is var (stream, from))
            {
                await using (stream.ConfigureAwait(false))
                {
                    await ReadAsync(stream, from, connection, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            LogConnectionEnded(logger, Source, source.Address, e.Message);
        }
        catch (Exception e)
        {
            LogConnectionFailed(logger, Source, source.Address, e);
        }
        finally
        {
            open.Close(connection);
            connection.Dispose();
            context.Closed(Source);
        }
    }

    private async Task ReadAsync(Stream stream, RadioSource source, OpenConnection connection, CancellationToken stoppingToken)
    {
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024));
        var frames = new FrameReader(pipe, Delimiter, KeepDelimiter, options.MaxFrameBytes, EndsAtAnyOf, Starts, context.Clock);
        var incident = options.Incident ?? context.Options.Incident;
        var unknownUnits = options.UnknownUnits ?? context.Options.UnknownUnits;
        var session = OpenSession(incident, unknownUnits, source);

        // Only a message that carries a position (or a threat) keeps the connection, and the protocol's keepalive once
        // positions have come: empty lines, junk and refusals do not, so idle sockets cannot hold every connection
        // while sending nothing of use.
        // Till its first whole message, the first-message deadline closes it too, sooner: sockets opened and left silent
        // (or sent part of a line and no more) held every connection for the idle timeout, locking out every radio.
        using var idle = new CancellationTokenSource(options.IdleTimeout, context.Clock);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, idle.Token, connection.Unheard, connection.Displaced);
        var openUntil = new OpenUntil(context.Clock.GetUtcNow() + options.IdleTimeout);
        var speaker = new ConnectionUnit();
        using var writes = new ConnectionWrites(stream);
        using var beating = CancellationTokenSource.CreateLinkedTokenSource(reading.Token);
        var heartbeat = Task.CompletedTask;
        try
        {
            var opened = context.Clock.GetUtcNow();
            if (!Greeting.IsEmpty)
            {
                await writes.WriteAsync(Greeting, reading.Token).ConfigureAwait(false);
            }

            if (HeartbeatEvery is { } every)
            {
                heartbeat = writes.BeatAsync(opened, every, Heartbeat, context.Clock, beating.Token);
            }

            while (true)
            {
                Frame? next;
                if (session.HeldUntil is { } due)
                {
                    var read = frames.ReadAsync(reading.Token).AsTask();
                    if (!await ReadBeforeAsync(read, due, reading.Token).ConfigureAwait(false))
                    {
                        await ReleaseAsync().ConfigureAwait(false);
                    }

                    next = await read.ConfigureAwait(false);
                }
                else
                {
                    next = await frames.ReadAsync(reading.Token).ConfigureAwait(false);
                }

                if (next is not { } frame)
                {
                    break;
                }

                // The time it was cut from the stream, before it is counted as received.
                var receivedAt = context.Clock.GetUtcNow();
                if (Handle(frame, receivedAt, incident, unknownUnits, session, source) is not { } outcome)
                {
                    continue;
                }

                if (Whole(frame, outcome))
                {
                    connection.Spoke();
                }

                if (!outcome.Answer.IsEmpty)
                {
                    // Cancelled with the reading: a client that never reads is closed at its idle timeout.
                    await writes.WriteAsync(outcome.Answer, reading.Token).ConfigureAwait(false);
                }

                if (outcome.KeepAlive && openUntil.KeptAlive(context.Clock.GetUtcNow(), options.IdleTimeout, MostQuiet) is { } keptTo)
                {
                    idle.CancelAt(keptTo, context.Clock);
                }

                if (outcome.Copy)
                {
                    connection.Carried();
                    idle.CancelAt(openUntil.Position(context.Clock.GetUtcNow(), options.IdleTimeout), context.Clock);
                }

                if (outcome.Item is { } item)
                {
                    await PassOnAsync(item).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (connection.Unheard.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            context.Refused(Source, new Rejection(RejectReason.LimitReached, FormattableString.Invariant(
                $"connection from {source.Address} closed: no whole message within {options.FirstMessageTimeout.TotalSeconds:0.#} s of connecting ({section}:FirstMessageTimeout)")));
        }
        catch (OperationCanceledException) when (connection.Displaced.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // Counted and logged as its place was taken.
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            LogIdle(logger, Source, source.Address, options.IdleTimeout);
        }
        finally
        {
            await beating.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);

            // However the connection ended (closed, reset, idle), what its session held is passed on: an NMEA receiver
            // unplugged after a fix's first sentence still has that fix reported. Not while the host stops.
            if (!stoppingToken.IsCancellationRequested)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }

        await pipe.CompleteAsync().ConfigureAwait(false);

        // What a session held back counts against the sender's rate when it is passed on, where a message counts once read:
        // it did not count when it was held.
        async Task ReleaseAsync()
        {
            if (session.Release() is { } held && (CountsEveryMessage || Admitted(source)))
            {
                await PassOnAsync(held).ConfigureAwait(false);
            }
        }

        async Task PassOnAsync(IngestItem item)
        {
            // What names no unit (a broken event, a line too long) goes where the connection's one unit goes.
            item = speaker.Route(item);

            if (item.Threat is not null || item.Report?.Report is not null)
            {
                connection.Carried();
                idle.CancelAt(openUntil.Position(context.Clock.GetUtcNow(), KeptFor(item.Report?.Report)), context.Clock);
            }

            await context.Queue.EnqueueAsync(item with { Source = section }, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the next message is read before <paramref name="due"/>, when what the session holds is to be passed on
    /// without it; false at once where that time has passed and nothing has been read. The read is left running.
    /// </summary>
    private async Task<bool> ReadBeforeAsync(Task read, DateTimeOffset due, CancellationToken cancellationToken)
    {
        if (read.IsCompleted || due <= context.Clock.GetUtcNow())
        {
            return read.IsCompleted;
        }

        // Set for the instant, not a wait worked out from an earlier reading of the clock (see ClockInstants).
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Task.WhenAny(read, context.Clock.UntilAsync(due, timer.Token)).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        return first == read;
    }

    /// <summary>
    /// How long a position keeps its connection open: the idle timeout, or as long as its fix says it stands where
    /// that is longer (ATAK standing still through a server reports every 180 s and says its fix stands 375 s; it was
    /// cut off after two minutes and reconnected), up to <see cref="MostKept"/>. The stand is the sender's own, from
    /// its fix's time, whatever the clocks' skew.
    /// </summary>
    private TimeSpan KeptFor(PositionReport? report) =>
        report is { StaleAt: { } stale } && stale - report.FixTime > options.IdleTimeout
            ? TimeSpan.FromTicks(Math.Min((stale - report.FixTime).Ticks, Math.Max(MostKept.Ticks, options.IdleTimeout.Ticks)))
            : options.IdleTimeout;

    // The longest a fix that stands keeps its connection open without another: ten minutes, as long as a Traccar Client's
    // stop report is taken to stand.
    private static readonly TimeSpan MostKept = TimeSpan.FromMinutes(10);

    // The longest keepalives hold a connection open after its last position: half an hour, an APRS tracker's beacon
    // standing still (SmartBeaconing's slow rate), so that a Dire Wolf IGate relaying a few quiet trackers is not cut
    // off and loses the beacons heard while it reconnects.
    private static readonly TimeSpan MostQuiet = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The one unit a connection has spoken for, while it has spoken for one only (a phone's own connection, an NMEA
    /// stream bound to its unit; not a TAK server relaying many). A refusal that names no unit — a broken event, a
    /// line too long — is recorded in that unit's incident, where its commander sees it, not in the listener's; it is
    /// not put on the unit's row, as no report of its positions can be told from it.
    /// </summary>
    private sealed class ConnectionUnit
    {
        private string? unit;
        private bool many;

        public IngestItem Route(IngestItem item)
        {
            var named = item.Report?.Report?.UnitId ?? item.Report?.UnitId ?? item.Alert?.UnitId;
            if (named is not null)
            {
                many |= unit is not null && unit != named;
                unit ??= named;
                return item;
            }

            // A refusal routed already (a hostile marker, by the device that placed it) keeps its way. A marker's deletion
            // on a phone's own connection is that phone's: it goes as its markers go.
            return (item.Report is not null || item.Deletion is not null) && item.RoutedBy is null && unit is not null && !many ? item with { RoutedBy = unit } : item;
        }
    }

    /// <summary>When a connection is to be closed, and when it last sent a position.</summary>
    private sealed class OpenUntil(DateTimeOffset until)
    {
        private DateTimeOffset until = until;
        private DateTimeOffset? lastPosition;

        /// <summary>A position came: open for <paramref name="kept"/> from now, or longer where it already was.</summary>
        public DateTimeOffset Position(DateTimeOffset now, TimeSpan kept)
        {
            lastPosition = now;
            until = Max(until, now + kept);
            return until;
        }

        /// <summary>
        /// A keepalive came: open for another idle timeout where a position has come, up to <paramref name="mostQuiet"/>
        /// after the last one; null where it keeps nothing open (no position yet, or too long since it).
        /// </summary>
        public DateTimeOffset? KeptAlive(DateTimeOffset now, TimeSpan idleTimeout, TimeSpan mostQuiet)
        {
            if (lastPosition is not { } last || now - last >= mostQuiet)
            {
                return null;
            }

            var kept = now + idleTimeout < last + mostQuiet ? now + idleTimeout : last + mostQuiet;
            until = Max(until, kept);
            return until;
        }

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }

    /// <summary>What one message gives; null when the sender's rate refused it (counted and logged).</summary>
    private FrameOutcome? Handle(Frame frame, DateTimeOffset receivedAt, string incident, UnknownUnitPolicy unknownUnits, StreamSession session, RadioSource source)
    {
        context.Received(Source);
        if (CountsEveryMessage && !Admitted(source))
        {
            return null;
        }

        var outcome = frame.Oversized
            ? new IngestItem(incident, unknownUnits, IncomingReport.Refused(Source, frame.Text,
                new Rejection(RejectReason.Oversized, FormattableString.Invariant($"message is longer than the {options.MaxFrameBytes}-byte limit"))))
            : frame.CutOff && Starts is { } starts
            ? new IngestItem(incident, unknownUnits, IncomingReport.Refused(Source, frame.Text.Trim(), new Rejection(RejectReason.Malformed, starts.CutOff(frame.Bytes))))
            : session.Read(frame.Bytes, receivedAt);

        // Counted once read: what yields nothing (no item to pass on, no answer) is read and dropped, and takes nothing
        // of the sender's rate; every report and every refusal still does, so a flood is still cut off before the queue.
        return CountsEveryMessage || (outcome.Item is null && outcome.Answer.IsEmpty) || Admitted(source) ? outcome : null;
    }

    /// <summary>
    /// Whether a message was a whole one of the protocol, which meets the connection's first-message deadline: read (not
    /// cut off for the sender's rate) and not refused as malformed or oversized. A sentence of no fix, a log-in, a ping or
    /// a heartbeat is; a part of a line, a line of junk or an event cut off short is not.
    /// </summary>
    private static bool Whole(Frame frame, FrameOutcome outcome) =>
        !frame.Oversized && !frame.CutOff && outcome.Item?.Report?.Rejection?.Reason is not (RejectReason.Malformed or RejectReason.Oversized);

    /// <summary>True when the sender's rate admits one more message; else false, counted and logged as rate-limited.</summary>
    private bool Admitted(RadioSource source)
    {
        if (limiter.TryAcquire(source.Address, source.Grant))
        {
            return true;
        }

        context.RateLimited(Source, source.Address, section);
        return false;
    }
}

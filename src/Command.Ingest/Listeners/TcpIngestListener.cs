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
/// A TCP listener of framed messages. Each connection is read on its own task through a bounded pipe; messages
/// are rate limited per remote endpoint, parsed by the connection's session and queued for the incident. A bad
/// or oversized message is refused and the connection goes on; an idle one is closed; connections beyond the
/// limit are closed on accept. Failing to bind logs an error and leaves the host running.
/// </summary>
public abstract partial class TcpIngestListener(TcpListenerOptions options, IngestContext context, ILogger logger) : BackgroundService
{
    private readonly SourceRateLimiter limiter = new(options, context.Clock);
    private TcpListener? listener;
    private int connections;

    /// <summary>The port actually bound, once started; null when disabled or the bind failed.</summary>
    public int? BoundPort { get; private set; }

    protected abstract ReportSource Source { get; }

    /// <summary>The receiving clock.</summary>
    protected TimeProvider Clock => context.Clock;

    protected abstract byte[] Delimiter { get; }

    protected virtual bool KeepDelimiter => false;

    /// <summary>A parser for one connection's messages: each message gives zero or one item.</summary>
    protected abstract Func<string, IngestItem?> OpenSession(string incident, UnknownUnitPolicy unknownUnits);

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
        }
        catch (SocketException e)
        {
            LogBindFailed(logger, Source, options.BindAddress, options.Port, e);
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

            if (Interlocked.Increment(ref connections) > options.MaxConnections)
            {
                Interlocked.Decrement(ref connections);
                LogTooManyConnections(logger, Source, socket.RemoteEndPoint, options.MaxConnections);
                socket.Dispose();
                continue;
            }

            _ = ServeAsync(socket, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        listener?.Stop();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ServeAsync(Socket socket, CancellationToken stoppingToken)
    {
        var remote = socket.RemoteEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024));
            var frames = new FrameReader(pipe, Delimiter, KeepDelimiter, options.MaxFrameBytes);
            var incident = options.Incident ?? context.Options.Incident;
            var session = OpenSession(incident, options.UnknownUnits ?? context.Options.UnknownUnits);
            while (await ReadAsync(frames, stoppingToken).ConfigureAwait(false) is { } frame)
            {
                await HandleAsync(frame, remote, incident, session, stoppingToken).ConfigureAwait(false);
            }

            await pipe.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            LogConnectionEnded(logger, Source, remote, e.Message);
        }
        catch (Exception e)
        {
            LogConnectionFailed(logger, Source, remote, e);
        }
        finally
        {
            Interlocked.Decrement(ref connections);
        }
    }

    private async Task<Frame?> ReadAsync(FrameReader frames, CancellationToken stoppingToken)
    {
        using var idle = new CancellationTokenSource(options.IdleTimeout, context.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, idle.Token);
        return await frames.ReadAsync(linked.Token).ConfigureAwait(false);
    }

    private async Task HandleAsync(Frame frame, EndPoint remote, string incident, Func<string, IngestItem?> session, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(remote))
        {
            context.RateLimited(Source, remote);
            return;
        }

        var item = frame.Oversized
            ? new IngestItem(incident, options.UnknownUnits ?? context.Options.UnknownUnits, IncomingReport.Refused(Source, frame.Text,
                new Rejection(RejectReason.Oversized, FormattableString.Invariant($"message is longer than the {options.MaxFrameBytes}-byte limit"))))
            : session(frame.Text);
        if (item is not null)
        {
            await context.Queue.EnqueueAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }
}

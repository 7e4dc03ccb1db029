using System.Net;
using System.Net.Sockets;
using System.Text;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Cot;
using Command.Ingest.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Command.Ingest.Listeners;

/// <summary>
/// CoT over UDP, one event per datagram, as XML or in TAK protocol version 1: unicast (<c>Ingest:Cot:Udp</c>, default
/// port 8087) or the TAK multicast group (<c>Ingest:Cot:Multicast</c>, default off, 239.2.3.1 port 6969, joined on the
/// interface whose address is its bind address). Failing to bind logs an error and leaves the host running. A datagram from an address not on the allow-list is dropped unread and
/// counted; the rest are rate limited per sending address, whatever port they come from.
/// </summary>
public sealed partial class CotUdpListener(string section, UdpListenerOptions options, IngestContext context, CotParser parser, CotOptions cot, ILogger<CotUdpListener> logger)
    : BackgroundService
{
    private readonly SourcePolicy sources = SourcePolicy.Of(section, options, SourcePolicy.Loopback);

    // The listener in words, as the board names it.
    private string Named(int port) => options.MulticastGroup is { } group ? $"CoT multicast {group}:{port}" : $"CoT over UDP on port {port}";
    private readonly SourceRateLimiter limiter = new(options, context.Clock);
    private UdpClient? client;

    /// <summary>The port actually bound, once started; null when disabled or the bind failed.</summary>
    public int? BoundPort { get; private set; }

    /// <summary>The multicast group joined, if any.</summary>
    public string? Group => options.MulticastGroup;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return Task.CompletedTask;
        }

        try
        {
            client = options.MulticastGroup is { } group ? JoinGroup(IPAddress.Parse(group)) : new UdpClient(new IPEndPoint(IPAddress.Parse(options.BindAddress), options.Port));
            BoundPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
            LogListening(logger, BoundPort.Value, options.MulticastGroup is { } joined ? $"{joined} on {options.BindAddress}" : "unicast");
            context.Sources.Set(section, options.Incident ?? context.Options.Incident, shared: false, Named(BoundPort.Value), SourceCondition.Listening);
        }
        catch (SocketException e)
        {
            LogBindFailed(logger, options.BindAddress, options.Port, e);
            context.Sources.Set(section, options.Incident ?? context.Options.Incident, shared: false, Named(options.Port), SourceCondition.NotBound, $"could not bind {options.BindAddress}:{options.Port}: {e.Message}");
            client?.Dispose();
            client = null;
            return Task.CompletedTask;
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// A socket on the group's port that has joined the group on the interface whose address is the listener's
    /// <see cref="ListenerOptions.BindAddress"/> (0.0.0.0: the interface the system routes the group to). The socket
    /// itself is bound to every address: one bound to an interface's own address never receives the group's
    /// datagrams, which are addressed to the group. It shares the port, as ATAK and a TAK server on the same machine do.
    /// </summary>
    private UdpClient JoinGroup(IPAddress group)
    {
        var udp = new UdpClient(group.AddressFamily);
        try
        {
            udp.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            udp.Client.Bind(new IPEndPoint(group.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, options.Port));
            var local = IPAddress.Parse(options.BindAddress);
            if (group.AddressFamily == AddressFamily.InterNetwork && !local.Equals(IPAddress.Any))
            {
                udp.JoinMulticastGroup(group, local);
            }
            else
            {
                udp.JoinMulticastGroup(group);
            }

            return udp;
        }
        catch
        {
            udp.Dispose();
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var udp = client!;
        var incident = options.Incident ?? context.Options.Incident;
        var unknownUnits = options.UnknownUnits ?? context.Options.UnknownUnits;
        while (!stoppingToken.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await udp.ReceiveAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e)
            {
                // ICMP port-unreachable and similar surface here on some platforms; the socket is still good.
                LogReceiveFailed(logger, e.Message);
                continue;
            }

            if (Admit(datagram.RemoteEndPoint) is { } source && Read(datagram.Buffer, incident, unknownUnits, source) is { } item)
            {
                await context.Queue.EnqueueAsync(item with { Source = section }, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Who sent the datagram, or null (counted and logged) when it is not read: not allowed, or flooding.</summary>
    private RadioSource? Admit(IPEndPoint remote)
    {
        context.Received(ReportSource.CoT);
        var address = SourceRange.Normal(remote.Address);
        if (sources.Admit(address) is not { } grant)
        {
            context.Refused(ReportSource.CoT, new Rejection(RejectReason.NotAllowed, $"datagram from {address} dropped: it is not on the allow-list ({section}:Allow)"));
            return null;
        }

        if (!limiter.TryAcquire(address, grant))
        {
            context.RateLimited(ReportSource.CoT, address, section);
            return null;
        }

        return new RadioSource(address, grant);
    }

    // A datagram is XML CoT or, from its first byte, a TAK protocol message; one that only announces the versions its
    // device reads, or a ping, is no item.
    private IngestItem? Read(byte[] datagram, string incident, UnknownUnitPolicy unknownUnits, RadioSource source)
    {
        if (datagram.Length > 0 && datagram[0] == TakMessage.Magic)
        {
            return parser.ParseTak(datagram) is { Ping: false, Pong: false, LogIn: false } outcome ? CotItems.From(outcome, incident, unknownUnits, source) : null;
        }

        if (datagram.Length > cot.MaxEventChars)
        {
            var start = RawText.Clip(Encoding.UTF8.GetString(datagram, 0, Math.Min(datagram.Length, RawText.ClipChars + 1)));
            var rejection = new Rejection(RejectReason.Oversized, FormattableString.Invariant($"datagram is {datagram.Length} bytes (limit {cot.MaxEventChars})"));
            return new IngestItem(incident, unknownUnits, IncomingReport.Refused(ReportSource.CoT, start, rejection));
        }

        // A ping asks a stream's server to answer; over UDP there is none to ask, and it is no report.
        return parser.Parse(datagram) is { Ping: false, Pong: false, LogIn: false } xml ? CotItems.From(xml, incident, unknownUnits, source) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CoT UDP listener on port {Port} ({Group})")]
    private static partial void LogListening(ILogger logger, int port, string group);

    [LoggerMessage(Level = LogLevel.Error, Message = "CoT UDP listener could not bind {Address}:{Port}; it is off, the host runs on")]
    private static partial void LogBindFailed(ILogger logger, string address, int port, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CoT UDP receive failed: {Reason}")]
    private static partial void LogReceiveFailed(ILogger logger, string reason);
}

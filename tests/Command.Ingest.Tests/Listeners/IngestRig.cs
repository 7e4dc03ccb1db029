using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Command.Ingest.Intake;
using Command.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// The ingest as the host registers it, every listener on 127.0.0.1 port 0, feeding a recording port, with its
/// meters and log lines kept. Clients may send from any 127.x.y.z address, so one test can be several senders.
/// </summary>
internal sealed class IngestRig : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private readonly List<IHostedService> started = [];

    private IngestRig(ServiceProvider services, FakeIncidentPort port, FakeTimeProvider clock, RecordedLog log)
    {
        Services = services;
        Port = port;
        Clock = clock;
        Log = log;
        Meters = new IngestMeters(services.GetRequiredService<IMeterFactory>());
    }

    public ServiceProvider Services { get; }

    public FakeIncidentPort Port { get; }

    public FakeTimeProvider Clock { get; }

    public RecordedLog Log { get; }

    public IngestMeters Meters { get; }

    public static async Task<IngestRig> StartAsync(Dictionary<string, string?>? overrides = null, IUnitBindings? bindings = null, IUnitRoutes? routes = null,
        Action<IServiceProvider>? beforeStart = null, ISourceLease? lease = null)
    {
        var settings = new Dictionary<string, string?> { ["Ingest:Incident"] = "drill-1", ["Ingest:UnknownUnits"] = "Enrol" };
        foreach (var listener in new[] { "Cot:Udp", "Cot:Tcp", "Nmea:Tcp", "Aprs:Tcp" })
        {
            settings[$"Ingest:{listener}:BindAddress"] = "127.0.0.1";
            settings[$"Ingest:{listener}:Port"] = "0";
        }

        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var port = new FakeIncidentPort();
        var clock = new FakeTimeProvider(Now);
        var log = new RecordedLog();
        var services = new ServiceCollection()
            .AddSingleton(bindings ?? new NoUnitBindings())
            .AddSingleton(routes ?? new ListenerIncidentOnly())
            .AddSingleton(lease ?? new SoleHost())
            .AddSingleton<IIncidentPort>(port)
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<ILoggerProvider>(log)
            .AddCommandIngest(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var rig = new IngestRig(services, port, clock, log);
        beforeStart?.Invoke(services);
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(TestContext.Current.CancellationToken);
            rig.started.Add(hosted);
        }

        return rig;
    }

    public T Listener<T>(Func<T, bool>? which = null) => started.OfType<T>().First(which ?? (_ => true));

    /// <summary>How the source of <paramref name="section"/> stands on this host, as the board is told.</summary>
    public Command.Ingest.Listeners.SourceState Source(string section) =>
        Services.GetRequiredService<Command.Ingest.Listeners.IngestSources>().All().Single(s => s.Section == section);

    public static Task<TcpClient> ConnectAsync(int port) => ConnectAsync(port, "127.0.0.1");

    /// <summary>A TCP client whose connection comes from <paramref name="from"/>, any 127.x.y.z address.</summary>
    public static async Task<TcpClient> ConnectAsync(int port, string from)
    {
        var client = new TcpClient(new IPEndPoint(IPAddress.Parse(from), 0));
        await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        return client;
    }

    /// <summary>
    /// True once the listener has closed the connection (a read finds its end), past what it wrote before (an APRS-IS
    /// server's banner); it waits for that end however long it takes.
    /// </summary>
    public static async Task<bool> ClosedAsync(TcpClient client)
    {
        try
        {
            var buffer = new byte[256];
            while (await client.GetStream().ReadAsync(buffer, TestContext.Current.CancellationToken) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Sends one datagram from a new socket on <paramref name="from"/>, so each datagram has a source port of its own.</summary>
    public static async Task SendDatagramAsync(int port, string text, string from = "127.0.0.1")
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Parse(from), 0));
        await udp.SendAsync(Encoding.UTF8.GetBytes(text), new IPEndPoint(IPAddress.Loopback, port), TestContext.Current.CancellationToken);
    }

    public int CotUdpPort => Listener<Command.Ingest.Listeners.CotUdpListener>(l => l.BoundPort is not null).BoundPort!.Value;

    public static Task SendAsync(TcpClient client, string text) =>
        client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken).AsTask();

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Enumerable.Reverse(started))
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        Meters.Dispose();
        await Services.DisposeAsync();
    }
}

using System.Net.Sockets;
using System.Text;
using Command.Ingest.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.Listeners;

/// <summary>The ingest as the host registers it, every listener on 127.0.0.1 port 0, feeding a recording port.</summary>
internal sealed class IngestRig : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private readonly List<IHostedService> started = [];

    private IngestRig(ServiceProvider services, FakeIncidentPort port, FakeTimeProvider clock)
    {
        Services = services;
        Port = port;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeIncidentPort Port { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<IngestRig> StartAsync(Dictionary<string, string?>? overrides = null)
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
        var services = new ServiceCollection()
            .AddSingleton<IIncidentPort>(port)
            .AddSingleton<TimeProvider>(clock)
            .AddCommandIngest(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var rig = new IngestRig(services, port, clock);
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(TestContext.Current.CancellationToken);
            rig.started.Add(hosted);
        }

        return rig;
    }

    public T Listener<T>(Func<T, bool>? which = null) => started.OfType<T>().First(which ?? (_ => true));

    public static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
        return client;
    }

    public static Task SendAsync(TcpClient client, string text) =>
        client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken).AsTask();

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Enumerable.Reverse(started))
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await Services.DisposeAsync();
    }
}

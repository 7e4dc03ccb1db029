using Command.Recording.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Faults.Tests.Support;

/// <summary>The host in this process, on Kestrel, with its session store wrapped so a test can break it from inside.</summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    public InProcessHost(string dataPath, Func<ISessionStore, ISessionStore> wrap)
    {
        var port = HostProcess.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}");
        var settings = new Dictionary<string, string>
        {
            ["urls"] = Url.ToString(),
            ["DataPath"] = dataPath,
            ["Demo:Enabled"] = "false",
            ["Cluster:SiloPort"] = HostProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = HostProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Cot:Udp:Enabled"] = "false",
            ["Ingest:Cot:Tcp:Enabled"] = "false",
            ["Ingest:Nmea:Tcp:Enabled"] = "false",
            ["Ingest:Aprs:Tcp:Enabled"] = "false",
            ["Ingest:OsmAnd:Enabled"] = "false",
            ["Recording:AppendRetries"] = "1",
            ["Recording:RetryBaseDelay"] = "00:00:00.050",
            ["Recording:RetryMaxDelay"] = "00:00:00.500",
            ["Recording:BreakDuration"] = "00:00:01",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            // Never a setting on a command line: the bootstrap token comes from configuration the host alone reads.
            web.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:BootstrapToken"] = HostProcess.Token }));
            web.ConfigureTestServices(services =>
            {
                var store = new DiskSessionStore(Path.Combine(dataPath, "sessions"));
                services.AddSingleton(wrap(store));
            });
        });
        factory.UseKestrel();
        factory.StartServer();
    }

    public Uri Url { get; }

    public IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();
}

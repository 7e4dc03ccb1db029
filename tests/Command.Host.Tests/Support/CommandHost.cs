using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests.Support;

/// <summary>
/// The real host on loopback: Kestrel on a free port, its own silo ports, its own data folder, no demo drill and
/// no radio listeners unless a test asks for them.
/// </summary>
public class CommandHost : IAsyncLifetime
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly Dictionary<string, string?> settings;
    private readonly bool ownsData;

    public CommandHost() : this(new Dictionary<string, string?>())
    {
    }

    protected CommandHost(IDictionary<string, string?> overrides, Action<IServiceCollection>? services = null)
    {
        // A data folder given in the overrides belongs to the test (a host started again on the same data keeps it).
        ownsData = !overrides.TryGetValue("DataPath", out var given) || given is null;
        DataPath = given ?? Path.Combine(Path.GetTempPath(), "command-tests", Guid.NewGuid().ToString("N"));
        Port = FreePort.Tcp();
        settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{Port}",
            ["DataPath"] = DataPath,
            ["Cluster:SiloPort"] = FreePort.Tcp().ToString(),
            ["Cluster:GatewayPort"] = FreePort.Tcp().ToString(),
            ["Demo:Enabled"] = "false",
            ["Ingest:Cot:Udp:Enabled"] = "false",
            ["Ingest:Cot:Multicast:Enabled"] = "false",
            ["Ingest:Cot:Tcp:Enabled"] = "false",
            ["Ingest:Nmea:Tcp:Enabled"] = "false",
            ["Ingest:Aprs:Tcp:Enabled"] = "false",
            ["Ingest:OsmAnd:Enabled"] = "false",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            if (services is not null)
            {
                web.ConfigureTestServices(services);
            }
        });
        factory.UseKestrel();
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public int Port { get; }

    public string DataPath { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => factory.Services;

    public string Setting(string key) => settings[key] ?? "";

    public virtual async ValueTask InitializeAsync()
    {
        factory.StartServer();
        Client = new HttpClient { BaseAddress = BaseAddress };
        Client.DefaultRequestHeaders.Add("X-Actor", "test-commander");
        var health = await Client.GetAsync("/health", TestContext.Current.CancellationToken);
        health.EnsureSuccessStatusCode();
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await factory.DisposeAsync();
        try
        {
            if (ownsData)
            {
                Directory.Delete(DataPath, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a finishing writer is left for the OS temp cleaner.
        }

        GC.SuppressFinalize(this);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        Client.PostAsJsonAsync(path, body, Json, TestContext.Current.CancellationToken);
}

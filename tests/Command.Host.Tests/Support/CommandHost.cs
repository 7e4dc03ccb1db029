using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Command.Host.Tests.Support;

/// <summary>
/// The real host on loopback: Kestrel on a free port, its own silo ports, its own data folder, no demo drill and
/// no radio listeners unless a test asks for them. Its <see cref="Client"/> is an admin through the bootstrap token
/// the host is started with; <see cref="Access"/> signs people in and issues tokens for tests that need another role.
/// Per-caller rate limits are set out of the way unless a test sets its own.
/// </summary>
public class CommandHost : IAsyncLifetime
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly Dictionary<string, string?> settings;
    private readonly bool ownsData;
    private Command.Host.Hosting.DataFolderLock? held;

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
            ["Http:RateLimits:Reports:PerSecond"] = "100000",
            ["Http:RateLimits:Reports:Burst"] = "100000",
            ["Http:RateLimits:Commands:PerSecond"] = "100000",
            ["Http:RateLimits:Commands:Burst"] = "100000",
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

            // Not a setting: those reach the host as its command line, where a bootstrap token is refused.
            web.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:BootstrapToken"] = BootstrapToken }));
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

    /// <summary>The admin bearer token this host was started with.</summary>
    public string BootstrapToken { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>People, tokens and sign-ins, through the host's own API.</summary>
    public TestAccess Access => new(this);

    public string DataPath { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => factory.Services;

    public string Setting(string key) => settings[key] ?? "";

    /// <summary>A connection to the incidents' hub as the bearer of <paramref name="token"/>, started.</summary>
    public async Task<HubConnection> ConnectHubAsync(string token, CancellationToken cancellationToken)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, Command.Host.Live.IncidentHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await hub.StartAsync(cancellationToken);
        return hub;
    }

    public virtual async ValueTask InitializeAsync()
    {
        factory.StartServer();
        held = factory.Services.GetServices<IHostedService>().OfType<Command.Host.Hosting.DataFolderLock>().Single();
        Client = ClientWith(BootstrapToken);
        var health = await Client.GetAsync("/health", TestContext.Current.CancellationToken);
        health.EnsureSuccessStatusCode();
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await factory.DisposeAsync();

        // The app's own run stops and disposes the host as well as the factory, and whichever gets there first does the
        // work: the factory's call can return with the host still disposing, the data folder still held, and the next
        // host on the folder (or the removal below) finding it in use.
        if (held is not null)
        {
            await held.Released;
        }

        if (ownsData)
        {
            DataFolder.Remove(DataPath);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A client of this host that presents <paramref name="token"/> as its bearer token (none when null).</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    /// <summary>
    /// Takes <paramref name="incidentId"/> as the incident a test sets up next, closing those set up before it: a unit
    /// is enrolled in one open incident at a time, and tests enrol the same units again. A closed incident's
    /// recording stays for replay and the reports. With <paramref name="keepOpen"/> those before stay open too (a test
    /// of two incidents still going, whose units differ), until the next incident set up without it.
    /// </summary>
    public async Task<string> NextIncidentAsync(string incidentId, bool keepOpen = false)
    {
        if (!keepOpen)
        {
            foreach (var last in openIncidents)
            {
                // A test may have closed it itself.
                using var closed = await PostJsonAsync($"/api/incidents/{last}/close", new { reason = "the next test sets up its own" });
                if (closed.StatusCode != System.Net.HttpStatusCode.Conflict)
                {
                    closed.EnsureSuccessStatusCode();
                }
            }

            openIncidents.Clear();
        }

        openIncidents.Add(incidentId);
        return incidentId;
    }

    // Those set up and not yet closed, oldest first.
    private readonly List<string> openIncidents = [];

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        Client.PostAsJsonAsync(path, body, Json, TestContext.Current.CancellationToken);
}

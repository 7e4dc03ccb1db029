using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Command.Recording.Tests.Azurite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

[assembly: Microsoft.AspNetCore.Hosting.HostingStartup(typeof(Command.Deploy.Tests.Support.PodEnvironmentStartup))]

namespace Command.Deploy.Tests.Support;

/// <summary>
/// The host as one pod of the Kubernetes deployment: exactly the environment deploy/kubernetes gives its container,
/// turned into configuration the way ASP.NET Core turns environment variables into it, with this machine standing in
/// for what only a cluster has. Azurite (blobs and tables) for Azure Storage, a certificate made here for the mounted
/// one, a fresh token and password for the secrets' placeholders, 127.0.0.1 for the pod's IP, a temporary folder for
/// the data volume, and free ports where two pods would not share one machine.
/// </summary>
public sealed class PodHost : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("command-pod-").FullName;
    private AzuriteProcess blobs = null!;
    private AzuriteProcess tables = null!;
    private WebApplicationFactory<Program> factory = null!;

    /// <summary>The pod's environment, as the manifests give it.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; } = DeployFiles.PodEnvironment();

    /// <summary>What the host was given: the pod's environment as configuration keys, with the stand-ins.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>Which keys the host asked for as it started.</summary>
    public ReadKeys Read { get; private set; } = null!;

    public string Token { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    public int SiloPort { get; } = FreePort();

    public IServiceProvider Services => factory.Services;

    /// <summary>A client of the host, asking for it by the host name the manifests allow.</summary>
    public HttpClient Client(string? hostName = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{hostName ?? Settings["AllowedHosts"]}") });
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        return client;
    }

    public async ValueTask InitializeAsync()
    {
        blobs = await AzuriteProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        tables = await AzuriteProcess.StartTablesAsync(TestContext.Current.CancellationToken);
        var storage = $"{blobs.ConnectionString}{tables.Endpoint};";
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var certificate = Path.Combine(folder, "cluster.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=command-cluster", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(certificate, made.Export(X509ContentType.Pkcs12, password), TestContext.Current.CancellationToken);
        }

        // Every variable the pod gets, by its own name, and only those: a stand-in replaces a value, never adds a key,
        // except the radio listeners' ports, which a pod has to itself and a test machine shares.
        var standIns = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Cluster__StorageConnectionString"] = storage,
            ["Recording__ConnectionString"] = storage,
            ["Cluster__CertificatePassword"] = password,
            ["Auth__BootstrapToken"] = Token,
            ["POD_IP"] = "127.0.0.1",
            ["Cluster__CertificatePath"] = certificate,
            ["DataPath"] = Path.Combine(folder, "data"),
            ["Cluster__SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var settings = Environment.ToDictionary(e => DeployFiles.ConfigurationKey(e.Key), e => standIns.TryGetValue(e.Key, out var standIn) ? standIn : e.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var listener in new[] { "Ingest:Cot:Udp", "Ingest:Cot:Tcp", "Ingest:Nmea:Tcp", "Ingest:Aprs:Tcp", "Ingest:OsmAnd" })
        {
            settings[$"{listener}:Port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Settings = settings;
        Read = new ReadKeys(settings);
        Starting = Read;

        // Handed over as a hosting startup: its configuration is in place before the host's first line reads any, and
        // after the host's own sources, so the host asks it first for every key.
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseSetting(WebHostDefaults.HostingStartupAssembliesKey, typeof(PodHost).Assembly.GetName().Name));
        factory.StartServer();
    }

    /// <summary>The settings of the pod host being started, for <see cref="PodEnvironmentStartup"/>.</summary>
    internal static ReadKeys? Starting { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await tables.DisposeAsync();
        await blobs.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file a finishing writer still held is left for the OS temp cleaner.
        }
    }

    /// <summary>A port free for TCP and UDP, below the kernel's ephemeral range and the other test hosts' range.</summary>
    private static int FreePort()
    {
        for (var tries = 0; tries < 200; tries++)
        {
            var port = 14000 + Random.Shared.Next(5000);
            try
            {
                using var tcp = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, port);
                tcp.Start();
                using var udp = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Any, port));
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free port between 14000 and 19000.");
    }
}

/// <summary>Puts the pod's environment into the host's configuration as the host starts.</summary>
public sealed class PodEnvironmentStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration((_, configuration) => configuration.Add(PodHost.Starting ?? throw new InvalidOperationException("no pod host is starting")));
}

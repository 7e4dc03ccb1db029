using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Command.LoadTest;

/// <summary>
/// Starts the Release build of the host on free loopback ports with the probe on and <see cref="LoadSettings"/>, with a
/// bootstrap token of its own (through the environment: a token on the command line would be refused).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>The environment variable that holds the token for a host the tool did not start (--url).</summary>
    public const string TokenVariable = "COMMAND_TOKEN";

    private readonly Process process;

    private HostProcess(Process process, Uri url, string token) => (this.process, Url, Token) = (process, url, token);

    public Uri Url { get; }

    /// <summary>The admin bearer token the host was started with.</summary>
    public string Token { get; }

    /// <summary>The token from <see cref="TokenVariable"/>, for a host the tool did not start.</summary>
    public static string TokenFromEnvironment() =>
        Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token
            ? token.Trim()
            : throw new InvalidOperationException($"Set {TokenVariable} to an admin token of the host at --url (its Auth__BootstrapToken, say).");

    /// <summary>CPU time the host has used so far, user and system.</summary>
    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The host's resident memory now, in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <param name="settings">Settings over the load defaults, as "--Key value" pairs on the host's command line.</param>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = ReleaseBuild();
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var data = Path.Combine(Path.GetTempPath(), "command-load", Guid.NewGuid().ToString("N"));
        var token = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Auth__BootstrapToken"] = token },
        };
        foreach (var arg in (string[])[dll, "--urls", url.ToString(), "--DataPath", data, "--Diagnostics:Probe", "true",
            "--Cluster:SiloPort", FreePort().ToString(), "--Cluster:GatewayPort", FreePort().ToString(),
            "--Ingest:Cot:Udp:Enabled", "false", "--Ingest:Cot:Tcp:Enabled", "false", "--Ingest:Nmea:Tcp:Enabled", "false",
            "--Ingest:Aprs:Tcp:Enabled", "false", "--Ingest:OsmAnd:Enabled", "false"])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in LoadSettings.Host.Concat(settings ?? new Dictionary<string, string>()))
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"host: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = url };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return new HostProcess(process, url, token);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The host did not become healthy within 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The Release build of the host, which every phase loads; says how to build it when it is missing.</summary>
    internal static string ReleaseBuild()
    {
        var dll = Path.Combine(FindRoot(), "src", "Command.Host", "bin", "Release", "net10.0", "Command.Host.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build the host first: dotnet build -c Release src/Command.Host (looked for {dll})");
    }

    /// <summary>The repository this tool runs from.</summary>
    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Command.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the load tool from inside the repository.");
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Command.Recording.Tests.Azurite;

namespace Command.Faults.Tests.Support;

/// <summary>
/// The host as a process of its own, started from the built assembly (the build this test was built with), so it can
/// be killed with SIGKILL the way a power cut or the OOM killer would, and started again on the same data.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output;
    private readonly List<(string Text, TaskCompletionSource Heard)> awaited = [];

    private HostProcess(Process process, Uri url, List<string> output) => (this.process, Url, this.output) = (process, url, output);

    public Uri Url { get; }

    /// <summary>What the host wrote to its console (warnings and errors), for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output.TakeLast(60));
            }
        }
    }

    /// <summary>The admin token every host of these tests takes from its environment (never its command line).</summary>
    public static string Token { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    /// <summary>A client of a host that presents <see cref="Token"/>.</summary>
    public static HttpClient Client(Uri host, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = host, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <param name="dataPath">The host's data folder.</param>
    /// <param name="settings">Settings over the test host's.</param>
    /// <param name="cancellationToken">Stops waiting for it to be healthy.</param>
    /// <param name="startedIn">The folder it is started from; by default the one its assembly is in.</param>
    /// <param name="shipped">The test host's settings left to the host's shipped ones (such as "Demo:Enabled").</param>
    public static async Task<HostProcess> StartAsync(string dataPath, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, string? startedIn = null,
        IEnumerable<string>? shipped = null)
    {
        var host = Launch(dataPath, settings, startedIn, shipped);
        await host.WaitHealthyAsync(cancellationToken);
        return host;
    }

    /// <summary>Starts a host that is to refuse to start, and waits for it to exit: its exit code, and every line it wrote.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RefusedAsync(string dataPath, IReadOnlyDictionary<string, string> settings,
        CancellationToken cancellationToken)
    {
        await using var host = Launch(dataPath, settings, startedIn: null, shipped: null);
        await host.process.WaitForExitAsync(cancellationToken);
        // The exit is seen before the last of what was read is handed over; this waits for the end of both streams.
        host.process.WaitForExit();
        lock (host.output)
        {
            return (host.process.ExitCode, host.output.ToList());
        }
    }

    private static HostProcess Launch(string dataPath, IReadOnlyDictionary<string, string> settings, string? startedIn, IEnumerable<string>? shipped)
    {
        var dll = HostAssembly();
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = startedIn ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Auth__BootstrapToken"] = Token },
        };
        var arguments = new Dictionary<string, string>
        {
            ["urls"] = url.ToString(),
            ["DataPath"] = dataPath,
            ["Demo:Enabled"] = "false",
            ["Cluster:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Ingest:Cot:Udp:Enabled"] = "false",
            ["Ingest:Cot:Tcp:Enabled"] = "false",
            ["Ingest:Nmea:Tcp:Enabled"] = "false",
            ["Ingest:Aprs:Tcp:Enabled"] = "false",
            ["Ingest:OsmAnd:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Its "Application started" line is what says it is up.
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            arguments[key] = value;
        }

        foreach (var key in shipped ?? [])
        {
            arguments.Remove(key);
        }

        start.ArgumentList.Add(dll);
        foreach (var (key, value) in arguments)
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var host = new HostProcess(process, url, []);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>SIGKILL: no shutdown, no flush, nothing the host can do about it.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    // Up once it says so on its console ("Application started", once its silo and its web server both are), and healthy
    // by its own /health then: it exiting first, or not starting within 90 s, fails with what it wrote.
    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        starting.CancelAfter(TimeSpan.FromSeconds(90));
        var started = WrittenAsync("Application started", starting.Token);
        try
        {
            if (await Task.WhenAny(started, process.WaitForExitAsync(starting.Token)) != started || process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {process.ExitCode} before it was healthy:\n{Output}");
            }

            await started;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The host did not start within 90 s:\n{Output}");
        }

        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        var health = await http.GetAsync("/health", cancellationToken);
        if (!health.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The host started but /health answered {(int)health.StatusCode}:\n{Output}");
        }
    }

    private static string HostAssembly()
    {
        // The configuration this test assembly was built in is the host's too (the test references the host project).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepoRoot.Find(), "src", "Command.Host", "bin", configuration, "net10.0", "Command.Host.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The host is not built at {dll}; build the solution first.");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
            foreach (var (text, heard) in awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToList())
            {
                awaited.Remove((text, heard));
                heard.TrySetResult();
            }
        }
    }

    /// <summary>Waits until the host writes a line holding <paramref name="text"/> to its console (at once where it has).</summary>
    public Task WrittenAsync(string text, CancellationToken cancellationToken)
    {
        lock (output)
        {
            if (output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return Task.CompletedTask;
            }

            var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            awaited.Add((text, heard));
            return heard.Task.WaitAsync(cancellationToken);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Command.LoadTest;

/// <summary>Starts the Release build of the host on free loopback ports with the probe on and the demo off.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;

    private HostProcess(Process process, Uri url) => (this.process, Url) = (process, url);

    public Uri Url { get; }

    /// <summary>CPU time the host has used so far, user and system.</summary>
    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public static async Task<HostProcess> StartAsync()
    {
        var root = FindRoot();
        var dll = Path.Combine(root, "src", "Command.Host", "bin", "Release", "net10.0", "Command.Host.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build the host first: dotnet build -c Release src/Command.Host (looked for {dll})");
        }

        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var data = Path.Combine(Path.GetTempPath(), "command-load", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[dll, "--urls", url.ToString(), "--DataPath", data, "--Demo:Enabled", "false", "--Diagnostics:Probe", "true",
            "--Cluster:SiloPort", FreePort().ToString(), "--Cluster:GatewayPort", FreePort().ToString(),
            "--Ingest:Cot:Udp:Enabled", "false", "--Ingest:Cot:Tcp:Enabled", "false", "--Ingest:Nmea:Tcp:Enabled", "false",
            "--Ingest:Aprs:Tcp:Enabled", "false", "--Ingest:OsmAnd:Enabled", "false", "--Serilog:MinimumLevel:Default", "Warning"])
        {
            start.ArgumentList.Add(arg);
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
                    return new HostProcess(process, url);
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

    private static string FindRoot()
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

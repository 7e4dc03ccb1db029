using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Command.Recording.Tests.Azurite;

/// <summary>
/// A real Azurite blob (or table) service on 127.0.0.1, started from the repo's node_modules. Never skipped: when it
/// cannot start, the failure says how to install it.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string? location;
    private readonly string service;
    private Process? process;

    private AzuriteProcess(string? location, string service = "blob") => (this.location, this.service) = (location, service);

    public int Port { get; private set; }

    /// <summary>The well-known development account's connection string, on this instance's port.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};{Endpoint};";

    /// <summary>This service's endpoint, as a connection string names it: <c>BlobEndpoint=…</c> or <c>TableEndpoint=…</c>.</summary>
    public string Endpoint => $"{(service == "table" ? "Table" : "Blob")}Endpoint=http://127.0.0.1:{Port}/devstoreaccount1";

    /// <summary>Starts Azurite in memory, or persisting to <paramref name="location"/> so data survives a restart.</summary>
    public static async Task<AzuriteProcess> StartAsync(string? location = null, CancellationToken cancellationToken = default)
    {
        var azurite = new AzuriteProcess(location);
        await azurite.StartOnAsync(0, cancellationToken);
        return azurite;
    }

    /// <summary>Starts Azurite's table service in memory (Orleans' Azure Table clustering needs it).</summary>
    public static async Task<AzuriteProcess> StartTablesAsync(CancellationToken cancellationToken = default)
    {
        // The table service does not say which port it took when given 0: it gets a free one below the ephemeral range.
        var azurite = new AzuriteProcess(null, "table");
        await azurite.StartOnAsync(FreePort(), cancellationToken);
        return azurite;
    }

    /// <summary>Stops the service the way an operator would (SIGTERM), so it persists what it holds.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false } running)
        {
            using var kill = Process.Start("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            await running.WaitForExitAsync();
        }
    }

    /// <summary>Starts it again on the same port (and location).</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartOnAsync(Port, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }

        process?.Dispose();
    }

    private async Task StartOnAsync(int port, CancellationToken cancellationToken)
    {
        var root = RepoRoot.Find();
        var executable = Path.Combine(root, "node_modules", ".bin", $"azurite-{service}");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed ({executable} is missing): run `npm ci` at the repo root ({root}).");
        }

        var workspace = location ?? Directory.CreateTempSubdirectory("azurite-").FullName;
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[$"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--skipApiVersionCheck", "--silent", "--disableTelemetry"])
        {
            info.ArgumentList.Add(arg);
        }

        // Azurite refuses --location together with --inMemoryPersistence; in memory it runs in a scratch folder.
        info.ArgumentList.Add(location is null ? "--inMemoryPersistence" : "--location");
        if (location is not null)
        {
            info.ArgumentList.Add(location);
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, output, listening);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, output, listening);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = ReportExitAsync(process, root, output, listening);
        try
        {
            Port = await listening.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Azurite did not listen within {StartTimeout.TotalSeconds} s; run `npm ci` at the repo root ({root}). Output:\n{string.Join('\n', output)}");
        }
    }

    private static async Task ReportExitAsync(Process started, string root, System.Collections.Concurrent.ConcurrentQueue<string> output, TaskCompletionSource<int> listening)
    {
        // Waits for the output to be read to its end too, so the message carries Azurite's last words.
        await started.WaitForExitAsync();
        listening.TrySetException(new InvalidOperationException(
            $"Azurite exited before listening; run `npm ci` at the repo root ({root}). Output:\n{string.Join('\n', output)}"));
    }

    private static void OnLine(string? line, System.Collections.Concurrent.ConcurrentQueue<string> output, TaskCompletionSource<int> listening)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static int FreePort()
    {
        for (var tries = 0; tries < 100; tries++)
        {
            var port = 14000 + Random.Shared.Next(5000);
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free port for Azurite between 14000 and 19000.");
    }

    // The blob service says "successfully listens on http://127.0.0.1:P"; the table service "successfully started on 127.0.0.1:P".
    [GeneratedRegex(@"successfully (?:listens on http://|started on )127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Command.Recording.Tests.Azurite;

namespace Command.Cluster.Tests.Support;

/// <summary>
/// Azurite and Command hosts (three, unless a derived fixture asks otherwise) as one cluster, started and stopped by <c>deploy/local/cluster.sh</c> (the way the
/// README tells anyone to try a cluster) from the assembly this test was built with. Never skipped: without Azurite
/// or the built host the fixture fails and says what to do.
/// </summary>
public class LocalCluster : IAsyncLifetime
{
    private readonly int hostCount;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly string root = RepoRoot.Find();
    private readonly string state = Directory.CreateTempSubdirectory("command-cluster-").FullName;
    private readonly HashSet<int> killed = [];

    public LocalCluster()
        : this(3, new Dictionary<string, string>())
    {
    }

    /// <summary>A cluster of <paramref name="hostCount"/> hosts, each given <paramref name="settings"/> by environment (<c>Ingest__Aprs__Kiss__Enabled</c>).</summary>
    protected LocalCluster(int hostCount, IReadOnlyDictionary<string, string> settings)
    {
        this.hostCount = hostCount;
        this.settings = settings;
    }

    /// <summary>Each host's dashboard, host 1 first.</summary>
    public IReadOnlyList<Uri> Hosts { get; private set; } = [];

    /// <summary>The hosts not killed by a test.</summary>
    public IReadOnlyList<Uri> Living => [.. Hosts.Where((_, i) => !killed.Contains(i))];

    /// <summary>The bootstrap admin token the script made and gave every host.</summary>
    public string Token { get; private set; } = "";

    /// <summary>The connection string of the Azurite the cluster records to.</summary>
    public string StorageConnection { get; private set; } = "";

    /// <summary>The Blob container the script records sessions to.</summary>
    public static string RecordingContainer => "sessions";

    public async ValueTask InitializeAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(root, "src", "Command.Host", "bin", configuration, "net10.0", "Command.Host.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The host is not built at {dll}; build the solution first.");
        }

        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed ({azurite} is missing): run `npm ci` at the repo root ({root}).");
        }

        var port = Command.LoadTest.ClusterPorts.FreeBase(hostCount);
        var (code, output) = await ScriptAsync(configuration, "start", "--hosts", hostCount.ToString(CultureInfo.InvariantCulture), "--state", state, "--port", port.ToString(CultureInfo.InvariantCulture));
        if (code != 0)
        {
            var logs = string.Join('\n', Directory.GetFiles(state, "*.out").Select(f => $"--- {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(30))}"));
            await ScriptAsync(configuration, "stop", "--state", state);
            throw new InvalidOperationException($"cluster.sh start failed ({code}):\n{output}\n{logs}");
        }

        Hosts = [.. Enumerable.Range(1, hostCount).Select(i => new Uri(File.ReadAllText(Path.Combine(state, $"host{i}.url")).Trim()))];
        Token = File.ReadAllText(Path.Combine(state, "bootstrap-token")).Trim();
        StorageConnection = File.ReadAllText(Path.Combine(state, "storage-connection")).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the cluster and removes its state; a derived fixture stops what it added after.</summary>
    protected virtual async ValueTask DisposeAsyncCore()
    {
        await ScriptAsync(new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "stop", "--state", state);
        try
        {
            Directory.Delete(state, recursive: true);
        }
        catch (IOException)
        {
            // A file a dying process still held is left for the OS temp cleaner.
        }
    }

    /// <summary>An admin client of a host.</summary>
    public HttpClient Client(Uri host, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = host, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>What a host wrote to its console so far (the script keeps it under the state folder).</summary>
    public string Log(Uri host)
    {
        var path = Path.Combine(state, $"host{Index(host) + 1}.out");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>
    /// Completes once <paramref name="says"/> holds of the hosts' logs, looking again each time a host writes to its
    /// log; fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task LogsSayAsync(Func<bool> says, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var written = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(state, "*.out") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size, EnableRaisingEvents = true };
        watcher.Changed += (_, _) => written.Release();
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!says())
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero || !await written.WaitAsync(left, cancellationToken) && !says())
            {
                throw new TimeoutException($"the hosts' logs did not say so within {timeout.TotalSeconds} s");
            }
        }
    }

    /// <summary>
    /// Why a host did not answer, for a test's failure: whether its process still runs, and the end of its log. A host
    /// that died of itself says why there, where "Connection refused" alone says nothing.
    /// </summary>
    public string Unanswered(Uri host, Exception failure)
    {
        var pidFile = Path.Combine(state, $"host{Index(host) + 1}.pid");
        var running = File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid) && Running(pid);
        var tail = string.Join('\n', Log(host).Split('\n').TakeLast(40));
        return $"{host} did not answer ({failure.Message}); its process {(running ? "still runs" : "is gone")}; its log ends:\n{tail}";
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL to a host's process, as a power cut would: no shutdown, no flush, no leaving the cluster.</summary>
    public void Kill(Uri host)
    {
        var index = Index(host);
        var pidFile = Path.Combine(state, $"host{index + 1}.pid");
        using var process = Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture));
        process.Kill();
        killed.Add(index);

        // The script's stop would wait for it to go; it has gone, and is no longer the script's to stop.
        File.Delete(pidFile);
    }

    /// <summary>Starts a killed host again as the script does (<c>start-host</c>), and waits until it is healthy.</summary>
    public async Task StartAgainAsync(Uri host)
    {
        var index = Index(host);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var (code, output) = await ScriptAsync(configuration, "start-host", (index + 1).ToString(CultureInfo.InvariantCulture), "--state", state);
        if (code != 0)
        {
            throw new InvalidOperationException($"cluster.sh start-host {index + 1} failed ({code}):\n{output}\n{string.Join('\n', Log(host).Split('\n').TakeLast(30))}");
        }

        killed.Remove(index);
    }

    private int Index(Uri host) => Hosts.ToList().IndexOf(host) is >= 0 and var i ? i : throw new ArgumentException($"{host} is not a host of this cluster", nameof(host));

    private Task<(int Code, string Output)> ScriptAsync(string configuration, params string[] arguments) =>
        Command.LoadTest.ClusterScript.RunAsync(root, [KeyValuePair.Create("CONFIGURATION", configuration), .. settings], arguments);
}

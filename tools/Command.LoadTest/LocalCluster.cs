using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Command.LoadTest;

/// <summary>
/// A cluster on this machine as <c>deploy/local/cluster.sh</c> starts one, the way the README tells anyone to: Azurite
/// for tables and blobs, N Release hosts with mutual TLS between their silos, <see cref="LoadSettings"/> in their
/// environment. A host killed with -9 is started again through the script, as it was.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    /// <summary>Orleans logs the options each silo runs with, at Information, under this category; the failover prints them.</summary>
    private const string OptionsLog = "Serilog:MinimumLevel:Override:Orleans.Runtime.SiloOptionsLogger";

    private readonly string root;
    private readonly string state;
    private readonly Process?[] hosts;
    private readonly Process[] storage;

    private LocalCluster(string root, string state, IReadOnlyList<Uri> urls, string token)
    {
        (this.root, this.state, Hosts, Token) = (root, state, urls, token);
        hosts = [.. Enumerable.Range(1, urls.Count).Select(i => ProcessOf($"host{i}"))];
        storage = [ProcessOf("azurite"), ProcessOf("azurite-table")];
    }

    /// <summary>Each host's dashboard, host 1 first.</summary>
    public IReadOnlyList<Uri> Hosts { get; }

    /// <summary>The bootstrap admin token the script made and gave every host.</summary>
    public string Token { get; }

    /// <summary>CPU time the running hosts have used so far.</summary>
    public TimeSpan HostsCpu => Cpu(hosts.OfType<Process>());

    /// <summary>CPU time Azurite (blob and table) has used so far.</summary>
    public TimeSpan StorageCpu => Cpu(storage);

    /// <summary>Starts Azurite and <paramref name="count"/> hosts on ports nothing else holds, and waits until every host is healthy.</summary>
    public static async Task<LocalCluster> StartAsync(int count)
    {
        HostProcess.ReleaseBuild();
        var root = HostProcess.FindRoot();
        var state = Directory.CreateTempSubdirectory("command-load-cluster-").FullName;
        var (code, output) = await ScriptAsync(root, "start", "--hosts", count.ToString(CultureInfo.InvariantCulture), "--state", state, "--port", ClusterPorts.FreeBase(count).ToString(CultureInfo.InvariantCulture));
        if (code != 0)
        {
            await ScriptAsync(root, "stop", "--state", state);
            throw new InvalidOperationException($"cluster.sh start failed ({code}):\n{output}");
        }

        var urls = Enumerable.Range(1, count).Select(i => new Uri(File.ReadAllText(Path.Combine(state, $"host{i}.url")).Trim())).ToList();
        return new LocalCluster(root, state, urls, File.ReadAllText(Path.Combine(state, "bootstrap-token")).Trim());
    }

    /// <summary>An admin client of host <paramref name="host"/> (0 is host 1).</summary>
    public HttpClient Client(int host, TimeSpan timeout)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = Hosts[host], Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        return client;
    }

    /// <summary>
    /// The host whose silo holds the incident: the one whose diagnostics name the same silo as holder and as the silo
    /// that answered. Asks only <paramref name="among"/>, the hosts that run.
    /// </summary>
    public async Task<int> HolderAsync(string incidentId, IEnumerable<int> among)
    {
        foreach (var host in among)
        {
            using var http = Client(host, TimeSpan.FromSeconds(30));
            var answer = await http.GetFromJsonAsync<JsonElement>($"/api/diagnostics/incidents/{incidentId}/silo");
            if (answer.GetProperty("silo").GetString() == answer.GetProperty("answeredBy").GetString())
            {
                return host;
            }
        }

        throw new InvalidOperationException($"No host of the cluster holds incident '{incidentId}'.");
    }

    /// <summary>SIGKILL to host <paramref name="host"/>'s process, as a power cut would: no shutdown, no leaving the cluster.</summary>
    public void Kill(int host)
    {
        var process = hosts[host] ?? throw new InvalidOperationException($"host {host + 1} is not running");
        process.Kill();
        hosts[host] = null;
        process.Dispose();

        // The script would stop it on stop; it has gone, and is no longer the script's to stop.
        File.Delete(Path.Combine(state, $"host{host + 1}.pid"));
    }

    /// <summary>Starts host <paramref name="host"/> again, as it was, and waits until it is healthy (its silo has joined).</summary>
    public async Task StartHostAsync(int host)
    {
        var (code, output) = await ScriptAsync(root, "start-host", (host + 1).ToString(CultureInfo.InvariantCulture), "--state", state);
        if (code != 0)
        {
            throw new InvalidOperationException($"cluster.sh start-host {host + 1} failed ({code}):\n{output}");
        }

        hosts[host] = ProcessOf($"host{host + 1}");
    }

    /// <summary>The membership settings host 1's silo logged when it started.</summary>
    public MembershipSettings Membership()
    {
        using var stream = new FileStream(Path.Combine(state, "host1.out"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return MembershipSettings.FromLog(new StreamReader(stream).ReadToEnd());
    }

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync(root, "stop", "--state", state);
        foreach (var process in hosts.OfType<Process>().Concat(storage))
        {
            process.Dispose();
        }

        try
        {
            Directory.Delete(state, recursive: true);
        }
        catch (IOException)
        {
            // A file a dying process still held is left for the OS temp cleaner.
        }
    }

    private Process ProcessOf(string name) => Process.GetProcessById(int.Parse(File.ReadAllText(Path.Combine(state, $"{name}.pid")).Trim(), CultureInfo.InvariantCulture));

    private static TimeSpan Cpu(IEnumerable<Process> processes) => processes.Aggregate(TimeSpan.Zero, (sum, process) =>
    {
        process.Refresh();
        return sum + process.TotalProcessorTime;
    });

    private static Task<(int Code, string Output)> ScriptAsync(string root, params string[] arguments) =>
        ClusterScript.RunAsync(root,
            LoadSettings.Host.Append(KeyValuePair.Create(OptionsLog, "Information"))
                .Select(setting => KeyValuePair.Create(LoadSettings.EnvironmentName(setting.Key), setting.Value))
                .Append(KeyValuePair.Create("CONFIGURATION", "Release")),
            arguments);
}

using System.Diagnostics;

namespace Command.LoadTest;

/// <summary>
/// Failover on a local cluster of three hosts (<c>--only failover</c>): one incident, a sender posting ten units every
/// 100 ms through the hosts, a browser on every host. Each kill finds the host whose silo holds the incident, takes it
/// out of the sender's round, kills it with -9 and times the first frame with news (a sequence above any shown) on
/// each surviving host's browser; then starts the host again and waits until it is healthy and its browser sees the
/// incident before the next kill.
/// </summary>
internal static class FailoverRun
{
    public const int Hosts = 3;
    private const int Units = 10;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Frames already on their way when the holder died arrive within this; no new activation can answer so soon (the
    /// cluster must first declare the silo dead), so the news a survivor waits for is above what was shown by then.
    /// </summary>
    private static readonly TimeSpan InFlight = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a kill may take to heal before the run gives up.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task RunAsync(LoadOptions options, string run)
    {
        Console.WriteLine($"Failover: {options.Kills} {(options.Kills == 1 ? "kill" : "kills")} -9 of the host holding an incident on a local cluster of {Hosts} hosts, on {Environment.ProcessorCount} cores ({MachineLoad.Describe()})");
        await using var cluster = await LocalCluster.StartAsync(Hosts);
        var all = Enumerable.Range(0, Hosts).ToList();
        var clients = all.Select(i => cluster.Client(i, TimeSpan.FromSeconds(10))).ToList();
        var browsers = new FrameListener?[Hosts];
        try
        {
            var incident = (await LoadRun.OpenIncidentsAsync(clients[0], $"failover-{run}", 1))[0];
            foreach (var host in all)
            {
                browsers[host] = await FrameListener.JoinAsync(cluster.Hosts[host], cluster.Token, incident);
            }

            await using var sender = new PacedSender(new ReportBatch(incident, Units, 0), Units, Pace, clients);
            await Task.WhenAll(browsers.Select(b => b!.Sequence.AfterAsync(0))).WaitAsync(Patience);
            var kills = new List<Failover>();
            for (var kill = 1; kill <= options.Kills; kill++)
            {
                var holder = await cluster.HolderAsync(incident, all);
                var survivors = all.Where(h => h != holder).ToList();
                sender.Through(survivors);
                var killedAt = Stopwatch.GetTimestamp();
                cluster.Kill(holder);
                await Task.Delay(InFlight);
                var shown = survivors.Max(h => browsers[h]!.Sequence.Last);
                var came = await Task.WhenAll(survivors.Select(h => browsers[h]!.Sequence.AfterAsync(shown))).WaitAsync(Patience);
                var failover = new Failover(kill, holder, [.. survivors.Zip(came, (h, at) => (h, Stopwatch.GetElapsedTime(killedAt, at)))]);
                kills.Add(failover);
                Console.WriteLine(failover);

                await browsers[holder]!.DisposeAsync();
                browsers[holder] = null;
                await cluster.StartHostAsync(holder);
                browsers[holder] = await FrameListener.JoinAsync(cluster.Hosts[holder], cluster.Token, incident);
                await browsers[holder]!.Sequence.AfterAsync(0).WaitAsync(Patience);
                sender.Through(all);
            }

            var first = kills.Select(k => k.First.TotalSeconds).Order().ToList();
            var slowest = kills.Select(k => k.Slowest.TotalSeconds).Order().ToList();
            Console.WriteLine(
                $"failover over {kills.Count} {(kills.Count == 1 ? "kill" : "kills")}, kill -9 to the first frame on a surviving host: median {LoadRun.Percentile(first, 0.5):F1} s, max {first[^1]:F1} s " +
                $"(slowest survivor: median {LoadRun.Percentile(slowest, 0.5):F1} s, max {slowest[^1]:F1} s); goal 10 s");
            Console.WriteLine($"membership, as host 1's silo logged it: {cluster.Membership()}");
            Console.WriteLine($"sender: {sender.Acknowledged:N0} reports acknowledged, {sender.Refused:N0} refused, {sender.Failed:N0} posts failed or timed out (10 s); none sent again");
        }
        finally
        {
            foreach (var browser in browsers.OfType<FrameListener>())
            {
                await browser.DisposeAsync();
            }

            clients.ForEach(c => c.Dispose());
        }
    }
}

/// <summary>One kill: which host held the incident, and how long after it each survivor's browser was shown news.</summary>
internal sealed record Failover(int Kill, int Holder, IReadOnlyList<(int Host, TimeSpan After)> Survivors)
{
    public TimeSpan First => Survivors.Min(s => s.After);

    public TimeSpan Slowest => Survivors.Max(s => s.After);

    public override string ToString() =>
        $"kill {Kill}: host {Holder + 1} held the incident; first frame on a survivor after {First.TotalSeconds:F1} s, " +
        $"slowest survivor {Slowest.TotalSeconds:F1} s ({string.Join(", ", Survivors.Select(s => $"host {s.Host + 1} {s.After.TotalSeconds:F1} s"))})";
}

namespace Command.LoadTest;

/// <summary>
/// The end-to-end ceiling through a local cluster (<c>--cluster N</c>) against the same run's one-host figure: the
/// same incidents, batches and browsers, through one host of a cluster of one and then through N hosts, each cluster
/// started by deploy/local/cluster.sh (Blob recording and grain state on Azurite, Azure Table membership), so only the
/// number of hosts differs. Senders and browsers are spread round robin over the hosts, and what entered a host that
/// does not hold its incident is counted, since that report crossed to the silo that does. Each cluster then runs as
/// long again with the browsers gone, which parts what reports crossing cost from what frames crossing cost.
/// </summary>
internal static class ClusterRun
{
    private const string ReportsPath = "/api/incidents/{0}/reports";

    public static async Task RunAsync(LoadOptions options, string run)
    {
        var hosts = options.Cluster ?? 1;
        Console.WriteLine(
            $"End-to-end ceiling through a local cluster of 1 host, then of {hosts}, for {options.Seconds} s each with browsers and {options.Seconds} s without, " +
            $"after {options.WarmupSeconds} s of warm-up, on {Environment.ProcessorCount} cores ({MachineLoad.Describe()})");
        var one = await CeilingAsync(options, 1, $"{run}-1");
        Console.WriteLine(one);
        var many = await CeilingAsync(options, hosts, $"{run}-{hosts}");
        Console.WriteLine(many);
        var ratio = many.ReportsPerSecond / one.ReportsPerSecond;
        var bareRatio = many.WithoutBrowsers / one.WithoutBrowsers;
        Console.WriteLine($"{Hosts(hosts)} / 1 host, {options.CeilingClients} clients:        {ratio,10:N2} (without browsers {bareRatio:N2})");
        Console.WriteLine(
            $"why: {hosts} silos, Azurite and this tool share {Environment.ProcessorCount} cores, so more hosts bring no more CPU, only more work per report: " +
            $"the hosts spent {many.HostMicroseconds:N1} µs of CPU per report against {one.HostMicroseconds:N1} µs in one. {many.EnteredElsewhere:P0} of reports entered " +
            $"a host whose silo does not hold their incident and crossed a silo-to-silo TLS hop to it, and {many.WatchedElsewhere:P0} of the browsers watch from such " +
            "a host, which is sent every frame of the incident across the silo link");
    }

    private static async Task<ClusterCeiling> CeilingAsync(LoadOptions options, int count, string run)
    {
        await using var cluster = await LocalCluster.StartAsync(count);
        var clients = Enumerable.Range(0, count).Select(i => cluster.Client(i, TimeSpan.FromMinutes(2))).ToList();
        try
        {
            var incidents = await LoadRun.OpenIncidentsAsync(clients[0], $"cluster-{run}", options.Incidents);
            var browsers = (await Task.WhenAll(Enumerable.Range(0, options.CeilingClients)
                .Select(i => FrameListener.JoinAsync(cluster.Hosts[i % count], cluster.Token, incidents[i % incidents.Count])))).ToList();
            var batches = incidents.Select((id, i) => new ReportBatch(id, options.Units, i)).ToList();
            var cpu = new CpuUse(new CpuSource(Hosts(count), () => cluster.HostsCpu), new CpuSource("Azurite", () => cluster.StorageCpu));
            await Senders.ClosedLoopAsync(i => clients[i % count], batches, ReportsPath, options.Units, TimeSpan.FromSeconds(options.WarmupSeconds));

            // The incidents are active by now and stay where they are: ask once where each lives.
            var all = Enumerable.Range(0, count).ToList();
            var holders = new List<int>();
            foreach (var id in incidents)
            {
                holders.Add(await cluster.HolderAsync(id, all));
            }

            LoadRun.Measure(browsers, true);
            cpu.Restart();
            var ceiling = await Senders.ClosedLoopAsync(i => clients[i % count], batches, ReportsPath, options.Units, TimeSpan.FromSeconds(options.Seconds));
            LoadRun.Measure(browsers, false);
            var shares = cpu.PerReportBySource(ceiling.Accepted);
            var elsewhere = ceiling.AcceptedByBatch.Where((_, i) => holders[i] != i % count).Sum();
            var watchedElsewhere = Enumerable.Range(0, options.CeilingClients).Count(i => holders[i % incidents.Count] != i % count);
            var load = MachineLoad.Describe();
            var frames = LoadRun.FrameRates(browsers);
            await LoadRun.DisposeAllAsync(browsers);
            var alone = await Senders.ClosedLoopAsync(i => clients[i % count], batches, ReportsPath, options.Units, TimeSpan.FromSeconds(options.Seconds));
            return new ClusterCeiling(
                count, options.CeilingClients, ceiling.Accepted / ceiling.Seconds, ceiling.Rejected, frames, shares,
                elsewhere / (double)Math.Max(1, ceiling.Accepted), watchedElsewhere / (double)options.CeilingClients,
                [.. all.Select(h => holders.Count(holder => holder == h))], alone.Accepted / alone.Seconds, load);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    internal static string Hosts(int count) => count == 1 ? "1 host" : $"{count} hosts";
}

/// <summary>One cluster's ceiling: reports/s, frames, CPU per report, and how much crossed between silos.</summary>
/// <param name="EnteredElsewhere">Share of accepted reports posted to a host whose silo does not hold their incident.</param>
/// <param name="WatchedElsewhere">Share of browsers connected to a host whose silo does not hold the incident they watch.</param>
/// <param name="IncidentsByHost">How many of the incidents each host's silo held, host 1 first.</param>
/// <param name="WithoutBrowsers">Reports/s of the same senders once the browsers had gone.</param>
/// <param name="Load">The machine's load average as the window with browsers ended.</param>
internal sealed record ClusterCeiling(
    int Hosts, int Clients, double ReportsPerSecond, long Refused, string Frames, IReadOnlyList<CpuShare> Cpu,
    double EnteredElsewhere, double WatchedElsewhere, IReadOnlyList<int> IncidentsByHost, double WithoutBrowsers, string Load)
{
    /// <summary>The hosts' CPU per report (the first source: Azurite and this tool come after).</summary>
    public double HostMicroseconds => Cpu[0].Microseconds;

    public override string ToString() =>
        $"end-to-end ceiling, {ClusterRun.Hosts(Hosts)}, {Clients} clients: {ReportsPerSecond,10:N0} reports/s accepted ({Refused:N0} refused); {Frames}; {CpuUse.Describe(Cpu)}; " +
        $"incidents held {string.Join('/', IncidentsByHost)}; {EnteredElsewhere:P0} of reports entered a host not holding their incident; " +
        $"without browsers {WithoutBrowsers:N0} reports/s; {Load}";
}

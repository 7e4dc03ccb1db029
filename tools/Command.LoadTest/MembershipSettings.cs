namespace Command.LoadTest;

/// <summary>
/// How a cluster notices a dead silo, as a silo logged its Orleans ClusterMembershipOptions when it started (the
/// values it ran with, whether from the host's defaults, Cluster:ProbeTimeout and Cluster:MissedProbesLimit, or
/// Orleans' own): what a failover's figures depend on.
/// </summary>
public sealed record MembershipSettings(string ProbeTimeout, string MissedProbesLimit, string VotesForDeathDeclaration, string IndirectProbes)
{
    private const string Block = "Configuration Orleans.Configuration.ClusterMembershipOptions:";

    /// <summary>The settings from a host's console log; "not logged" for any the log lacks.</summary>
    public static MembershipSettings FromLog(string log)
    {
        var start = log.IndexOf(Block, StringComparison.Ordinal);
        var values = start < 0
            ? []
            : log[(start + Block.Length)..].Split('\n').Skip(1).TakeWhile(line => line.Contains(": ", StringComparison.Ordinal))
                .Select(line => line.Trim().Split(": ", 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        string Value(string name) => values.GetValueOrDefault(name, "not logged");
        return new MembershipSettings(Value("ProbeTimeout"), Value("NumMissedProbesLimit"), Value("NumVotesForDeathDeclaration"), Value("EnableIndirectProbes"));
    }

    public override string ToString() =>
        $"ProbeTimeout {ProbeTimeout}, NumMissedProbesLimit {MissedProbesLimit}, NumVotesForDeathDeclaration {VotesForDeathDeclaration}, EnableIndirectProbes {IndirectProbes}";
}

using Command.Recording.Hosting;

namespace Command.Host.Hosting;

/// <summary>
/// How this process joins its Orleans cluster (configuration section "Cluster"; the "Orleans" section belongs to
/// Orleans itself). One process is a whole cluster by default; several form one through Azure Table clustering,
/// with grain state in Azure Blob Storage and the recording there too.
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "Cluster";

    /// <summary>"Localhost" (one process is the whole cluster; the default) or "AzureTable".</summary>
    public string Clustering { get; set; } = "Localhost";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// Client gateway port; 0 turns the gateway off. Default 30000 on one host; a cluster's hosts need no gateway
    /// (every host is a silo) and turn it off unless this is set, so nothing outside the cluster can call a grain.
    /// </summary>
    public int? GatewayPort { get; set; }

    /// <summary>Cluster id shared by every process of one deployment. Default "command".</summary>
    public string ClusterId { get; set; } = "command";

    /// <summary>"Memory" (the default) or "AzureBlob" for grain state that outlives the cluster (required in a cluster).</summary>
    public string GrainStorage { get; set; } = "Memory";

    /// <summary>Azure Storage connection string for AzureTable clustering and AzureBlob grain storage.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>
    /// The address other silos reach this one at. Default: the <c>POD_IP</c> environment variable (Kubernetes), else
    /// the first up, non-loopback IPv4 address of this machine; loopback on one host.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// A PFX file with the certificate every silo of the cluster presents and expects (mutual TLS between silos).
    /// Required in a cluster unless <see cref="AllowPlainSiloTraffic"/>: anyone who reaches a silo port could call
    /// grains directly, past all access control. Refused on one host (Localhost clustering), whose silo talks only over
    /// loopback and would use none. Default none.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password (from a secret). Default none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Let silos talk without TLS: only for a cluster on a network nobody else can reach (one machine's loopback, a
    /// private network of its own). Default false.
    /// </summary>
    public bool AllowPlainSiloTraffic { get; set; }

    /// <summary>
    /// How long a silo waits for a probe's answer before counting it missed. Default 3 s: two busy cores answer well
    /// inside it, and with <see cref="MissedProbesLimit"/> a dead silo is declared dead within about ten seconds.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Probes a silo may miss in a row before another suspects it. Default 3.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// How long a stopping host of a cluster tries to write each step of its leaving (shutting down, dead) to the
    /// membership table before it stops without; the other silos learn that it left by probing it anyway. Once it stops,
    /// each request to the cluster's storage (grain state, the membership table) is also tried once, for at most this,
    /// not retried (<see cref="GrainStorageRetry"/>). A step can run past it by the try under way and Orleans' pause after a
    /// failed try, which Orleans does not let the host cut (see <see cref="SiloLeaving"/>). Default 5 s.
    /// </summary>
    public TimeSpan LeaveTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsClustered => string.Equals(Clustering, "AzureTable", StringComparison.OrdinalIgnoreCase);

    public bool KeepsGrainStateInBlob => string.Equals(GrainStorage, "AzureBlob", StringComparison.OrdinalIgnoreCase);

    /// <summary>What stops this host from starting as configured, with what to set; null when it may start.</summary>
    public string? Problem(string? recordingProvider)
    {
        if (!IsClustered && !string.Equals(Clustering, "Localhost", StringComparison.OrdinalIgnoreCase))
        {
            return $"Cluster:Clustering is '{Clustering}'; set Localhost (one process) or AzureTable (several)";
        }

        if (SharesStorage && !string.IsNullOrWhiteSpace(StorageConnectionString)
            && StorageConnection.Problem("Cluster:StorageConnectionString", StorageConnectionString) is { } unreadable)
        {
            return unreadable;
        }

        if (!IsClustered)
        {
            // A host of its own talks to no other silo, and only over loopback: a certificate given it was never read, and
            // its operator believed silo traffic was protected. Most often it is a cluster's host whose Clustering was left
            // out.
            return string.IsNullOrWhiteSpace(CertificatePath)
                ? null
                : $"Cluster:CertificatePath is set, but this host is a cluster of its own (Cluster:Clustering is {Clustering}), whose silo talks to no other and only over loopback, "
                    + "so no certificate is used: set Cluster:Clustering=AzureTable for this host to join a cluster whose silos talk TLS with it, or leave Cluster:CertificatePath out";
        }

        return string.IsNullOrWhiteSpace(StorageConnectionString)
            ? "a cluster (Cluster:Clustering=AzureTable) needs Cluster:StorageConnectionString"
            : !KeepsGrainStateInBlob
                ? "a cluster keeps its grain state where every host reaches it: set Cluster:GrainStorage=AzureBlob (memory grain state would be each host's own)"
                : !string.Equals(recordingProvider, "Blob", StringComparison.OrdinalIgnoreCase)
                    ? "a cluster records to Azure Blob Storage: set Recording:Provider=Blob, Recording:ConnectionString and Recording:Container (a disk recording would be each host's own, partial one)"
                    : string.IsNullOrWhiteSpace(CertificatePath) && !AllowPlainSiloTraffic
                        ? "silos of a cluster talk over TLS: set Cluster:CertificatePath (and Cluster:CertificatePassword) to the cluster's certificate, or Cluster:AllowPlainSiloTraffic=true on a network nobody else reaches"
                        : ProbeTimeout <= TimeSpan.Zero || MissedProbesLimit < 1
                            ? "Cluster:ProbeTimeout must be positive and Cluster:MissedProbesLimit at least 1"
                            : LeaveTimeout <= TimeSpan.Zero
                                ? "Cluster:LeaveTimeout must be positive"
                                : null;
    }

    /// <summary>
    /// Whether hosts share Azure storage (AzureTable clustering or AzureBlob grain state): then people, tokens and the
    /// key ring that seals sessions live there too, so every host knows them; otherwise in this host's data folder.
    /// </summary>
    public bool SharesStorage =>
        string.Equals(Clustering, "AzureTable", StringComparison.OrdinalIgnoreCase) || string.Equals(GrainStorage, "AzureBlob", StringComparison.OrdinalIgnoreCase);
}

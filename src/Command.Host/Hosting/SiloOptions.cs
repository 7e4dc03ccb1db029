namespace Command.Host.Hosting;

/// <summary>How this process joins its Orleans cluster (configuration section "Cluster"; the "Orleans" section belongs to Orleans itself).</summary>
public sealed class SiloOptions
{
    public const string Section = "Cluster";

    /// <summary>"Localhost" (one process is the whole cluster; the default) or "AzureTable".</summary>
    public string Clustering { get; set; } = "Localhost";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Cluster id shared by every process of one deployment. Default "command".</summary>
    public string ClusterId { get; set; } = "command";

    /// <summary>"Memory" (the default) or "AzureBlob" for grain state that outlives the cluster.</summary>
    public string GrainStorage { get; set; } = "Memory";

    /// <summary>Azure Storage connection string for AzureTable clustering and AzureBlob grain storage.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>
    /// Whether hosts share Azure storage (AzureTable clustering or AzureBlob grain state): then people, tokens and the
    /// key ring that seals sessions live there too, so every host knows them; otherwise in this host's data folder.
    /// </summary>
    public bool SharesStorage =>
        string.Equals(Clustering, "AzureTable", StringComparison.OrdinalIgnoreCase) || string.Equals(GrainStorage, "AzureBlob", StringComparison.OrdinalIgnoreCase);
}

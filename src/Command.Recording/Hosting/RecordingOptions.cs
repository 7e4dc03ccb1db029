namespace Command.Recording.Hosting;

/// <summary>Where and how sessions are recorded: the <c>Recording</c> configuration section.</summary>
public sealed class RecordingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Recording";

    /// <summary>Disk (the default: nothing else needs to run) or Blob (Azure Blob Storage or Azurite).</summary>
    public RecordingProvider Provider { get; set; } = RecordingProvider.Disk;

    /// <summary>Root folder of sessions for the disk provider; relative paths are under the content root. Default <c>data/sessions</c>.</summary>
    public string Path { get; set; } = "data/sessions";

    /// <summary>Connection string for the blob provider (required when Provider is Blob). No default.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Blob container holding the sessions. Default <c>sessions</c>.</summary>
    public string Container { get; set; } = "sessions";

    /// <summary>Folder of the local spill that keeps accepted events while storage is failing; relative to the content root. Default <c>data/spill</c>.</summary>
    public string SpillPath { get; set; } = "data/spill";

    /// <summary>
    /// Keep events acknowledged while storage fails in the local spill (true, the single-host default). A cluster
    /// turns it off: a host's disk is not the cluster's, so an event is acknowledged only once storage holds it.
    /// </summary>
    public bool SpillEnabled { get; set; } = true;

    /// <summary>Largest group-commit batch, bytes: concurrent appends are joined up to this size. Default 4 MiB.</summary>
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>A segment is closed before it passes this many bytes. Default 256 MiB.</summary>
    public long MaxSegmentBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>A segment is closed after this many appends (an append blob allows 50,000 blocks). Default 40,000.</summary>
    public int MaxSegmentBlocks { get; set; } = 40_000;

    /// <summary>Longest the manifest may lag the segments while events keep arriving. Default 5 s.</summary>
    public TimeSpan ManifestInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Quick retries of a live append before its batch is spilled instead. Default 2.</summary>
    public int AppendRetries { get; set; } = 2;

    /// <summary>First delay of the exponential backoff, doubled per retry. Default 100 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between two attempts to drain the spill. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open after storage keeps failing; live appends spill at once meanwhile. Default 10 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one storage request. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest a live append, which a command's or a report's sender waits on, takes with its retries before its batch is
    /// spilled (one host) or refused as not recorded (a cluster). Default 5 s. The spill's drain, which nobody waits on,
    /// keeps retrying.
    /// </summary>
    public TimeSpan AppendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long shutdown waits for the spill to drain before leaving it for the next start. Default 30 s.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most bytes of recordings one listing of sessions reads for damage before it answers; the rest are listed as still
    /// being checked and read apart from it. Default 64 MiB (<see cref="Reading.SessionCatalogue.ReadAtOnce"/>, about a
    /// second); 0 to 1 GiB, 0 reading every recording apart from the listing.
    /// </summary>
    public long ListReadAtOnce { get; set; } = Reading.SessionCatalogue.ReadAtOnce;
}

/// <summary>Which storage holds the recordings.</summary>
public enum RecordingProvider
{
    /// <summary>Local disk under <see cref="RecordingOptions.Path"/>.</summary>
    Disk,

    /// <summary>Azure Blob Storage append blobs in <see cref="RecordingOptions.Container"/>.</summary>
    Blob,
}

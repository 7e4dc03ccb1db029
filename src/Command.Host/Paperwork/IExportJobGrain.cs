namespace Command.Host.Paperwork;

/// <summary>
/// Where one export job is, keyed by its job id, for any host of the cluster to answer: the host that runs the job
/// tells it as it goes (<see cref="Report"/>), and a tool or page asking any host is answered from here
/// (<see cref="Status"/>). A job whose host left the cluster before it finished is answered as failed, naming that host,
/// rather than as running for ever.
/// </summary>
public interface IExportJobGrain : IGrainWithStringKey
{
    /// <summary>The job's status as <paramref name="runner"/>, the silo running it, now has it.</summary>
    Task Report(ExportStatus status, SiloAddress runner);

    /// <summary>Where the job is; null for a job no host has told of.</summary>
    Task<ExportStatus?> Status();
}

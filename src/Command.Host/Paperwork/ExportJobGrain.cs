using Command.Grains;

namespace Command.Host.Paperwork;

/// <summary>
/// An export job's status, kept where every host finds it. It is saved when the job starts and when it ends, not at each
/// step of its progress: a grain moved to another silo answers the progress last saved until the running host tells the
/// next. A running job's host is looked up in the cluster's membership at each question; once that host is dead, the job
/// can no longer finish, and is answered failed.
/// </summary>
public sealed class ExportJobGrain(
    [PersistentState("export", GrainStorage.Name)] IPersistentState<ExportJobState> state, IClusterMembershipService membership) : Grain, IExportJobGrain
{
    public async Task Report(ExportStatus status, SiloAddress runner)
    {
        var saved = state.State.Status;
        // A report overtaken by a later one (progress told without waiting) does not take the job back.
        if (saved is not null && (saved.State != "running" || (status.State == "running" && status.Progress < saved.Progress)))
        {
            return;
        }

        state.State.Status = status;
        state.State.Runner = runner;
        if (saved is null || status.State != "running")
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ExportStatus?> Status()
    {
        var (status, runner) = (state.State.Status, state.State.Runner);
        if (status is null)
        {
            return Task.FromResult<ExportStatus?>(null);
        }

        return Task.FromResult<ExportStatus?>(status.State == "running" && runner is not null && Departed(runner)
            ? status with { State = "failed", Error = $"the host that ran it ({runner.Endpoint}) left the cluster before it finished; start the export again" }
            : status);
    }

    // Dead in the cluster's membership: a silo it does not list at all was removed after it died long ago.
    private bool Departed(SiloAddress runner) =>
        membership.CurrentSnapshot.Members.TryGetValue(runner, out var member) ? member.Status == SiloStatus.Dead : true;
}

/// <summary>What an export job's grain keeps: the status last told, and the silo that runs the job.</summary>
[GenerateSerializer]
public sealed class ExportJobState
{
    [Id(0)]
    public ExportStatus? Status { get; set; }

    [Id(1)]
    public SiloAddress? Runner { get; set; }
}

using System.Buffers;
using Command.Domain.AfterAction;
using Command.Host.Live;
using Command.Recording.Layout;
using Command.Recording.Storage;
using Command.Reporting.Documents;
using Command.Reporting.Exports;
using Microsoft.AspNetCore.SignalR;

namespace Command.Host.Paperwork;

/// <summary>
/// Long exports as jobs: each reads its session, writes its document to memory (a .docx must be written to a seekable
/// store), then keeps the result in the recording store beside the session (<c>{incident}/exports/{job}</c>), where
/// any host can serve it for download. Progress goes, at most every twentieth of the way, to the browsers of this host
/// watching the job over the hub (<see cref="IncidentHub.WatchExport"/>), and to the job's grain
/// (<see cref="IExportJobGrain"/>), which any host asks for <see cref="FindAsync"/>.
/// </summary>
public sealed partial class ExportJobs(
    SessionPaperwork paperwork, ISessionStore store, IHubContext<IncidentHub> hub, IGrainFactory grains, ILocalSiloDetails silo, TimeProvider clock,
    ILogger<ExportJobs> logger)
{
    /// <summary>The hub message a job's progress goes out as.</summary>
    public const string ProgressMethod = "export";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    public static string Group(string jobId) => $"export:{jobId}";

    /// <summary>Where a job's result is kept.</summary>
    public static string ResultPath(string incidentId, string jobId) => $"{SessionPaths.Require(incidentId)}/exports/{jobId}";

    /// <summary>Where a job is, whichever host runs it; null for an id no host has started a job under.</summary>
    public Task<ExportStatus?> FindAsync(string jobId) =>
        TryParseJobId(jobId, out _, out _) ? grains.GetGrain<IExportJobGrain>(jobId).Status() : Task.FromResult<ExportStatus?>(null);

    /// <summary>
    /// "{kind}-{12 hex digits}", and "-{unit}" after them for one unit's ICS-214 log, the unit as its file is named
    /// (<see cref="FileNamePart"/>: letters and digits of any script, '-', '_' and '.', at most 64 of them for a unit id,
    /// whatever a radio named it): the id carries what the result is called, so any host can serve it under the name it
    /// was exported as, and stays a path segment and a file name.
    /// </summary>
    public static string JobId(PaperworkKind kind, string key, string? subject) =>
        $"{PaperworkExport.Name(kind)}-{key}{(subject is null ? "" : $"-{FileNamePart.Of(subject)}")}";

    /// <summary>
    /// The kind of a job id <see cref="JobId"/> made, and the unit its ICS-214 log is named for (as its file is named;
    /// null for all of them, or the AAR); false for anything else.
    /// </summary>
    public static bool TryParseJobId(string jobId, out PaperworkKind kind, out string? namedFor)
    {
        namedFor = null;
        foreach (var k in Enum.GetValues<PaperworkKind>())
        {
            kind = k;
            var prefix = $"{PaperworkExport.Name(k)}-";
            if (!jobId.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = jobId.AsSpan(prefix.Length);
            if (rest.Length < 12 || rest[..12].ContainsAnyExcept(HexDigits))
            {
                return false;
            }

            if (rest.Length == 12)
            {
                return true;
            }

            namedFor = rest.Length > 13 && rest[12] == '-' ? rest[13..].ToString() : null;
            return namedFor is not null && FileNamePart.Of(namedFor) == namedFor;
        }

        kind = default;
        return false;
    }

    /// <summary>
    /// Starts a job and returns at once with its first status. <paramref name="subject"/> is a log the session has
    /// (<see cref="PaperworkExport.HasLog"/>: the caller refused any other before starting it); <paramref name="report"/>,
    /// where the caller read it to tell, is written from rather than read again.
    /// </summary>
    public async Task<ExportStatus> StartAsync(string incidentId, PaperworkKind kind, string? subject, bool withNotes, string actor, AfterActionReport? report = null)
    {
        var jobId = JobId(kind, Guid.NewGuid().ToString("N")[..12], subject);
        var status = new ExportStatus(jobId, incidentId, PaperworkExport.Name(kind), "running", 0, PaperworkExport.FileName(incidentId, kind, subject), null);
        await grains.GetGrain<IExportJobGrain>(jobId).Report(status, silo.SiloAddress);
        _ = RunAsync(status, kind, subject, withNotes, actor, report);
        return status;
    }

    private async Task RunAsync(ExportStatus status, PaperworkKind kind, string? subject, bool withNotes, string actor, AfterActionReport? read)
    {
        var sent = -1.0;
        void Report(double done)
        {
            if (done - sent >= 0.05)
            {
                sent = done;
                var now = status with { Progress = Math.Round(done, 3) };
                _ = TellAsync(now);
                _ = hub.Clients.Group(Group(status.JobId)).SendAsync(ProgressMethod, now);
            }
        }

        try
        {
            // Reading the recording is most of the work; writing the document the rest.
            var report = read ?? await paperwork.ReportAsync(status.IncidentId, new SyncProgress(p => Report(p * 0.8)), CancellationToken.None);
            var annotations = withNotes ? await paperwork.AnnotationsAsync(status.IncidentId) : [];
            using var document = new MemoryStream();
            await PaperworkExport.WriteAsync(kind, report, annotations, subject, actor, clock.GetUtcNow(), document, new SyncProgress(p => Report(0.8 + (p * 0.15))), CancellationToken.None);
            await store.WriteAsync(ResultPath(status.IncidentId, status.JobId), document.GetBuffer().AsMemory(0, (int)document.Length), CancellationToken.None);
            await FinishAsync(status with { State = "done", Progress = 1 });
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, status.JobId, status.IncidentId);
            await FinishAsync(status with { State = "failed", Error = $"{ex.GetType().Name}: {ex.Message}" });
        }
    }

    // Told to the job's grain before its watchers here: one who hears "done" and asks any host is answered "done" too.
    private async Task FinishAsync(ExportStatus status)
    {
        await TellAsync(status);
        _ = hub.Clients.Group(Group(status.JobId)).SendAsync(ProgressMethod, status);
    }

    // A grain that cannot be told (its silo going down) is told the next step; a job is not failed for it.
    private async Task TellAsync(ExportStatus status)
    {
        try
        {
            await grains.GetGrain<IExportJobGrain>(status.JobId).Report(status, silo.SiloAddress);
        }
        catch (Exception ex)
        {
            LogNotTold(logger, ex, status.JobId, status.State);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {JobId}'s status ({State}) could not be kept for the cluster to answer")]
    private static partial void LogNotTold(ILogger logger, Exception exception, string jobId, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {JobId} of session {IncidentId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string jobId, string incidentId);

    // Progress<T> posts to the thread pool, so reports could arrive out of order; these are told in order, in place.
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}

/// <summary>Where an export job is: running, done (download at <c>GET /api/sessions/{incident}/exports/{job}</c>) or failed.</summary>
/// <param name="JobId">The job.</param>
/// <param name="IncidentId">The session exported.</param>
/// <param name="Kind">aar-docx, aar-html, ics214-zip, ics214-docx or ics214-csv.</param>
/// <param name="State">running, done or failed.</param>
/// <param name="Progress">0 to 1.</param>
/// <param name="FileName">The name the result downloads as.</param>
/// <param name="Error">Why it failed.</param>
[GenerateSerializer, Immutable]
public sealed record ExportStatus(string JobId, string IncidentId, string Kind, string State, double Progress, string FileName, string? Error);

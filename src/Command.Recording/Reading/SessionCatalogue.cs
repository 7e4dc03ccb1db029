using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Command.Domain.Assessment;
using Command.Recording.Replay;
using Command.Recording.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Recording.Reading;

/// <summary>The recorded sessions of a store: list them, read one, or open one for replay.</summary>
/// <param name="store">The sessions' store.</param>
/// <param name="time">The clock replays play on by default.</param>
/// <param name="readAtOnce">Most bytes of recordings one listing reads before it answers (<see cref="ReadAtOnce"/>).</param>
/// <param name="logger">Where a recording that could not be read for damage apart from a listing is said (none: nowhere).</param>
public sealed class SessionCatalogue(ISessionStore store, TimeProvider time, long readAtOnce, ILogger<SessionCatalogue>? logger = null) : IDisposable
{
    /// <summary>
    /// The default of the most bytes of recordings one listing reads for damage before it answers (the host's
    /// <c>Recording:ListReadAtOnce</c>), 64 MiB (about a second): the rest are
    /// listed <see cref="SessionSummary.Checking"/> by their manifests while they are read apart, and a later listing says
    /// what was found. The first listing on a host reads every recording whole: 40 one-hour drills of 40 units (1.5 GiB)
    /// took 21 s to list, the page waiting on it (tools/Command.Benchmarks <c>-- sessions</c>).
    /// </summary>
    public const long ReadAtOnce = 64L * 1024 * 1024;

    private readonly CancellationTokenSource stopping = new();

    public SessionCatalogue(ISessionStore store, TimeProvider time)
        : this(store, time, ReadAtOnce)
    {
    }

    public SessionCatalogue(ISessionStore store, TimeProvider time, ILogger<SessionCatalogue> logger)
        : this(store, time, ReadAtOnce, logger)
    {
    }

    internal SessionChecks Checks { get; } = new(logger ?? (ILogger)NullLogger.Instance, time);

    /// <summary>
    /// Every session with a manifest, with name, time range and event count (counting events past a lagging manifest);
    /// those past what one listing reads at once listed as still being checked.
    /// </summary>
    public async IAsyncEnumerable<SessionSummary> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var budget = new ReadBudget(readAtOnce);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var incidentId in store.ListSessionsAsync(cancellationToken))
        {
            listed.Add(incidentId);
            // One recording that cannot be read (a torn copy, a bad sector) is listed as such: the list answered 500, and the
            // after-action team could open none of the others.
            yield return await SummaryAsync(incidentId, budget, cancellationToken);
        }

        // What was read of a session deleted since is forgotten, or a long-running host kept every one it ever listed.
        Checks.KeepOnly(listed);
    }

    /// <summary>
    /// Whether <paramref name="incidentId"/> is recorded, asked of the store's list alone: finding it among the summaries
    /// read every session listed before it (each line by line, the first time on a host) to open one replay.
    /// </summary>
    public async Task<bool> ExistsAsync(string incidentId, CancellationToken cancellationToken = default) =>
        await store.ListSessionsAsync(cancellationToken).AnyAsync(id => id == incidentId, cancellationToken);

    /// <summary>The one session as the list gives it, or null where it is not recorded; no other session is read.</summary>
    public async Task<SessionSummary?> FindAsync(string incidentId, CancellationToken cancellationToken = default) =>
        await ExistsAsync(incidentId, cancellationToken) ? await SummaryAsync(incidentId, null, cancellationToken) : null;

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    // Read within the budget given, or wholly where none is.
    private async Task<SessionSummary> SummaryAsync(string incidentId, ReadBudget? budget, CancellationToken cancellationToken)
    {
        try
        {
            var (m, damage) = await SessionScan.ScanAsync(store, incidentId, cancellationToken);
            if (m.EventCount == 0)
            {
                return damage is not null
                    ? new SessionSummary(incidentId, "", null, null, 0, 0, damage.Said)
                    : new SessionSummary(m.IncidentId, m.Name, m.FirstTime, m.LastTime, m.EventCount, m.Snapshots.Length);
            }

            // Damage within what the manifest indexes is found only by reading it, as a report would: each listing reads on
            // from where the one before stopped. Its figures are then the recording's up to there, as the report's are.
            var reader = SessionReader.Of(store, m, damage);
            var (checkedRead, failure) = await CheckedAsync(reader, budget, cancellationToken);
            if (failure is not null)
            {
                // Storage that did not answer the check, or a disk that could not be read, fails no listing: the session is
                // listed as its manifest has it, saying why it was not checked, and checked again later.
                return new SessionSummary(m.IncidentId, m.Name, m.FirstTime, m.LastTime, m.EventCount, m.Snapshots.Length, Damaged: damage?.Said, NotChecked: failure.Said);
            }

            if (checkedRead is not { } read)
            {
                return new SessionSummary(m.IncidentId, m.Name, m.FirstTime, m.LastTime, m.EventCount, m.Snapshots.Length, Damaged: damage?.Said, Checking: true);
            }

            return read.Damage is not { } inside
                ? new SessionSummary(m.IncidentId, m.Name, m.FirstTime, m.LastTime, m.EventCount, m.Snapshots.Length, Damaged: damage?.Said)
                : read.Events == 0
                    ? new SessionSummary(incidentId, "", null, null, 0, 0, inside.Said)
                    : new SessionSummary(m.IncidentId, m.Name, m.FirstTime, read.LastTime, read.Events, m.Snapshots.Count(k => k.Sequence <= read.LastSequence), Damaged: inside.Said);
        }
        catch (RecordingUnreadableException ex)
        {
            return new SessionSummary(incidentId, "", null, null, 0, 0, ex.Message);
        }
        catch (Exception ex) when (budget is not null && !cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // Its manifest or its list of segments could not be read (a disk that failed, storage that did not answer): the
            // listing answered 500, and the after-action team could open none of the others. With no figures to list it by,
            // it is listed unreadable, saying why; the next listing reads it again. Read for one session alone, it is the caller's.
            return new SessionSummary(incidentId, "", null, null, 0, 0, Checks.Unlisted(incidentId, ex));
        }
    }

    // The session as read for damage; neither where that is past the listing's budget and goes on apart from it. A check
    // that failed, apart or here, is said as its failure within a listing, and tried again only once its wait is over; read
    // for one session alone (no budget), it is tried at once, and its failure is the caller's.
    private async Task<(SessionChecked? Read, CheckFailure? Failed)> CheckedAsync(SessionReader reader, ReadBudget? budget, CancellationToken cancellationToken)
    {
        var incidentId = reader.Manifest.IncidentId;
        if (Checks.Running(incidentId) is { } running)
        {
            if (!running.IsCompleted && budget is not null)
            {
                return (null, null);
            }

            if (await running.WaitAsync(cancellationToken) is { } done)
            {
                return (done, null);
            }

            if (budget is not null)
            {
                return (null, Checks.Failure(incidentId));
            }
        }
        else if (budget is not null && Checks.Failure(incidentId) is { } failure && time.GetUtcNow() < failure.RetryAt)
        {
            return (null, failure);
        }

        if (budget is not null && !budget.Take(Checks.Unread(reader.Manifest)))
        {
            Checks.CheckApart(reader, stopping.Token);
            return (null, null);
        }

        try
        {
            return (await Checks.CheckAsync(reader, cancellationToken), null);
        }
        catch (Exception ex) when (budget is not null && !cancellationToken.IsCancellationRequested && ex is not (RecordingUnreadableException or OperationCanceledException))
        {
            return (null, Checks.Failed(incidentId, ex));
        }
    }

    public Task<SessionReader> OpenAsync(string incidentId, CancellationToken cancellationToken = default) =>
        SessionReader.OpenAsync(store, incidentId, cancellationToken);

    /// <summary>
    /// Opens a session for replay, paused at <paramref name="at"/> (default: its start), on <paramref name="clock"/>
    /// (default: the catalogue's). Played to the end of a session still being recorded, it plays on into what is
    /// recorded since, unless <paramref name="follow"/> is false (default true) because the caller knows the incident
    /// is closed, or the recording holds the close (a recording no list of incidents knows, one copied from elsewhere
    /// say).
    /// </summary>
    public async Task<ReplaySession> OpenReplayAsync(
        string incidentId, DateTimeOffset? at = null, AssessmentOptions? assessment = null, bool follow = true, TimeProvider? clock = null,
        CancellationToken cancellationToken = default)
    {
        var reader = await OpenAsync(incidentId, cancellationToken);
        var follows = follow && !await reader.RecordsCloseAsync(cancellationToken);
        return await ReplaySession.OpenAsync(
            reader, clock ?? time, assessment, at, follows ? ct => OpenAsync(incidentId, ct) : null, cancellationToken);
    }
}

/// <summary>One recorded session as the catalogue lists it.</summary>
/// <param name="IncidentId">The incident, and the session's folder.</param>
/// <param name="Name">The incident's name.</param>
/// <param name="FirstTime">Earliest event time.</param>
/// <param name="LastTime">Latest event time.</param>
/// <param name="EventCount">Recorded events, derived ones included.</param>
/// <param name="Snapshots">Snapshots a seek can start from.</param>
/// <param name="Unreadable">Why the recording cannot be read, where it cannot (its other figures are then nothing); null otherwise.</param>
/// <param name="Damaged">Where the recording is damaged, within what its manifest indexes or past it, so that it is read (and its figures are) only up to there; null where it is whole.</param>
/// <param name="Checking">True while the recording is still being read for damage within what its manifest indexes (<see cref="SessionCatalogue.ReadAtOnce"/>): its figures are then its manifest's, and a later listing says what was found.</param>
/// <param name="NotChecked">Why the recording could not be read for damage (<see cref="CheckFailure.Said"/>: storage that did not answer, a disk that could not be read), and when it is read again; its figures are then its manifest's. Null where it was read, or is being read.</param>
public sealed record SessionSummary(
    string IncidentId, string Name, DateTimeOffset? FirstTime, DateTimeOffset? LastTime, long EventCount, int Snapshots, string? Unreadable = null, string? Damaged = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Checking = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NotChecked = null);

using System.Runtime.CompilerServices;
using Command.Domain.Assessment;
using Command.Recording.Replay;
using Command.Recording.Storage;

namespace Command.Recording.Reading;

/// <summary>The recorded sessions of a store: list them, read one, or open one for replay.</summary>
public sealed class SessionCatalogue(ISessionStore store, TimeProvider time)
{
    private readonly SessionChecks checks = new();

    /// <summary>Every session with a manifest, with name, time range and event count (counting events past a lagging manifest).</summary>
    public async IAsyncEnumerable<SessionSummary> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var incidentId in store.ListSessionsAsync(cancellationToken))
        {
            // One recording that cannot be read (a torn copy, a bad sector) is listed as such: the list answered 500, and the
            // after-action team could open none of the others.
            yield return await SummaryAsync(incidentId, cancellationToken);
        }
    }

    /// <summary>
    /// Whether <paramref name="incidentId"/> is recorded, asked of the store's list alone: finding it among the summaries
    /// read every session listed before it (each line by line, the first time on a host) to open one replay.
    /// </summary>
    public async Task<bool> ExistsAsync(string incidentId, CancellationToken cancellationToken = default) =>
        await store.ListSessionsAsync(cancellationToken).AnyAsync(id => id == incidentId, cancellationToken);

    /// <summary>The one session as the list gives it, or null where it is not recorded; no other session is read.</summary>
    public async Task<SessionSummary?> FindAsync(string incidentId, CancellationToken cancellationToken = default) =>
        await ExistsAsync(incidentId, cancellationToken) ? await SummaryAsync(incidentId, cancellationToken) : null;

    private async Task<SessionSummary> SummaryAsync(string incidentId, CancellationToken cancellationToken)
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
            var read = await checks.CheckAsync(SessionReader.Of(store, m, damage), cancellationToken);
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
public sealed record SessionSummary(
    string IncidentId, string Name, DateTimeOffset? FirstTime, DateTimeOffset? LastTime, long EventCount, int Snapshots, string? Unreadable = null, string? Damaged = null);

using Command.Domain.Views;
using Command.Grains.Incidents;

namespace Command.Host.Replays;

/// <summary>
/// One replay of a recorded session, keyed by replay id: opened on one host, watched and driven from any (driven by the
/// one who opened it, or one who may drive any replay: <see cref="ReplayCaller"/>), and opened
/// again on another where it had got to when its host goes down. Every control answers the replay's status, or null
/// when no replay of that id is open (never opened, closed, or idle for <see cref="ReplayGrain.IdleLimit"/>); one whose
/// recording could not be read again after its host went down throws <see cref="ReplayUnavailableException"/>.
/// </summary>
public interface IReplayGrain : IFrameSource
{
    /// <summary>
    /// Opens the replay of <paramref name="incidentId"/>'s session, paused at its first instant, for
    /// <paramref name="openedBy"/> to drive; it is listed in <see cref="IReplayRoster"/> until it closes.
    /// </summary>
    Task<ReplayStatus> Open(string incidentId, ReplayCaller openedBy);

    Task<ReplayStatus?> Status();

    // Each control is the driver's (the one who opened it) or that of one who may drive any replay; anyone else's throws
    // ReplayNotYoursException.
    Task<ReplayStatus?> Play(double? speed, ReplayCaller by);

    Task<ReplayStatus?> Pause(ReplayCaller by);

    Task<ReplayStatus?> Step(ReplayCaller by);

    Task<ReplayStatus?> Seek(DateTimeOffset instant, ReplayCaller by);

    /// <summary>
    /// The status once the replay has read its session again, where it follows one still being recorded: its end then
    /// reaches what was recorded since, paused or not. Anyone's, as reading the status is.
    /// </summary>
    Task<ReplayStatus?> LookAgain();

    /// <summary>Closes the replay at once rather than when it goes idle; false when none was open.</summary>
    Task<bool> Close(ReplayCaller by);
}

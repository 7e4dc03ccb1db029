using Command.Domain.Views;
using Command.Grains.Incidents;

namespace Command.Host.Replays;

/// <summary>
/// One replay of a recorded session, keyed by replay id: opened on one host, watched and driven from any, and opened
/// again on another where it had got to when its host goes down. Every control answers the replay's status, or null
/// when no replay of that id is open (never opened, closed, or idle for <see cref="ReplayGrain.IdleLimit"/>); one whose
/// recording could not be read again after its host went down throws <see cref="ReplayUnavailableException"/>.
/// </summary>
public interface IReplayGrain : IFrameSource
{
    /// <summary>
    /// Opens the replay of <paramref name="incidentId"/>'s session, paused at its first instant, for
    /// <paramref name="openedBy"/> (the caller's identity) to drive; it is listed in <see cref="IReplayRoster"/> until it closes.
    /// </summary>
    Task<ReplayStatus> Open(string incidentId, string openedBy);

    Task<ReplayStatus?> Status();

    Task<ReplayStatus?> Play(double? speed);

    Task<ReplayStatus?> Pause();

    Task<ReplayStatus?> Step();

    Task<ReplayStatus?> Seek(DateTimeOffset instant);

    /// <summary>Closes the replay at once rather than when it goes idle; false when none was open.</summary>
    Task<bool> Close();
}

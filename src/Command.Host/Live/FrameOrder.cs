using Command.Domain.Views;
using Command.Grains.Incidents;

namespace Command.Host.Live;

/// <summary>
/// Keeps an incident's frames from taking a unit back in time on this host. Orleans does not promise that frames
/// reach an observer in the order the incident sent them, and two can leave it a millisecond apart; a frame that
/// comes after a newer one goes on with only what no newer frame already brought: units and threats the newer
/// ones did not carry, and its events (each event is in one frame only); its zones' flags only where no newer frame
/// said them (each frame that says them says them all, in the words of its clock: the late one's words are older). A
/// frame whose only news is the zones' flags goes on: their words grow with the clock while its units may be held
/// back for the recording, and the frame that later brings those units says nothing of words already sent. An
/// incident that started again from older persisted state numbers its frames lower but stamps them later: that starts
/// afresh rather than holding it back.
/// A numbered feed (a replay) is held to its numbers: what it sent before its latest full frame goes nowhere, an empty
/// frame (a heartbeat, or its word that it played or paused) sent before one already gone on has nothing to say, and a
/// frame with more in it that comes late goes on without its word of how fast the clock runs, which a newer one gave.
/// </summary>
public sealed class FrameOrder
{
    private readonly Dictionary<string, long> unitsAt = new(StringComparer.Ordinal);
    private readonly Lock sync = new();
    private long threatsAt;
    private (long Sequence, DateTimeOffset Clock)? zoneFlagsAt;
    private long fullGeneration;
    private long latestGeneration;
    private long latestSequence;
    private DateTimeOffset latestClock;

    /// <summary>The frame as it may go to browsers, or null when a newer one already brought all of it.</summary>
    public IncidentFrame? Admit(IncidentFrame frame)
    {
        lock (sync)
        {
            // A numbered feed's frame sent before its latest full frame (a replay's seek) has nothing left to say: merged
            // into the full frame on its way to a browser, a heartbeat from before a seek set the view's clock back to
            // where the replay was before it. A late one says nothing newer of how fast the clock runs.
            if (frame.Generation > 0)
            {
                if (frame.Generation < fullGeneration || (frame.IsHeartbeat && frame.Generation < latestGeneration))
                {
                    return null;
                }

                frame = frame.Generation < latestGeneration ? frame with { ClockRate = null } : frame;
                fullGeneration = frame.Full ? frame.Generation : fullGeneration;
                latestGeneration = Math.Max(latestGeneration, frame.Generation);
            }

            if (frame.IsHeartbeat)
            {
                // Says only that the incident is there (and, from a replay, how fast its clock runs): it always goes on.
                return frame;
            }

            // A full frame replaces the whole picture (a replay sought back in time numbers it lower and stamps it
            // earlier): what came before it holds nothing back.
            if (frame.Full || (frame.Sequence < latestSequence && frame.Clock > latestClock))
            {
                unitsAt.Clear();
                threatsAt = 0;
                zoneFlagsAt = null;
                latestSequence = 0;
                latestClock = default;
            }

            latestSequence = Math.Max(latestSequence, frame.Sequence);
            latestClock = frame.Clock > latestClock ? frame.Clock : latestClock;
            var units = frame.Units.RemoveAll(u => unitsAt.TryGetValue(u.UnitId, out var at) && at > frame.Sequence);
            foreach (var unit in units)
            {
                unitsAt[unit.UnitId] = frame.Sequence;
            }

            var threats = frame.Threats;
            if (!threats.IsEmpty)
            {
                if (threatsAt > frame.Sequence)
                {
                    threats = [];
                }
                else
                {
                    threatsAt = frame.Sequence;
                }
            }

            // Frames of the clock alone share their sequence: of two, the later clock is the newer.
            var zonesLate = false;
            if (frame.ZoneFlags is not null)
            {
                if (zoneFlagsAt is { } at && (at.Sequence > frame.Sequence || (at.Sequence == frame.Sequence && at.Clock > frame.Clock)))
                {
                    zonesLate = true;
                }
                else
                {
                    zoneFlagsAt = (frame.Sequence, frame.Clock);
                }
            }

            // A full frame always goes on, even one with nothing in it (a replay sought back to before anyone was
            // enrolled): that nothing is there is its news, and without it the view kept the picture it had. So does the
            // word that the incident could not record.
            return !frame.Full && units.IsEmpty && threats.IsEmpty && frame.Events.IsEmpty && (frame.ZoneFlags is null || zonesLate) && frame.NotRecording is null ? null
                : units.Length == frame.Units.Length && threats.Length == frame.Threats.Length && !zonesLate ? frame
                : frame with { Units = units, Threats = threats, Suppression = threats.IsEmpty ? null : frame.Suppression, ZoneFlags = zonesLate ? null : frame.ZoneFlags };
        }
    }
}

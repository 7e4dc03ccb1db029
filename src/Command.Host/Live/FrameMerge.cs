using Command.Domain.Views;
using Command.Grains.Incidents;

namespace Command.Host.Live;

/// <summary>
/// Folds two frames of one feed into one: the later unit states and threats win, events accumulate, and the later word
/// of how fast the clock runs. What only a full frame says (the drill's clock, the sources down, the close) stands until a
/// later full frame says it again.
/// </summary>
public static class FrameMerge
{
    /// <summary>Most events one merged frame keeps; a client that fell this far behind gets the newest.</summary>
    public const int MaxEvents = 200;

    public static IncidentFrame Merge(IncidentFrame earlier, IncidentFrame later)
    {
        var units = new Dictionary<string, Domain.Assessment.UnitAssessment>(StringComparer.Ordinal);
        foreach (var unit in earlier.Units)
        {
            units[unit.UnitId] = unit;
        }

        foreach (var unit in later.Units)
        {
            units[unit.UnitId] = unit;
        }

        var events = earlier.Events.AddRange(later.Events);
        return later with
        {
            Full = earlier.Full || later.Full,
            Units = later.Full ? later.Units : [.. units.Values],
            Threats = later.Threats.IsEmpty ? earlier.Threats : later.Threats,
            Suppression = later.Threats.IsEmpty ? earlier.Suppression : later.Suppression,
            DrillClock = later.Full ? later.DrillClock : earlier.DrillClock,
            SourcesDown = later.Full ? later.SourcesDown : earlier.SourcesDown,
            HostsLeft = later.Full ? later.HostsLeft : earlier.HostsLeft,
            Closed = later.Full ? later.Closed : earlier.Closed,
            // Every zone flag again when any changed: the later word stands, else the earlier one.
            ZoneFlags = later.Full ? later.ZoneFlags : later.ZoneFlags ?? earlier.ZoneFlags,
            // A late frame says nothing of how fast the clock runs (FrameOrder): the earlier one's word stands.
            ClockRate = later.ClockRate ?? earlier.ClockRate,
            // The word that the incident could not record stands until a frame past it says it records again.
            NotRecording = later.NotRecording ?? (later.Sequence > earlier.Sequence ? null : earlier.NotRecording),
            Events = later.Full || events.Length <= MaxEvents ? (later.Full ? later.Events : events) : events[^MaxEvents..],
        };
    }
}

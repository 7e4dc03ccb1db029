using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Incidents;

namespace Command.Domain.Views;

/// <summary>
/// What changed in a feed since its last frame, and the frame that shows it: the units whose picture moved, the
/// threats, and the notable events. Live incidents and replays both coalesce through it, so a view gets the same
/// frames from either.
/// </summary>
public sealed class FrameCoalescer
{
    private readonly HashSet<string> dirtyUnits = new(StringComparer.Ordinal);
    private readonly UnitChangeTracker sent = new();
    private readonly List<IncidentEvent> events = [];
    private readonly ZoneFlagsShown zones = new();
    private ImmutableArray<ZoneFlagShown> sentZoneFlags = [];
    private bool allDirty;
    private bool threatsChanged;

    /// <summary>True when something other than the clock changed: the next frame should go as soon as the pace allows.</summary>
    public bool Prompt { get; private set; }

    public bool HasChanges => dirtyUnits.Count > 0 || allDirty || events.Count > 0 || threatsChanged;

    /// <summary>
    /// Notes what a folded run of events changed. What a clock tick brings about (ageing, a hold running past its
    /// grace), its derived flags included, is not prompt.
    /// </summary>
    public void Notice(IEnumerable<IncidentEvent> folded)
    {
        var prompt = true;
        foreach (var e in folded)
        {
            if (!e.IsDerived)
            {
                prompt = e is not ClockTicked;
            }

            Notice(e, prompt);
        }
    }

    /// <summary>Notes that the clock moved on with no event: every unit may have aged.</summary>
    public void NoticeClock() => allDirty = true;

    /// <summary>
    /// The frame of what changed, or null when nothing a view shows did. Units named in <paramref name="holdBack"/>
    /// changed in events not yet recorded: they stay noted for a later frame, because a frame never shows what the
    /// recording does not hold.
    /// </summary>
    public IncidentFrame? Take(string feedId, IncidentProjection projection, long sequence, IReadOnlySet<string>? holdBack = null)
    {
        if (!HasChanges)
        {
            return null;
        }

        var candidates = allDirty ? projection.AssessAll() : projection.Assess(dirtyUnits);
        if (holdBack is { Count: > 0 })
        {
            candidates = candidates.Where(u => !holdBack.Contains(u.UnitId));
        }

        // A zone's flag comes with a recorded event, but its words grow with the clock: they are compared whatever changed.
        var zoneFlags = zones.Now(projection);
        var zonesChanged = !zoneFlags.SequenceEqual(sentZoneFlags);
        sentZoneFlags = zoneFlags;
        var frame = new IncidentFrame(feedId, sequence, projection.Clock, false, [.. sent.Changed(candidates)],
            threatsChanged ? [.. projection.Threats.Values] : [], [.. events], threatsChanged ? projection.Suppression : null)
        {
            ZoneFlags = zonesChanged ? zoneFlags : null,
        };
        dirtyUnits.Clear();
        if (holdBack is { Count: > 0 })
        {
            dirtyUnits.UnionWith(holdBack);
        }

        events.Clear();
        allDirty = false;
        threatsChanged = false;
        Prompt = false;
        return frame.Units.Length > 0 || frame.Threats.Length > 0 || frame.Events.Length > 0 || zonesChanged ? frame : null;
    }

    /// <summary>
    /// The whole picture, marked full: what a newly joined view starts from, with the units proposed to go instead of
    /// each flagged one as its events. Changes nothing here.
    /// </summary>
    public static IncidentFrame Full(string feedId, IncidentProjection projection, long sequence) =>
        new(feedId, sequence, projection.Clock, true, [.. projection.AssessAll()], [.. projection.Threats.Values], [.. projection.Proposals.Values], projection.Suppression)
        {
            DrillClock = projection.DrillClockNotice,
            SourcesDown = projection.SourcesDown.Count == 0 ? null : [.. projection.SourcesDown.Values],
            HostsLeft = projection.HostsLeft.Count == 0 ? null : [.. projection.HostsLeft.Values],
            Closed = projection.Closure,
            ZoneFlags = [.. projection.ZoneFlags()],
        };

    /// <summary>
    /// Starts the feed over from the whole picture (after a seek): forgets what was pending and remembers every
    /// unit as sent in the full frame returned.
    /// </summary>
    public IncidentFrame Restart(string feedId, IncidentProjection projection, long sequence)
    {
        Forget();
        sentZoneFlags = zones.From(projection);
        return new IncidentFrame(feedId, sequence, projection.Clock, true, [.. sent.Changed(projection.AssessAll())], [.. projection.Threats.Values], [.. projection.Proposals.Values], projection.Suppression)
        {
            DrillClock = projection.DrillClockNotice,
            SourcesDown = projection.SourcesDown.Count == 0 ? null : [.. projection.SourcesDown.Values],
            HostsLeft = projection.HostsLeft.Count == 0 ? null : [.. projection.HostsLeft.Values],
            Closed = projection.Closure,
            ZoneFlags = sentZoneFlags,
        };
    }

    /// <summary>Forgets what was sent and what is pending: the next frames carry every unit they touch.</summary>
    public void Forget()
    {
        sent.Reset();
        zones.Forget();
        sentZoneFlags = [];
        dirtyUnits.Clear();
        events.Clear();
        allDirty = false;
        threatsChanged = false;
        Prompt = false;
    }

    private void Notice(IncidentEvent e, bool prompt)
    {
        zones.Notice(e);
        switch (e)
        {
            case PositionAccepted accepted:
                dirtyUnits.Add(accepted.Report.UnitId);
                break;
            case InputRejected { UnitId: { } refused }:
                // The board says when a unit's reports are being refused.
                dirtyUnits.Add(refused);
                break;
            case ClockTicked:
                allDirty = true;
                break;
            case ThreatSet or ThreatPhaseChanged or ThreatMarkerDeleted or ThreatSighted:
                threatsChanged = true;
                allDirty = true;
                events.Add(e);
                break;
            case SourceChanged or HostDeparted or RecordingInterrupted:
                // A source's standing, a host's leaving, or a hole in the record changes no unit's picture: the event alone tells pages.
                events.Add(e);
                break;
            case var notable when NotableEvents.IsNotable(notable):
                allDirty = true;
                events.Add(e);
                break;
            default:
                return;
        }

        Prompt |= prompt;
    }
}

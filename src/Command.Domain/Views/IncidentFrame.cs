using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Threats;

namespace Command.Domain.Views;

/// <summary>
/// What changed in an incident since the last frame: the latest assessment of each unit that changed, the
/// threats, and the notable events (flags, acknowledgements, role and phase changes). A full frame carries
/// every unit and replaces what a view had. The flag suppression travels with the threats: a frame that carries
/// threats says whether flags are suppressed (null: they apply).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncidentFrame(
    string IncidentId,
    long Sequence,
    DateTimeOffset Clock,
    bool Full,
    ImmutableArray<UnitAssessment> Units,
    ImmutableArray<Threat> Threats,
    ImmutableArray<IncidentEvent> Events,
    FlagSuppression? Suppression = null)
{
    /// <summary>
    /// The order its feed sent it in, for a feed that numbers its frames (a replay does: a frame sent before a seek
    /// must not overtake the seek's full frame on its way to a host); 0 for one that does not.
    /// </summary>
    [Id(8)]
    public long Generation { get; init; }

    /// <summary>
    /// In a full frame, whether units are judged on a drill's clock other than the incident's (null: on the incident's);
    /// a later frame says a change of it with the drill-controlled event that made it.
    /// </summary>
    [Id(9)]
    public Incidents.DrillClockNotice? DrillClock { get; init; }

    /// <summary>
    /// In a full frame, the sources of reports feeding the incident that are down (null: none); a later frame says a
    /// change of them with the source-changed event that made it.
    /// </summary>
    [Id(10)]
    public ImmutableArray<Incidents.SourceOutage>? SourcesDown { get; init; }

    /// <summary>
    /// How fast <see cref="Clock"/> runs on after this frame, for a view that moves its clock between frames: a replay's
    /// speed while it plays, 0 while it is paused (null: the incident's own clock, which runs as time does). A replay
    /// says it in every frame, and sends one at once when it is played, paused or its speed changed, so everyone watching
    /// it sees its clock as its driver does.
    /// </summary>
    [Id(11)]
    public double? ClockRate { get; init; }

    /// <summary>
    /// In a full frame, the close of an incident closed by then (when, by whom, why; null: open); a later frame says it
    /// with the incident-closed event itself. A page shows it standing and offers no commands.
    /// </summary>
    [Id(12)]
    public IncidentClosed? Closed { get; init; }

    /// <summary>
    /// The zones' flags up, each in the words of this frame's clock: in a full frame all of them, in a later one all of
    /// them again when any changed, its words included (null: none changed). Their rule broken for longer than when they
    /// went up, a page that kept the words of the flag's event said "for 3 min" an hour on.
    /// </summary>
    [Id(13)]
    public ImmutableArray<ZoneFlagShown>? ZoneFlags { get; init; }

    /// <summary>
    /// The incident could not record and takes nothing until it can (null: it records). Sent alone, as the recording
    /// fails; a page says so over the picture it holds until a frame past this one's sequence says it records again.
    /// </summary>
    [Id(14)]
    public RecordingStopped? NotRecording { get; init; }

    /// <summary>
    /// In a full frame, the hosts that left the cluster and are not known to be back (null: none), each with its leaving;
    /// a later frame says another with the host-departed event. A unit gone quiet whose last fix one of them took in
    /// says so on its row.
    /// </summary>
    [Id(15)]
    public ImmutableArray<HostDeparted>? HostsLeft { get; init; }

    /// <summary>
    /// True for an empty frame: one an incident sends when nothing else went out for a while (see
    /// <see cref="FramePacing.Heartbeat"/>), or a replay's word that its clock now runs at another <see cref="ClockRate"/>.
    /// </summary>
    public bool IsHeartbeat => !Full && Units.IsDefaultOrEmpty && Threats.IsDefaultOrEmpty && Events.IsDefaultOrEmpty && ZoneFlags is null && NotRecording is null;
}

using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Threats;

namespace Command.Domain.Incidents;

/// <summary>
/// An incident's whole folded state after <paramref name="Sequence"/>: what the grain persists and what the
/// recording stores now and then so a replay or a catch-up need not fold from the start.
/// </summary>
/// <param name="Sequence">The last event folded.</param>
/// <param name="Clock">The incident's clock then.</param>
/// <param name="Opened">The event that opened the incident (its schema version with it).</param>
/// <param name="Threats">The threats.</param>
/// <param name="Units">The roster.</param>
/// <param name="Assessment">The assessment's state.</param>
/// <param name="LastInput">When the last input (anything but a tick or a derived event) was folded; absent in snapshots taken before ticks were implicit.</param>
/// <param name="ClosedAt">When the incident was closed, if it was.</param>
/// <param name="Adopted">The rules the incident adopted after it was opened, if it did; absent in snapshots taken before rules carried a version.</param>
/// <param name="Suppression">Flags suppressed by a declaration, if they are; absent in snapshots taken before suppression was shown.</param>
/// <param name="Proposals">The units proposed to go instead of each unit flagged for not closing now; absent when none.</param>
/// <param name="DrillClock">The drill's clock units are judged on, where a drill set its rate; absent otherwise.</param>
/// <param name="DrillClockNotice">While that clock is paused or fast, since when and by whose control; absent otherwise.</param>
/// <param name="SourcesDown">The sources of reports feeding the incident that are down; absent when none is.</param>
/// <param name="HostsDeparted">The runs of hosts recorded as having left the cluster (<see cref="HostDeparted.Key"/>); absent when none has.</param>
/// <param name="Site">The site the incident was given after it was opened (<see cref="SiteSet"/>); absent while it has the one it was opened on.</param>
/// <param name="Round">The round its drills play, once one started over; absent before.</param>
/// <param name="Acknowledged">
/// The acknowledgements keeping flags quiet, by whom, why and when; absent when none does, and in snapshots taken before
/// they were kept (restored from one, a standing acknowledgement is known by its time alone).
/// </param>
/// <param name="Closure">The close, with who closed it and why, once it was closed; absent before, and in snapshots taken before it was kept.</param>
/// <param name="SightingsDeleted">The markers of sightings deleted on a device; absent when none was, and in snapshots taken before they were kept.</param>
/// <param name="Holes">The holes in the record hosts told of (<see cref="RecordingInterrupted.Key"/>); absent when none was, and in snapshots taken before they were kept.</param>
/// <param name="Released">The units let go from the incident and not enrolled here again, with their releases; absent when none was.</param>
/// <param name="HostsLeft">The hosts recorded as having left the cluster and not as restarted since, each with its latest leaving; absent when none has, and in snapshots taken before they were kept.</param>
public sealed record IncidentSnapshot(
    long Sequence,
    DateTimeOffset Clock,
    IncidentOpened Opened,
    ImmutableArray<Threat> Threats,
    ImmutableArray<UnitEntry> Units,
    AssessmentSnapshot Assessment,
    DateTimeOffset? LastInput = null,
    DateTimeOffset? ClosedAt = null,
    RulesAdopted? Adopted = null,
    FlagSuppression? Suppression = null,
    ImmutableArray<SendInsteadProposed>? Proposals = null,
    ImmutableArray<DrillClockSpan>? DrillClock = null,
    DrillClockNotice? DrillClockNotice = null,
    ImmutableArray<SourceOutage>? SourcesDown = null,
    ImmutableArray<string>? HostsDeparted = null,
    Sites.Site? Site = null,
    int? Round = null,
    ImmutableArray<FlagAcknowledged>? Acknowledged = null,
    IncidentClosed? Closure = null,
    ImmutableArray<string>? SightingsDeleted = null,
    ImmutableArray<string>? Holes = null,
    ImmutableArray<UnitReleased>? Released = null,
    ImmutableArray<HostDeparted>? HostsLeft = null);

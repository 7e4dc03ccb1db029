using System.Text.Json.Serialization;

namespace Command.Domain.Events;

/// <summary>
/// One thing that happened in an incident. The ordered stream of these is the recording; live state is a fold
/// of it (<see cref="Incidents.IncidentProjection"/>) and replay is the same fold at a chosen pace.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(IncidentOpened), "incident-opened")]
[JsonDerivedType(typeof(ThreatSet), "threat-set")]
[JsonDerivedType(typeof(ThreatPhaseChanged), "threat-phase-changed")]
[JsonDerivedType(typeof(ThreatMarkerDeleted), "threat-marker-deleted")]
[JsonDerivedType(typeof(ThreatSighted), "threat-sighted")]
[JsonDerivedType(typeof(UnitEnrolled), "unit-enrolled")]
[JsonDerivedType(typeof(UnitRoleChanged), "unit-role-changed")]
[JsonDerivedType(typeof(PositionAccepted), "position-accepted")]
[JsonDerivedType(typeof(InputRejected), "input-rejected")]
[JsonDerivedType(typeof(ClockTicked), "clock-ticked")]
[JsonDerivedType(typeof(FlagRaised), "flag-raised")]
[JsonDerivedType(typeof(FlagEscalated), "flag-escalated")]
[JsonDerivedType(typeof(FlagCleared), "flag-cleared")]
[JsonDerivedType(typeof(FlagAcknowledged), "flag-acknowledged")]
[JsonDerivedType(typeof(DrillControlled), "drill-controlled")]
[JsonDerivedType(typeof(RulesAdopted), "rules-adopted")]
[JsonDerivedType(typeof(SuppressedHoldNoted), "suppressed-hold-noted")]
[JsonDerivedType(typeof(SuppressedHoldEnded), "suppressed-hold-ended")]
[JsonDerivedType(typeof(IncidentClosed), "incident-closed")]
[JsonDerivedType(typeof(ExerciseSet), "exercise-set")]
[JsonDerivedType(typeof(SendInsteadProposed), "send-instead-proposed")]
[JsonDerivedType(typeof(UnitAlarmed), "unit-alarmed")]
[JsonDerivedType(typeof(UnitSignedOff), "unit-signed-off")]
[JsonDerivedType(typeof(UnitReleased), "unit-released")]
[JsonDerivedType(typeof(UnitDeviceRenamed), "unit-device-renamed")]
[JsonDerivedType(typeof(SourceChanged), "source-changed")]
[JsonDerivedType(typeof(HostDeparted), "host-departed")]
[JsonDerivedType(typeof(IncidentResumed), "incident-resumed")]
[JsonDerivedType(typeof(RecordingInterrupted), "recording-interrupted")]
[JsonDerivedType(typeof(SiteSet), "site-set")]
[GenerateSerializer, Immutable]
public abstract record IncidentEvent
{
    /// <summary>Position in the incident's stream, from 1, without gaps.</summary>
    [Id(0)]
    public long Sequence { get; init; }

    /// <summary>
    /// When the incident learnt of it, on the receiving clock (a report's own fix time is inside the report).
    /// Non-decreasing along the stream, so a replay clock can play events in order.
    /// </summary>
    [Id(1)]
    public DateTimeOffset Time { get; init; }

    /// <summary>True for events the assessment derives from others; replay recomputes rather than reads them.</summary>
    [JsonIgnore]
    public virtual bool IsDerived => false;
}

using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Threats;

namespace Command.Domain.Incidents;

/// <summary>An incident's whole folded state after <paramref name="Sequence"/>: a replay keyframe.</summary>
public sealed record ProjectionSnapshot(
    long Sequence,
    DateTimeOffset Clock,
    IncidentOpened Opened,
    ImmutableArray<Threat> Threats,
    ImmutableArray<UnitEntry> Units,
    AssessmentMemory Assessment);

using System.Collections.Immutable;
using Command.Domain.Sites;
using Command.Domain.Threats;

namespace Command.Grains.Incidents;

/// <summary>
/// An incident as dispatch integrations read it: site, zones, threats and their phases, and the round its drills play
/// (1 until a drill starts over).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncidentView(
    string IncidentId,
    string Name,
    Site Site,
    bool AutoEnrol,
    ImmutableArray<Threat> Threats,
    int UnitCount,
    DateTimeOffset OpenedAt,
    DateTimeOffset Clock,
    long LastSequence,
    int Round = 1);

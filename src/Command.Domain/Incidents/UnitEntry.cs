using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Domain.Incidents;

/// <summary>
/// A unit as the incident knows it: who, what role, since when, where it last was, and its latest report refused
/// since then, if one was.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnitEntry(string UnitId, string Callsign, UnitRole Role, DateTimeOffset EnrolledAt, PositionReport? LastFix, RefusedReport? Refused = null);

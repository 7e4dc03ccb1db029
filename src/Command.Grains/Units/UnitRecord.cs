using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Grains.Units;

/// <summary>A unit's durable record: who it is, where it is enrolled (null once released), and its latest fix.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitRecord(string UnitId, string Callsign, UnitRole Role, string? IncidentId, DateTimeOffset EnrolledAt, PositionReport? LatestFix);

using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Grains.Units;

/// <summary>A unit's durable record.</summary>
[GenerateSerializer]
public sealed record UnitRecord(string IncidentId, string UnitId, string Callsign, UnitRole Role, PositionReport? LatestFix);

using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Grains.Units;

/// <summary>
/// A unit's durable record: who it is, where it is enrolled (null once released), and its latest fix; with the incident
/// all of it is of (<paramref name="LastIncidentId"/>, kept once the unit is released: its role and fix there, which are
/// that incident's recording once it is closed). Null in a record kept before it was noted, of a unit released since.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnitRecord(
    string UnitId, string Callsign, UnitRole Role, string? IncidentId, DateTimeOffset EnrolledAt, PositionReport? LatestFix, string? LastIncidentId = null);

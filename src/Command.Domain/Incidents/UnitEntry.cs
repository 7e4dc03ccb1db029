using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Domain.Incidents;

/// <summary>
/// A unit as the incident knows it: who, what role, since when, where it last was, its latest report refused since
/// then, if one was, and the emergency its device raised and has not cancelled, if any.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnitEntry(string UnitId, string Callsign, UnitRole Role, DateTimeOffset EnrolledAt, PositionReport? LastFix, RefusedReport? Refused = null,
    UnitAlarm? Alarm = null);

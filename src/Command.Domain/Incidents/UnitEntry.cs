using Command.Domain.Reports;
using Command.Domain.Units;

namespace Command.Domain.Incidents;

/// <summary>
/// A unit as the incident knows it: who, what role, since when, where it last was, its latest report refused since
/// then, if one was, the emergency its device raised and has not cancelled, if any, its device's sign-off, while it
/// has not reported since, and what its device calls itself, once a report said.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnitEntry(string UnitId, string Callsign, UnitRole Role, DateTimeOffset EnrolledAt, PositionReport? LastFix, RefusedReport? Refused = null,
    UnitAlarm? Alarm = null, UnitSignOff? SignedOff = null, DeviceCallsign? Device = null);

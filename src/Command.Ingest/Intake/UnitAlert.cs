using Command.Domain.Geometry;

namespace Command.Ingest.Intake;

/// <summary>
/// An emergency a unit's own device raised or cancelled (a TAK alert, <c>b-a-o-*</c>): which unit, what it called it
/// ("911 Alert", "Troops In Contact", "Ring The Bell"), whether it was cancelled, and where the device was.
/// </summary>
public sealed record UnitAlert(string UnitId, string Kind, bool Cancelled, GeoPoint? Position);

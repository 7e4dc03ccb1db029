namespace Command.Domain.Units;

/// <summary>
/// An emergency a unit's own device raised and has not cancelled: a TAK "911 Alert", "Troops In Contact" or "Ring The
/// Bell". The board shows it on the unit's row until the device cancels it.
/// </summary>
/// <param name="Kind">The alert as the device named it ("911 Alert").</param>
/// <param name="Since">When it was raised, on the incident's clock.</param>
/// <param name="Actor">Who sent it: the device and the address it came from.</param>
[GenerateSerializer, Immutable]
public sealed record UnitAlarm(string Kind, DateTimeOffset Since, string Actor);

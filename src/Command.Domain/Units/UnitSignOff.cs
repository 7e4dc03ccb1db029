namespace Command.Domain.Units;

/// <summary>
/// A unit's device signed off and has not reported since: the board shows it on the unit's row until its next report.
/// </summary>
/// <param name="At">When it signed off, on the incident's clock.</param>
/// <param name="Actor">Who said so: the device, or the TAK server that passed it on, and the address it came from.</param>
[GenerateSerializer, Immutable]
public sealed record UnitSignOff(DateTimeOffset At, string Actor);

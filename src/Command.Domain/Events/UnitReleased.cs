namespace Command.Domain.Events;

/// <summary>
/// A commander let a unit go from the incident: it was enrolled here by mistake (a late joiner's radio caught by the
/// wrong drill), or is sent to another incident. It leaves the board and is judged no more, its flag clears, its
/// callsign is free, and another incident may enrol it. What it did here stays in the record and the paperwork. Its
/// reports are not taken here again, nor is it enrolled again as it reports, until a commander enrols it here again.
/// </summary>
/// <param name="UnitId">The unit let go.</param>
/// <param name="Reason">Why, as the commander said it.</param>
/// <param name="Actor">Who let it go.</param>
[GenerateSerializer, Immutable]
public sealed record UnitReleased(string UnitId, string Reason, string Actor) : IncidentEvent;

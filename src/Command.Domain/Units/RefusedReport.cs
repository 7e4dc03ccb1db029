namespace Command.Domain.Units;

/// <summary>
/// A unit's latest report that was refused, while no report of it has been accepted since: why a unit reporting
/// all along can still show no fix, or an old one (its phone's clock is minutes off, it states no position, it
/// jumps faster than anyone moves).
/// </summary>
/// <param name="At">When it was refused, on the incident's clock.</param>
/// <param name="Reason">The refusal's code, as the API names it ("future-fix").</param>
/// <param name="Detail">The refusal in a sentence.</param>
/// <param name="Count">How many of the unit's reports in a row were refused.</param>
[GenerateSerializer, Immutable]
public sealed record RefusedReport(DateTimeOffset At, string Reason, string Detail, int Count = 1);

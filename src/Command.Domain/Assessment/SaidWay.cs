namespace Command.Domain.Assessment;

/// <summary>Which way a unit's receiver says it heads: it said no course that gives it, toward the threat, away from it, or neither.</summary>
internal enum SaidWay
{
    None,
    Toward,
    Away,
    Across,
}

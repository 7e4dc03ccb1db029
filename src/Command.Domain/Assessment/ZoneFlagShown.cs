namespace Command.Domain.Assessment;

/// <summary>
/// A zone's flag as the board shows it: its words as of the frame that carries it, its rule broken for as long as it
/// has been by then, not as long as it had been when the flag went up or was escalated.
/// </summary>
/// <param name="Subject">The zone's subject, "zone:{id}".</param>
/// <param name="Level">Watch or alert.</param>
/// <param name="Rule">The rule broken (a hot zone with no contact unit, a casualty collection point with no medical unit).</param>
/// <param name="Reason">One line in plain words and numbers.</param>
/// <param name="RaisedAt">When it went up.</param>
/// <param name="Acknowledged">Whether a commander's acknowledgement keeps it quiet.</param>
[GenerateSerializer, Immutable]
public sealed record ZoneFlagShown(string Subject, FlagLevel Level, string Rule, string Reason, DateTimeOffset RaisedAt, bool Acknowledged);

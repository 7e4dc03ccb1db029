namespace Command.Domain.Incidents;

/// <summary>
/// Units are judged on a drill's clock other than the incident's: paused (<paramref name="Rate"/> 0) or played fast,
/// since when, by whose control, on which scenario. What the board shows standing while it lasts, as it does a
/// suppression of flags: a paused clock raises no hold flag, so it is a decision someone made, and says who.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DrillClockNotice(double Rate, DateTimeOffset Since, string Actor, string Scenario);

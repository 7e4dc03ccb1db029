using Command.Domain.Validation;

namespace Command.Host.Drills;

/// <summary>
/// The incident refused what a drill asked of it; the drill does not start, and says why as the incident did, under the
/// incident's reason or, where the drill names its own (<see cref="IncidentDrillSink.SiteDiffers"/>), under that.
/// </summary>
public sealed class DrillRefusedException(string incidentId, Rejection rejection, string? code = null)
    : InvalidOperationException($"Incident {incidentId} refused the drill: {code ?? rejection.Code}: {rejection.Detail}")
{
    public Rejection Rejection { get; } = rejection;

    /// <summary>The refusal's name, as a drill's start is answered with it.</summary>
    public string Code { get; } = code ?? rejection.Code;
}

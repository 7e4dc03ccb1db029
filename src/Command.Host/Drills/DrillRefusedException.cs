using Command.Domain.Validation;

namespace Command.Host.Drills;

/// <summary>The incident refused what a drill asked of it; the drill does not start, and says why as the incident did.</summary>
public sealed class DrillRefusedException(string incidentId, Rejection rejection)
    : InvalidOperationException($"Incident {incidentId} refused the drill: {rejection}")
{
    public Rejection Rejection { get; } = rejection;
}

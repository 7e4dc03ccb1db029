using System.Collections.Immutable;
using Command.Domain.Threats;

namespace Command.Simulation.Scenarios;

/// <summary>The threat's story: at each step's time it is placed, moved or changes phase.</summary>
/// <param name="Steps">In time order; each carries the threat's whole state from that moment.</param>
public sealed record ThreatScript(ImmutableArray<ThreatStep> Steps)
{
    /// <summary>The threat as it stands at drill time <paramref name="atS"/>, or null before the first step.</summary>
    public Threat? At(double atS)
    {
        Threat? current = null;
        foreach (var step in Steps)
        {
            if (step.AtS > atS)
            {
                break;
            }

            current = step.Threat;
        }

        return current;
    }

    /// <summary>The reason of the step in force at drill time <paramref name="atS"/>, if it gave one.</summary>
    public string? ReasonAt(double atS) => Steps.LastOrDefault(s => s.AtS <= atS)?.Reason;
}

/// <summary>One moment of the threat script.</summary>
/// <param name="AtS">Drill time, seconds.</param>
/// <param name="Threat">The threat's position, uncertainty, phase and floor from then on.</param>
/// <param name="Reason">Why its phase changed, where it did: required to declare it contained or neutralized, which suppresses flags.</param>
public sealed record ThreatStep(double AtS, Threat Threat, string? Reason = null);

using Command.Simulation.Engine;

namespace Command.Host.Drills;

/// <summary>A drill as the API shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record DrillStatusView(string IncidentId, string Scenario, string State, double DrillTimeS, double DurationS, double Speed, bool Loop, int Iteration)
{
    public static DrillStatusView From(string incidentId, DrillStatus s) =>
        new(incidentId, s.Scenario, s.State.ToString().ToLowerInvariant(), s.DrillTime.TotalSeconds, s.Duration.TotalSeconds, s.Speed, s.Loop, s.Iteration);
}

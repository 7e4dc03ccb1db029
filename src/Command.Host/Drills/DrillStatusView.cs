using Command.Simulation.Engine;

namespace Command.Host.Drills;

/// <summary>
/// A drill as the API shows it: <paramref name="Scenario"/> is the name it was started by (a file's in the scenario
/// folder, or "demo"), what a start takes and GET /api/scenarios lists; <paramref name="Title"/> is that scenario's title,
/// which several files may share (null where the drill is known only from what it saved, before its host plays it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DrillStatusView(string IncidentId, string Scenario, string State, double DrillTimeS, double DurationS, double Speed, bool Loop, int Iteration, string? Title = null)
{
    public static DrillStatusView From(string incidentId, DrillStatus s) =>
        new(incidentId, s.Scenario, s.State.ToString().ToLowerInvariant(), s.DrillTime.TotalSeconds, s.Duration.TotalSeconds, s.Speed, s.Loop, s.Iteration, s.Title);
}

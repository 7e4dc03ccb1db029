using Command.Simulation.Engine;

namespace Command.Host.Drills;

/// <summary>
/// A drill as the API shows it: <paramref name="Scenario"/> is the name it was started by (a file's in the scenario
/// folder, or "demo"), what a start takes and GET /api/scenarios lists; <paramref name="Title"/> is that scenario's title,
/// which several files may share (null where the drill is known only from what it saved, before its host plays it).
/// <paramref name="Iteration"/> counts this drill's own loops from 0; <paramref name="Round"/> is the round the incident is
/// in, counting from 1 the rounds played before it by drills started again on the same incident, as the feed says them.
/// <paramref name="DurationS"/> is null, as the title is, where the drill is known only from what it saved.
/// <paramref name="Detail"/> says why a drill that is running or paused is not playing now (it stands until its
/// incident's storage answers, or waits for a host to carry it on); null where it plays, or has ended.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DrillStatusView(
    string IncidentId, string Scenario, string State, double DrillTimeS, double? DurationS, double Speed, bool Loop, int Iteration, string? Title = null, int Round = 1, string? Detail = null)
{
    public static DrillStatusView From(string incidentId, DrillStatus s, int roundsBefore) =>
        new(incidentId, s.Scenario, s.State.ToString().ToLowerInvariant(), s.DrillTime.TotalSeconds, s.Duration.TotalSeconds, s.Speed, s.Loop, s.Iteration, s.Title, roundsBefore + s.Iteration + 1);
}

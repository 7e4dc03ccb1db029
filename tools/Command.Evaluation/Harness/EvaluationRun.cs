using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;

namespace Command.Evaluation.Harness;

/// <summary>A flag event from a run: which unit, what happened, at which second of its incident.</summary>
public sealed record FlagMark(string Subject, string Kind, FlagLevel Level, int Second);

/// <summary>
/// Runs incidents through <see cref="IncidentStream"/>, the loop the incident grain runs: fixes as they come, the
/// clock ticking at every second of incident time.
/// </summary>
public static class EvaluationRun
{
    private static readonly GeoPoint Origin = new(40.0, -75.0);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    /// <param name="incident">The incident to run.</param>
    /// <param name="options">The doctrine; the defaults when null.</param>
    /// <param name="watch">Called after every second with the projection, to trace a run.</param>
    public static ImmutableArray<FlagMark> Run(EvaluationIncident incident, AssessmentOptions? options = null, Action<int, IncidentProjection>? watch = null)
    {
        var stream = new IncidentStream(options);
        var frame = new LocalFrame(Origin);
        var marks = ImmutableArray.CreateBuilder<FlagMark>();
        var recorded = new List<IncidentEvent>();
        var second = 0;
        void Mark()
        {
            foreach (var derived in recorded.Where(e => e.IsDerived))
            {
                marks.Add(derived switch
                {
                    FlagRaised r => new FlagMark(r.Subject, "raised", r.Level, second),
                    FlagEscalated x => new FlagMark(x.Subject, "escalated", x.Level, second),
                    FlagCleared c => new FlagMark(c.Subject, "cleared", FlagLevel.None, second),
                    _ => new FlagMark("", derived.GetType().Name, FlagLevel.None, second),
                });
            }

            recorded.Clear();
        }

        void Feed(IncidentEvent e) => stream.Record(e, Start.AddSeconds(second), recorded);

        Feed(new IncidentOpened($"eval-{incident.Index}", incident.Kind, new Site("evaluation", Origin, [], []), false, "evaluation", IncidentSchema.Current));
        Feed(new ThreatSet(new Threat("T1", Origin, 5, ThreatPhase.Active, incident.ThreatFloor), "evaluation"));
        foreach (var track in incident.Tracks)
        {
            Feed(new UnitEnrolled(track.UnitId, track.UnitId, track.Role, "evaluation"));
        }

        Mark();
        var next = new int[incident.Tracks.Length];
        for (second = 1; second <= incident.DurationS; second++)
        {
            for (var i = 0; i < incident.Tracks.Length; i++)
            {
                var track = incident.Tracks[i];
                while (next[i] < track.Fixes.Length && track.Fixes[next[i]].Second == second)
                {
                    var fix = track.Fixes[next[i]++];
                    Feed(new PositionAccepted(new PositionReport(track.UnitId, ReportSource.Simulator, Start.AddSeconds(second),
                        frame.ToGeo(fix.Point), fix.AltitudeM, fix.AccuracyM)));
                }
            }

            stream.Tick(Start.AddSeconds(second), recorded);
            Mark();
            watch?.Invoke(second, stream.Projection);
        }

        return marks.ToImmutable();
    }
}

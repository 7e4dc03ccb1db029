using System.Collections.Immutable;
using Command.Domain.Assessment;

namespace Command.Evaluation.Harness;

/// <summary>A true hold (or retreat) of a closing unit and when, if ever, it was flagged.</summary>
/// <param name="Incident">Index of the incident in the set.</param>
/// <param name="UnitId">The unit.</param>
/// <param name="StartS">Second the hold began.</param>
/// <param name="LengthS">How long it lasted, seconds.</param>
/// <param name="GraceS">Grace from the true backup's ETA when the hold began (0 when over the cap).</param>
/// <param name="FlaggedS">Second the unit's flag was up, from the hold's start on; null when never.</param>
/// <param name="SeenS">Second of the unit's first fix at or after the hold's start, the first that could show it.</param>
public sealed record HoldOutcome(int Incident, string UnitId, int StartS, int LengthS, double GraceS, int? FlaggedS, int SeenS)
{
    /// <summary>The hold outlasts its grace by more than 60 s: it must be flagged within 60 s after grace ends.</summary>
    public bool MustFlag => LengthS > GraceS + 60;

    /// <summary>
    /// When grace ends for the 60-s requirement: the truth's grace end, but never before the first fix from the
    /// hold. A device that reports every 30 s may send its first fix from a hold 29 s after the hold began;
    /// before that fix nothing the assessment is told differs from a unit still closing, so no judgement could
    /// start the clock earlier. The hold's length, and so whether it must be flagged, stays the truth's.
    /// </summary>
    public double GraceEndS => Math.Max(StartS + GraceS, SeenS);

    public double? LatencyS => FlaggedS is { } f ? f - GraceEndS : null;

    public bool FlaggedInTime => FlaggedS is { } f && f <= GraceEndS + 60;
}

/// <summary>A flag raised on a unit whose truth did not call for it.</summary>
public sealed record FalseFlag(int Incident, string UnitId, int Second, string Truth);

/// <summary>Scores runs of the evaluation set against their ground truth.</summary>
public static class EvaluationScore
{
    /// <summary>Truth seconds looked back over when judging whether a raised flag was false.</summary>
    public const int LookbackS = 30;

    public static EvaluationFigures Score(IEnumerable<(EvaluationIncident Incident, ImmutableArray<FlagMark> Marks)> runs, AssessmentOptions options)
    {
        var holds = new List<HoldOutcome>();
        var falseFlags = new List<FalseFlag>();
        double seconds = 0, closingSeconds = 0;
        var incidents = 0;
        foreach (var (incident, marks) in runs)
        {
            incidents++;
            foreach (var track in incident.Tracks)
            {
                seconds += track.Truth.Length - 1;
                var own = marks.Where(m => m.Subject == track.UnitId).ToList();
                if (!options.ClosingRoles.Contains(track.Role))
                {
                    falseFlags.AddRange(own.Where(m => m.Kind != "cleared").Select(m => new FalseFlag(incident.Index, track.UnitId, m.Second, $"exempt:{track.Role}")));
                    continue;
                }

                closingSeconds += track.Truth.Skip(1).Count(t => t.Label == TruthLabel.Closing);
                holds.AddRange(Holds(incident, track, own, options));
                foreach (var mark in own.Where(m => m.Kind == "raised" || (m.Kind == "escalated" && m.Level == FlagLevel.Alert)))
                {
                    var recent = track.Truth.Skip(Math.Max(0, mark.Second - LookbackS)).Take(Math.Min(mark.Second, LookbackS) + 1).Select(t => t.Label).ToList();
                    var truth = recent.All(l => l == TruthLabel.Closing) ? "closing"
                        : recent.All(l => l is TruthLabel.Closing or TruthLabel.Tactical) ? "tactical"
                        : recent.All(l => l == TruthLabel.Arrived) ? "arrived"
                        : recent.Contains(TruthLabel.Climbing) && mark.Level == FlagLevel.Alert ? "climbing-alert"
                        : null;
                    if (truth is not null && (mark.Kind == "raised" || truth == "climbing-alert"))
                    {
                        falseFlags.Add(new FalseFlag(incident.Index, track.UnitId, mark.Second, truth));
                    }
                }
            }
        }

        return new EvaluationFigures(incidents, seconds / 3600, closingSeconds / 3600, [.. holds], [.. falseFlags]);
    }

    private static IEnumerable<HoldOutcome> Holds(EvaluationIncident incident, LabelledTrack track, List<FlagMark> marks, AssessmentOptions options)
    {
        var truth = track.Truth;
        for (var s = 1; s < truth.Length; s++)
        {
            if (truth[s].Label is not (TruthLabel.Holding or TruthLabel.Opening) || truth[s - 1].Label is TruthLabel.Holding or TruthLabel.Opening)
            {
                continue;
            }

            var end = s;
            while (end < truth.Length && truth[end].Label is TruthLabel.Holding or TruthLabel.Opening)
            {
                end++;
            }

            var start = s;
            var up = marks.LastOrDefault(m => m.Second <= start && m.Kind != "escalated") is { Kind: "raised" };
            int? flagged = up ? start : marks.FirstOrDefault(m => m.Kind == "raised" && m.Second >= start)?.Second;
            var seen = track.Fixes.FirstOrDefault(f => f.Second >= start)?.Second ?? end;
            yield return new HoldOutcome(incident.Index, track.UnitId, start, end - start, Grace(incident, track, start, options), flagged, seen);
        }
    }

    // The backup's true ETA to come level with the unit, as the assessment defines it, from ground truth.
    private static double Grace(EvaluationIncident incident, LabelledTrack unit, int second, AssessmentOptions options)
    {
        var mine = unit.Truth[second].Position.Length;
        var best = double.PositiveInfinity;
        foreach (var other in incident.Tracks.Where(t => t.UnitId != unit.UnitId && options.ClosingRoles.Contains(t.Role)))
        {
            var t = other.Truth[second];
            var speed = t.Label is TruthLabel.Closing or TruthLabel.Tactical ? t.SpeedMps : 0;
            best = Math.Min(best, Math.Max(0, t.Position.Length - mine) / Math.Max(speed, options.AssumedApproachSpeedMps));
        }

        return best <= options.GraceCap.TotalSeconds ? best : 0;
    }
}

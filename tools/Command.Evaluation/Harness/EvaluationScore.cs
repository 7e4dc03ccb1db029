using System.Collections.Immutable;
using Command.Domain.Assessment;

namespace Command.Evaluation.Harness;

/// <summary>A true hold (or retreat, or fall back) of a closing unit, and how it was flagged.</summary>
/// <param name="Incident">Index of the incident in the set.</param>
/// <param name="UnitId">The unit.</param>
/// <param name="StartS">Second the hold began.</param>
/// <param name="LengthS">How long it lasted, seconds.</param>
/// <param name="GraceS">Grace from the true backup's ETA when the hold began (0 when over the cap).</param>
/// <param name="FlaggedS">Second the unit's flag was up, from the hold's start on; null when never.</param>
/// <param name="SeenS">Second of the unit's first fix at or after the hold's start, the first that could show it.</param>
/// <param name="DeadlineS">By when it must be flagged (<see cref="EvaluationScore.Deadline"/>).</param>
/// <param name="Raises">Flags raised on the unit while the hold lasted.</param>
/// <param name="Clears">Flags cleared on the unit while the hold lasted: each one a flap.</param>
/// <param name="ShownArrived">The unit was shown arrived at some second from the hold's start to its deadline.</param>
/// <param name="Showable">Its fixes by the deadline could show it to an ideal observer (<see cref="FixEvidence.HoldShowable"/>).</param>
/// <param name="Turns">
/// In a hold in which the unit only held, the times its flag's state turned from holding to moving away while the flag
/// was up: each turn brings back a flag a commander acknowledged while it showed holding.
/// </param>
/// <param name="Device">The unit's device profile.</param>
public sealed record HoldOutcome(int Incident, string UnitId, int StartS, int LengthS, double GraceS, int? FlaggedS, int SeenS,
    int DeadlineS, int Raises, int Clears, bool ShownArrived, bool Showable = true, int Turns = 0, string Device = "")
{
    /// <summary>The hold outlasts its grace by more than 60 s: it must be flagged by its deadline.</summary>
    public bool MustFlag => LengthS > GraceS + 60;

    /// <summary>
    /// When grace ends for the deadline: the truth's grace end, but never before the first fix from the hold. A
    /// device that reports every 30 s may send its first fix from a hold 29 s after the hold began; before that fix
    /// nothing the assessment is told differs from a unit still closing, so no judgement could start the clock
    /// earlier. The hold's length, and so whether it must be flagged, stays the truth's.
    /// </summary>
    public double GraceEndS => Math.Max(StartS + GraceS, SeenS);

    public double? LatencyS => FlaggedS is { } f ? f - GraceEndS : null;

    public bool FlaggedInTime => FlaggedS is { } f && f <= DeadlineS;

    /// <summary>The flag came down, or went up again, while the unit still held.</summary>
    public bool Flapped => Raises > 1 || Clears > 0;
}

/// <summary>A flagged hold after which the unit closed again at 1 m/s or faster, and when its flag cleared.</summary>
/// <param name="Incident">Index of the incident in the set.</param>
/// <param name="UnitId">The unit.</param>
/// <param name="ResumedS">Second the unit began closing again.</param>
/// <param name="DeadlineS">By when the flag must clear: 30 s or three fixes after it resumed, whichever is later.</param>
/// <param name="ClearedS">Second the flag cleared; null when it had not by the end of the closing.</param>
/// <param name="Showable">Its fixes by the deadline could show the progress to an ideal observer (<see cref="FixEvidence.ProgressShowable"/>).</param>
/// <param name="Device">The unit's device profile.</param>
public sealed record ClearOutcome(int Incident, string UnitId, int ResumedS, int DeadlineS, int? ClearedS, bool Showable = true, string Device = "")
{
    public bool InTime => ClearedS is { } c && c <= DeadlineS;

    public int? LatencyS => ClearedS - ResumedS;
}

/// <summary>A flag raised on a unit whose truth did not call for it.</summary>
public sealed record FalseFlag(int Incident, string UnitId, int Second, string Truth, string Device = "");

/// <summary>Scores runs of the evaluation set against their ground truth.</summary>
public static class EvaluationScore
{
    /// <summary>Truth seconds looked back over when judging whether a raised flag was false.</summary>
    public const int LookbackS = 30;

    /// <summary>Devices reporting no slower than this, with no more noise than <see cref="FastNoiseM"/>, must be flagged within 60 s.</summary>
    public const int FastCadenceS = 15;

    /// <summary>See <see cref="FastCadenceS"/>.</summary>
    public const double FastNoiseM = 12;

    public static EvaluationFigures Score(IEnumerable<(EvaluationIncident Incident, RunMarks Marks)> runs, AssessmentOptions options)
    {
        var holds = new List<HoldOutcome>();
        var clears = new List<ClearOutcome>();
        var falseFlags = new List<FalseFlag>();
        double seconds = 0, closingSeconds = 0;
        var incidents = 0;
        var heldBack = default(HeldBackTally);
        foreach (var (incident, marks) in runs)
        {
            incidents++;
            heldBack += marks.HeldBack;
            foreach (var track in incident.Tracks)
            {
                seconds += track.Truth.Length - 1;
                var own = marks.Flags.Where(m => m.Subject == track.UnitId).ToList();
                if (!options.ClosingRoles.Contains(track.Role))
                {
                    falseFlags.AddRange(own.Where(m => m.Kind != "cleared").Select(m => new FalseFlag(incident.Index, track.UnitId, m.Second, $"exempt:{track.Role}", track.Profile)));
                    continue;
                }

                closingSeconds += track.Truth.Skip(1).Count(t => t.Label == TruthLabel.Closing);
                var found = Holds(incident, track, own, marks, options).ToList();
                holds.AddRange(found);
                clears.AddRange(found.Select(h => Clear(incident, track, h, own)).OfType<ClearOutcome>());
                foreach (var mark in own.Where(m => m.Kind == "raised" || (m.Kind == "escalated" && m.Level == FlagLevel.Alert)))
                {
                    var recent = track.Truth.Skip(Math.Max(0, mark.Second - LookbackS)).Take(Math.Min(mark.Second, LookbackS) + 1).ToList();
                    var labels = recent.Select(t => t.Label).ToList();
                    var truth = labels.All(l => l == TruthLabel.Closing) ? "closing"
                        : labels.All(l => l is TruthLabel.Closing or TruthLabel.Tactical) ? "tactical"
                        : labels.All(l => l == TruthLabel.Arrived) ? recent.All(t => t.Indoors) ? "contact-indoors" : "arrived"
                        : labels.Contains(TruthLabel.Climbing) && mark.Level == FlagLevel.Alert ? "climbing-alert"
                        : null;
                    if (truth is not null && (mark.Kind == "raised" || truth == "climbing-alert"))
                    {
                        falseFlags.Add(new FalseFlag(incident.Index, track.UnitId, mark.Second, truth, track.Profile));
                    }
                }
            }
        }

        return new EvaluationFigures(incidents, seconds / 3600, closingSeconds / 3600, [.. holds], [.. falseFlags], [.. clears], heldBack);
    }

    /// <summary>
    /// By when a hold must be flagged: 60 s after grace ends for devices reporting every 15 s or faster with noise up
    /// to 12 m; for slower or noisier ones, by the fourth fix from then if that is later.
    /// </summary>
    public static int Deadline(LabelledTrack track, double graceEndS, bool indoors)
    {
        var deadline = (int)Math.Ceiling(graceEndS) + 60;
        var noise = indoors ? track.IndoorNoiseM : track.NoiseM;
        if (track.CadenceS <= FastCadenceS && noise <= FastNoiseM)
        {
            return deadline;
        }

        var fourth = track.Fixes.Where(f => f.Second >= graceEndS).Skip(3).FirstOrDefault()?.Second;
        return Math.Max(deadline, fourth ?? deadline);
    }

    private static IEnumerable<HoldOutcome> Holds(EvaluationIncident incident, LabelledTrack track, List<FlagMark> marks, RunMarks run, AssessmentOptions options)
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
            var grace = Grace(incident, track, start, options);
            var graceEnd = Math.Max(start + grace, seen);
            var deadline = Deadline(track, graceEnd, track.IndoorsBetween(start, end));
            var raises = marks.Count(m => m.Kind == "raised" && m.Second >= start && m.Second < end);
            var cleared = marks.Count(m => m.Kind == "cleared" && m.Second > start && m.Second < end);
            var arrived = false;
            for (var second = start; second <= Math.Min(deadline, end - 1) && !arrived; second++)
            {
                arrived = run.StateAt(track.UnitId, second) == MotionState.Arrived;
            }

            var steady = Enumerable.Range(start, end - start).All(t => truth[t].Label == truth[start].Label);
            var turns = steady && truth[start].Label == TruthLabel.Holding ? Turns(run, track.UnitId, marks, start, end) : 0;
            var outcome = new HoldOutcome(incident.Index, track.UnitId, start, end - start, grace, flagged, seen, deadline, raises, cleared, arrived, Turns: turns, Device: track.Profile);
            var fellBack = truth[start - 1].Label == TruthLabel.Arrived;
            yield return outcome with { Showable = FixEvidence.HoldShowable(track, outcome, fellBack, options.ContactRadiusM) };
        }
    }

    // Turns of the unit's shown state from holding to moving away, from the second after start to end, while its flag
    // was up.
    private static int Turns(RunMarks run, string unitId, List<FlagMark> marks, int start, int end)
    {
        var turns = 0;
        var was = run.StateAt(unitId, start);
        foreach (var mark in run.States.Where(m => m.UnitId == unitId && m.Second > start && m.Second < end))
        {
            var up = marks.LastOrDefault(m => m.Second <= mark.Second && m.Kind != "escalated") is { Kind: "raised" };
            if (up && was == MotionState.Holding && mark.State == MotionState.Opening)
            {
                turns++;
            }

            was = mark.State;
        }

        return turns;
    }

    // A hold whose flag was up when it ended, followed by closing at 1 m/s or more (or arriving) for at least the
    // time the flag has to clear: when did it clear?
    private static ClearOutcome? Clear(EvaluationIncident incident, LabelledTrack track, HoldOutcome hold, List<FlagMark> marks)
    {
        var end = hold.StartS + hold.LengthS;
        var last = marks.LastOrDefault(m => m.Second < end);
        if (last is null || last.Kind == "cleared" || end >= track.Truth.Length || track.Truth[end].Label != TruthLabel.Closing)
        {
            return null;
        }

        var third = track.Fixes.Where(f => f.Second >= end).Skip(2).FirstOrDefault()?.Second ?? int.MaxValue;
        var deadline = Math.Max(end + 30, third);
        for (var s = end; s <= deadline; s++)
        {
            if (s >= track.Truth.Length || track.Truth[s].Label is not (TruthLabel.Closing or TruthLabel.Arrived))
            {
                return null;
            }
        }

        var cleared = marks.FirstOrDefault(m => m.Kind == "cleared" && m.Second >= end)?.Second;
        var outcome = new ClearOutcome(incident.Index, track.UnitId, end, deadline, cleared, Device: track.Profile);
        return outcome with { Showable = FixEvidence.ProgressShowable(track, outcome) };
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

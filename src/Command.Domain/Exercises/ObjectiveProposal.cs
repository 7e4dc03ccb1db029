using System.Collections.Immutable;
using Command.Domain.AfterAction;

namespace Command.Domain.Exercises;

/// <summary>
/// The rating the report proposes for an objective, from the recording's figures: each measure falls in a band, and
/// the objective takes the worst of them. It reads the flags as recorded; it does not judge again.
/// </summary>
/// <param name="ObjectiveId">The objective.</param>
/// <param name="Rating">
/// The worst of the measures' ratings; null when there is nothing to propose it from yet: an objective recorded before
/// every objective had to have a measure, with none, is the evaluator's to rate, and one with a measure not yet
/// measured while the incident is still open waits for it (unless another is already U, which the worst stays).
/// </param>
/// <param name="Evidence">Each measure with what was measured and the band it fell in.</param>
public sealed record ObjectiveProposal(string ObjectiveId, ExerciseRating? Rating, ImmutableArray<MeasureEvidence> Evidence)
{
    /// <summary>Proposes a rating for each of the exercise's objectives.</summary>
    public static ImmutableArray<ObjectiveProposal> ForAll(AfterActionReport report) =>
        report.Exercise is { } exercise ? [.. exercise.Objectives.Select(o => For(o, report))] : [];

    public static ObjectiveProposal For(ExerciseObjective objective, AfterActionReport report)
    {
        var evidence = objective.Measures.Select(m => Measure(m, report)).ToImmutableArray();
        ExerciseRating? rating = evidence.IsEmpty ? null
            : evidence.Any(e => e.Rating == ExerciseRating.Unable) ? ExerciseRating.Unable
            : evidence.Any(e => e.Rating is null) ? null
            : evidence.Max(e => e.Rating);
        return new ObjectiveProposal(objective.ObjectiveId, rating, evidence);
    }

    private static MeasureEvidence Measure(ObjectiveMeasure measure, AfterActionReport report)
    {
        var i = report.Incident;
        var from = i.ThreatActiveAt ?? i.OpenedAt;
        var open = i.ClosedAt is null;
        var (valueS, unitId) = measure.Measure switch
        {
            ExerciseMeasures.FirstOnScene => Since(report, i.FirstOnScene?.Time, from, i.FirstOnScene?.UnitId),
            ExerciseMeasures.FirstEntry => Since(report, i.FirstEntry?.Time, from, i.FirstEntry?.UnitId),
            ExerciseMeasures.FirstContact => Since(report, i.FirstContact?.Time, from, i.FirstContact?.UnitId),
            ExerciseMeasures.Contained => Since(report, i.ContainedAt, from, null),
            ExerciseMeasures.Neutralized => Since(report, i.NeutralizedAt, from, null),
            ExerciseMeasures.LongestHold => LongestHold(report),
            _ => (null, null),
        };

        var what = ExerciseMeasures.Describe(measure.Measure);
        var bands = $"bands: P ≤ {Clock(measure.PerformedS)}, S ≤ {Clock(measure.SomeChallengesS)}, M ≤ {Clock(measure.MajorChallengesS)}";
        if (valueS is { } measured)
        {
            // Rated on the whole seconds the evidence prints, as a stopwatch reads: 320.0003 s is 5:20, within M ≤ 5:20.
            var whole = (double)Durations.WholeSeconds(measured);
            var rating = Band(measure, whole);
            if (LostBefore(report, measure.Measure) is var (lost, earliest) && from is { } since)
            {
                // Set by its first fix back after its host left the cluster, the first was reached at or before it, as early
                // as the last fix before of the units that came back with it: rated only where every figure between falls in
                // one band, not on the second the radios came back.
                var least = (double)Durations.WholeSeconds(Math.Max(0, report.Elapsed(since, earliest).TotalSeconds));
                var could = Band(measure, least);
                var said = $"{what}: {Clock(whole)} at most, by {report.Named(lost.UnitId)} {lost.AtOrBefore}; {bands}: ";
                return could == rating
                    ? new MeasureEvidence(measure.Measure, whole, unitId, rating, $"{said}{ExerciseRatings.Letter(rating)}")
                    : new MeasureEvidence(measure.Measure, whole, unitId, null,
                        $"{said}between {Clock(least)} ({ExerciseRatings.Letter(could)}) and {Clock(whole)} ({ExerciseRatings.Letter(rating)}), so not rated on it: an evaluator rates it");
            }

            // A hold may still grow while the incident is open; an instant, once reached, is what it is.
            var soFar = open && measure.Measure == ExerciseMeasures.LongestHold ? " so far" : "";
            return new MeasureEvidence(measure.Measure, whole, unitId, rating,
                $"{what}: {Clock(whole)}{(unitId is null ? "" : $" by {report.Named(unitId)}")}{soFar}; {bands}: {ExerciseRatings.Letter(rating)}");
        }

        // Not reached. In a closed incident it never was; in one still open it may yet be, unless the recording so far
        // already runs past every band.
        if (!open)
        {
            return new MeasureEvidence(measure.Measure, null, null, ExerciseRating.Unable, $"{what}: not reached in the recording; {bands}: U");
        }

        var recorded = from is { } f && i.EndedAt is { } ended ? Durations.WholeSeconds(report.Elapsed(f, ended).TotalSeconds) : (long?)null;

        return recorded is { } sofar && sofar > measure.MajorChallengesS
            ? new MeasureEvidence(measure.Measure, null, null, ExerciseRating.Unable, $"{what}: not reached in the {Clock(sofar)} recorded so far, past every band; {bands}: U")
            : new MeasureEvidence(measure.Measure, null, null, null,
                $"{what}: not yet measured: {(recorded is { } r ? $"not reached in the {Clock(r)} recorded so far, " : "")}with the incident still open; {bands}");
    }

    /// <summary>
    /// Where the incident's first of <paramref name="measure"/> (on scene, entry, contact) was set by its unit's first fix
    /// back after its host left the cluster: its fixes lost, and the earliest it can have been reached, the last fix before
    /// of it and of every other unit whose same first came back with its fixes (any of them may have been first). Null
    /// otherwise.
    /// </summary>
    public static (FixesLost Lost, DateTimeOffset Earliest)? LostBefore(AfterActionReport report, string measure)
    {
        var i = report.Incident;
        Func<UnitMetrics, DateTimeOffset?>? of = measure switch
        {
            ExerciseMeasures.FirstOnScene => u => u.FirstOnSite,
            ExerciseMeasures.FirstEntry => u => u.FirstEntry,
            ExerciseMeasures.FirstContact => u => u.ReachedContact,
            _ => null,
        };
        var moment = measure switch
        {
            ExerciseMeasures.FirstOnScene => i.FirstOnScene,
            ExerciseMeasures.FirstEntry => i.FirstEntry,
            ExerciseMeasures.FirstContact => i.FirstContact,
            _ => null,
        };
        if (of is null || moment is null || report.LostUntil(moment.UnitId, moment.Time) is not { } lost)
        {
            return null;
        }

        var first = report.Rounds.FirstOrDefault(1);
        var earliest = report.Units.Where(u => u.Round == first && of(u) is { } t && report.LostUntil(u.UnitId, t) is not null)
            .Select(u => report.LostUntil(u.UnitId, of(u)!.Value)!.LastHeard)
            .Append(lost.LastHeard)
            .Min();
        return (lost, earliest);
    }

    private static ExerciseRating Band(ObjectiveMeasure measure, double wholeS) => wholeS switch
    {
        var v when v <= measure.PerformedS => ExerciseRating.Performed,
        var v when v <= measure.SomeChallengesS => ExerciseRating.SomeChallenges,
        var v when v <= measure.MajorChallengesS => ExerciseRating.MajorChallenges,
        _ => ExerciseRating.Unable,
    };

    private static (double?, string?) Since(AfterActionReport report, DateTimeOffset? at, DateTimeOffset? from, string? unitId) =>
        at is { } t && from is { } f ? (Math.Max(0, report.Elapsed(f, t).TotalSeconds), unitId) : (null, null);

    // No flag at all is a hold of zero: the measure is met. Of the first round alone, as every other measure is (the
    // incident's firsts are its): a drill started over is rated on its first run, as the documents say.
    private static (double?, string?) LongestHold(AfterActionReport report)
    {
        var first = report.Rounds.FirstOrDefault(1);
        var longest = report.Units.Where(u => u.Round == first && u.FlagsRaised > 0).MaxBy(u => u.LongestFlaggedHold);
        return longest is null ? (0, null) : (longest.LongestFlaggedHold.TotalSeconds, longest.UnitId);
    }

    /// <summary>"4:05": minutes and seconds, as every document prints times (<see cref="Durations"/>).</summary>
    public static string Clock(double seconds) => Durations.Clock(seconds);
}

/// <summary>One measure's evidence: the figure, the unit it came from, the band it fell in, and a line saying so.</summary>
/// <param name="Measure">Which figure (<see cref="ExerciseMeasures"/>).</param>
/// <param name="ValueS">The figure in whole seconds, as the evidence prints it and as it was rated (<see cref="Durations.WholeSeconds"/>); null when not reached.</param>
/// <param name="UnitId">The unit it came from, where one did.</param>
/// <param name="Rating">The band it fell in; null while it is not yet measured (not reached in an incident still open, with time left in its bands).</param>
/// <param name="Text">The line the documents print.</param>
public sealed record MeasureEvidence(string Measure, double? ValueS, string? UnitId, ExerciseRating? Rating, string Text);

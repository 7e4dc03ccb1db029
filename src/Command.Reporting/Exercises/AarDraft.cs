using System.Collections.Immutable;
using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Domain.Exercises;

namespace Command.Reporting.Exercises;

/// <summary>
/// The After-Action Report / Improvement Plan draft of one recorded session, as the Word and HTML documents print it:
/// overview, key moments, each objective with its evidence, proposed and confirmed rating and the evaluators' notes,
/// the remaining notes, and the improvement plan. Built from the recording's report (flags read as recorded, never
/// judged again) and the session's annotations.
/// </summary>
/// <param name="Report">The session's after-action report (its plots are drawn from it).</param>
/// <param name="Objectives">Each exercise objective's analysis.</param>
/// <param name="KeyMoments">The timeline of key moments.</param>
/// <param name="OtherNotes">Notes tied to no objective, in incident time.</param>
/// <param name="Plan">The improvement plan's rows.</param>
public sealed record AarDraft(
    AfterActionReport Report,
    ImmutableArray<ObjectiveAnalysis> Objectives,
    ImmutableArray<KeyMoment> KeyMoments,
    ImmutableArray<StandingNote> OtherNotes,
    ImmutableArray<ImprovementItem> Plan)
{
    /// <summary>
    /// Most key moments listed. 60. The incident's own (opened, threat active, first on scene, inside and in contact,
    /// contained, neutralized, a host that left the cluster, a unit not heard again to the end, recording ends or, in one still open, how far it was recorded) always are; the flags fill the rest, and those past it are counted in one
    /// line (every one is in the after-action report's flags, CSV and JSON).
    /// </summary>
    public const int MaxKeyMoments = 60;

    /// <summary>
    /// When the draft was made, where the maker knows it: a draft of an incident still open says so at its top, with
    /// this time (<see cref="AfterActionWords.StillOpen"/>). A closed incident's draft does not print it, and so is the
    /// same every time it is made.
    /// </summary>
    public DateTimeOffset? MadeAt { get; init; }

    /// <summary>
    /// The draft of <paramref name="report"/> with <paramref name="annotations"/> (the session's stream as kept: each note
    /// is read as it now stands, its last amendment's text, mark, unit and objective, and a withdrawn one is left out),
    /// made at <paramref name="madeAt"/>.
    /// </summary>
    public static AarDraft Build(AfterActionReport report, IReadOnlyList<Annotation> annotations, DateTimeOffset? madeAt = null)
    {
        var notes = NoteBook.Standing(annotations).OrderBy(n => n.Current.About).ThenBy(n => n.Number).ToList();
        var decided = annotations.OfType<RatingDecided>().GroupBy(r => r.ObjectiveId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Number)!);
        var objectives = report.Exercise?.Objectives ?? [];
        var known = objectives.Select(o => o.ObjectiveId).ToHashSet(StringComparer.Ordinal);
        var analyses = objectives.Select(o => new ObjectiveAnalysis(
            o,
            ObjectiveProposal.For(o, report),
            decided.GetValueOrDefault(o.ObjectiveId),
            [.. notes.Where(n => n.Current.ObjectiveId == o.ObjectiveId && n.Current.Mark == NoteMark.Strength)],
            [.. notes.Where(n => n.Current.ObjectiveId == o.ObjectiveId && n.Current.Mark == NoteMark.AreaForImprovement)],
            [.. notes.Where(n => n.Current.ObjectiveId == o.ObjectiveId && n.Current.Mark == NoteMark.Observation)])).ToImmutableArray();
        var other = notes.Where(n => n.Current.ObjectiveId is null || !known.Contains(n.Current.ObjectiveId)).ToImmutableArray();
        return new AarDraft(report, analyses, KeyMomentsOf(report), other, PlanOf(analyses, other, report, new SiteClock(report.Incident.TimeZone))) { MadeAt = madeAt };
    }

    // The incident's own moments are always listed; the flags fill what is left of MaxKeyMoments in time order, and
    // those left out are counted where they start, so a long drill's draft still says when the threat was contained.
    private static ImmutableArray<KeyMoment> KeyMomentsOf(AfterActionReport report)
    {
        var i = report.Incident;
        var moments = new List<KeyMoment>();
        void Add(DateTimeOffset? at, string what)
        {
            if (at is { } t)
            {
                moments.Add(new KeyMoment(t, what));
            }
        }

        string Named(UnitMoment? moment) => moment is null ? "" : report.Named(moment.UnitId);
        // A first set by a unit's first fix back after its host left the cluster happened at or before it, while its fixes
        // were lost: said so, with any other unit whose same first came back with it and may have come before.
        string Lost(UnitMoment? moment, int round, Func<UnitMetrics, DateTimeOffset?> of)
        {
            if (moment is null || report.LostUntil(moment.UnitId, moment.Time) is not { } lost)
            {
                return "";
            }

            var others = report.Units
                .Where(u => u.Round == round && u.UnitId != moment.UnitId && of(u) is { } t && report.LostUntil(u.UnitId, t) is { } theirs && theirs.LastHeard < moment.Time)
                .Select(u => report.Named(u.UnitId)).ToList();
            var maybe = others.Count > 0 ? $"; {string.Join(", ", others)} may have been first, unheard then too" : "";
            return $", {lost.AtOrBefore}{maybe}";
        }

        Add(i.OpenedAt, "Incident opened");
        var phases = report.Timeline.Where(m => m.Kind == "threat-phase").ToList();
        if (!phases.Any(p => p.Time == i.ThreatActiveAt))
        {
            Add(i.ThreatActiveAt, "Threat active");
        }

        var first = report.Rounds.FirstOrDefault(1);
        Add(i.FirstOnScene?.Time, $"First unit on scene: {Named(i.FirstOnScene)}{Lost(i.FirstOnScene, first, u => u.FirstOnSite)}");
        Add(i.FirstEntry?.Time, $"First unit inside: {Named(i.FirstEntry)}{Lost(i.FirstEntry, first, u => u.FirstEntry)}");
        Add(i.FirstContact?.Time, $"First contact with the threat: {Named(i.FirstContact)}{Lost(i.FirstContact, first, u => u.ReachedContact)}");
        var rounds = report.Timeline.Where(m => m.Kind == "drill-started-over").Select(m => m.Time).Order().ToList();
        // A host that left the cluster is said where it left: units that reported through it went quiet together, and a
        // first contact or a hold measured across that silence is read against it.
        foreach (var mark in report.Timeline.Where(m => m.Kind is "drill-started-over" or "incident-closed" or "marker-deleted" or "marker-sighted" or "threat-moved" or "host-left" or "recording-interrupted" or "unit-released" or "incident-resumed"))
        {
            // The firsts above (on scene, inside, contact, contained) and the objectives are the first round's: said where
            // the second begins, or a reader takes them for the whole session's.
            var firstsOfRoundOne = mark.Kind == "drill-started-over" && mark.Time == rounds[0] ? "; the first-unit times above and the objectives are round 1's" : "";
            Add(mark.Time, mark.Kind == "incident-closed" ? $"Incident closed: {mark.Text}" : $"{char.ToUpperInvariant(mark.Text[0])}{mark.Text[1..]}{firstsOfRoundOne}");
        }

        // A unit not heard again to the end of the record, where it was last heard and in its ICS-214 log's words ("ECHO 5
        // (OSM-5) last heard 43 m from the threat: not heard again in the 23:06 to the end of the record"): its figures
        // alone read like a faultless unit's. One whose fixes its host took with it is named in that host's leaving, with
        // the others it took: a moment for each of twenty units on a host that died would crowd the flags out.
        // Those silent from after the threat was neutralized switched off with the drill over: said once, together.
        foreach (var u in report.Units)
        {
            if (u.Silent is { Host: null, Neutralized: null } silent)
            {
                Add(silent.LastHeard, $"{report.Named(u.UnitId)} {char.ToLowerInvariant(silent.Said[0])}{silent.Said[1..]}");
            }
        }

        var stoodDown = report.Units.Where(u => u.Silent is { Host: null, Neutralized: not null }).OrderBy(u => u.Silent!.LastHeard).ToList();
        if (stoodDown.Count > 0)
        {
            var (earliest, clock) = (stoodDown[0].Silent!, new SiteClock(report.Incident.TimeZone));
            Add(earliest.LastHeard, $"{(stoodDown.Count == 1 ? "1 unit" : $"{stoodDown.Count} units")} not heard again after the threat was neutralized at {clock.LocalTime(earliest.Neutralized!.Value)}, from {clock.LocalTime(earliest.LastHeard)}: "
                + string.Join(", ", stoodDown.Select(u => report.Named(u.UnitId))));
        }

        // Every declaration of a threat's phase, with why and by whom: a containment taken back ("shots heard again") is as
        // much a key moment as the one that stood. A drill that started over played its threat again: each later round's
        // phases are said as its.
        foreach (var phase in phases)
        {
            var round = 1 + rounds.Count(r => r <= phase.Time);
            Add(phase.Time, round > 1 ? $"Round {round}: threat {phase.Text}" : $"Threat {phase.Text}");
        }

        // And its firsts: each round's are its own.
        foreach (var r in i.Rounds?.Skip(1) ?? [])
        {
            Add(r.FirstOnScene?.Time, $"Round {r.Round}: first unit on scene: {Named(r.FirstOnScene)}{Lost(r.FirstOnScene, r.Round, u => u.FirstOnSite)}");
            Add(r.FirstEntry?.Time, $"Round {r.Round}: first unit inside: {Named(r.FirstEntry)}{Lost(r.FirstEntry, r.Round, u => u.FirstEntry)}");
            Add(r.FirstContact?.Time, $"Round {r.Round}: first contact with the threat: {Named(r.FirstContact)}{Lost(r.FirstContact, r.Round, u => u.ReachedContact)}");
        }

        var flags = report.Timeline
            .Where(m => m.Kind is "flag-raised" or "flag-escalated" or "flag-acknowledged" or "sent-instead" or "alarm-raised" or "alarm-cancelled")
            .OrderBy(m => m.Time)
            .Select(mark =>
            {
                var named = report.Named(mark.Subject);
                return new KeyMoment(mark.Time, mark.Kind switch
                {
                    "flag-raised" => $"Flag raised on {named}: {AfterActionWords.ReasonAfter(named, mark.Text)}",
                    "flag-escalated" => $"Flag on {named} escalated: {AfterActionWords.ReasonAfter(named, mark.Text)}",
                    "flag-acknowledged" => $"Flag on {named} acknowledged ({mark.Text})",
                    "alarm-raised" or "alarm-cancelled" => $"{named}: {mark.Text}",
                    _ => mark.Text,
                });
            })
            .ToList();
        var room = Math.Max(0, MaxKeyMoments - moments.Count - (i.EndedAt is null ? 0 : 1));
        if (flags.Count > room)
        {
            var kept = Math.Max(0, room - 1);
            var left = flags.Count - kept;
            flags = [.. flags.Take(kept), new KeyMoment(flags[kept].Time, $"{left} more flag {(left == 1 ? "change" : "changes")} from here on, not listed here: the after-action report's flags (CSV and JSON) hold every one")];
        }

        // Stable: at one instant the incident's moments come before the flags, and the recording's end after them.
        moments.AddRange(flags);
        Add(i.EndedAt, i.ClosedAt is null ? "Recorded up to here: the incident was still open" : "Recording ends");
        return [.. moments.OrderBy(m => m.Time)];
    }

    // Every area for improvement is a row; so is an objective rated below "some challenges" that no note speaks to,
    // with why: its evidence, or (an objective with no measure, rated by an evaluator) who rated it and their reason.
    // A rating to revisit (given before the proposal moved, differing from it, no reason) whose proposal now is below
    // "some challenges" is a row too: the recording says there is something to improve, and no one said otherwise why.
    private static ImmutableArray<ImprovementItem> PlanOf(ImmutableArray<ObjectiveAnalysis> analyses, ImmutableArray<StandingNote> other, AfterActionReport report, SiteClock clock)
    {
        var rows = new List<ImprovementItem>();
        foreach (var a in analyses)
        {
            rows.AddRange(a.AreasForImprovement.Select(n => new ImprovementItem(a.Objective.Title, n.Current.Text)));
            if (a.AreasForImprovement.IsEmpty && a.Rating is { } rating and (ExerciseRating.MajorChallenges or ExerciseRating.Unable))
            {
                var why = a.Proposal.Evidence.IsEmpty && a.Decision is { } d
                    ? $" by {d.Author}{(d.Reason is { } reason ? $": {reason}" : ", with no measure set and no reason given")}"
                    : $": {string.Join("; ", a.Proposal.Evidence.Select(e => e.Text))}";
                rows.Add(new ImprovementItem(a.Objective.Title, $"Rated {ExerciseRatings.Words(rating).ToLowerInvariant()}{why}"));
            }
            else if (a.AreasForImprovement.IsEmpty && a.Proposal.Rating is { } proposed and (ExerciseRating.MajorChallenges or ExerciseRating.Unable)
                && a.Judged?.Revisit(clock) is { } revisit)
            {
                rows.Add(new ImprovementItem(a.Objective.Title, $"Proposed {ExerciseRatings.Words(proposed).ToLowerInvariant()}: {string.Join("; ", a.Proposal.Evidence.Select(e => e.Text))}; {revisit}"));
            }
        }

        rows.AddRange(other.Select(n => n.Current).Where(n => n.Mark == NoteMark.AreaForImprovement).Select(n => new ImprovementItem(n.UnitId is { } u ? $"Unit {report.Named(u)}" : "General", n.Text)));
        return [.. rows];
    }
}

/// <summary>One objective: its evidence and proposed rating, the evaluator's decision, and the notes written against it.</summary>
public sealed record ObjectiveAnalysis(
    ExerciseObjective Objective,
    ObjectiveProposal Proposal,
    RatingDecided? Decision,
    ImmutableArray<StandingNote> Strengths,
    ImmutableArray<StandingNote> AreasForImprovement,
    ImmutableArray<StandingNote> Observations)
{
    /// <summary>The evaluator's rating when one was given, otherwise the proposed one; null while neither is.</summary>
    public ExerciseRating? Rating => Decision?.Rating ?? Proposal.Rating;

    public bool Confirmed => Decision is not null;

    /// <summary>The decision read against the proposal the draft shows; null before any.</summary>
    public DecisionAgainstProposal? Judged => Decision is { } d ? new DecisionAgainstProposal(d, Proposal) : null;
}

/// <summary>A moment of the timeline worth a line in the report.</summary>
public sealed record KeyMoment(DateTimeOffset Time, string What);

/// <summary>
/// An improvement-plan row. The issue comes from the evaluation; recommendation, owner and due date are left blank
/// for the team to fill.
/// </summary>
public sealed record ImprovementItem(string Objective, string Issue);

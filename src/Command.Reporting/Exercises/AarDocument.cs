using System.Globalization;
using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Domain.Exercises;
using Command.Domain.Units;
using Command.Recording.AfterAction;
using Command.Reporting.Documents;

namespace Command.Reporting.Exercises;

/// <summary>
/// The AAR/IP draft's sections, in HSEEP's order: exercise overview, key moments, analysis of each objective, other
/// observations, plots, improvement plan. Written once as blocks; Word and HTML print the same content.
/// </summary>
public static class AarDocument
{
    /// <summary>The section headings, in order, as the documents print them.</summary>
    public static readonly IReadOnlyList<string> Sections =
        ["Exercise overview", "Participating units", "Timeline of key moments", "Analysis of objectives", "Other observations", "Plots", "Improvement plan"];

    /// <summary>Plots beyond this many units would make the document heavy; the longest flagged are drawn. 12.</summary>
    public const int MaxPlottedUnits = 12;

    public static string Title(AarDraft draft) => $"After-Action Report / Improvement Plan (draft): {draft.Report.Incident.Name}";

    // As every duration the report gives, on the drill's clock where a drill set it, with the incident's beside it: at 10x
    // the drill's 20 minutes read "1:10" above "durations are the drill's time".
    private static string Duration(Domain.AfterAction.AfterActionReport report, DateTimeOffset from, DateTimeOffset to) =>
        report.DrillClockSpans is { Length: > 0 } && report.Elapsed(from, to) is var drill && drill != to - from
            ? $"{SvgCharts.Clock(drill)} on the drill's clock ({SvgCharts.Clock(to - from)} of the incident's)"
            : SvgCharts.Clock(to - from);

    public static IEnumerable<Block> Blocks(AarDraft draft)
    {
        var report = draft.Report;
        var i = report.Incident;
        var clock = new SiteClock(i.TimeZone);
        if (AfterActionWords.StillOpen(i, draft.MadeAt) is { } open)
        {
            yield return new Para(open, AfterActionWords.DraftLabel);
        }

        if (AfterActionWords.Damaged(i) is { } damaged)
        {
            yield return new Para(damaged, AfterActionWords.DamagedLabel);
        }

        yield return new Heading(1, Sections[0]);
        yield return new Para(i.Name, "Exercise name");
        yield return new Para(i.OpenedAt is { } opened ? clock.DateTime(opened) : "", "Date");
        yield return new Para(i.Site, "Site");
        yield return new Para(i.TimeZone ?? "UTC", "Time zone");
        yield return new Para(i.OpenedAt is { } from && i.EndedAt is { } to ? $"{Duration(report, from, to)}{(i.ClosedAt is null ? " so far, still open" : "")}" : "", "Duration");
        if (i.DrillClock is { } played)
        {
            yield return new Para(played, "Drill clock");
        }

        yield return new Para(i.Scenario is { } s ? $"{s}{(i.ScenarioVersion is { } v ? $" (version {v})" : "")}" : "live drill (no scenario file)", "Scenario");
        // A drill started over: flags counted in the round they were raised in, each round said.
        var laterRounds = i.Rounds is { } eachRound ? string.Concat(eachRound.Skip(1).Select(r => Inv($"; round {r.Round}: {Raised(r.FlagsRaised, r.FlagsRaisedOnZones)}, {r.FlagsAcknowledged} acknowledged"))) : "";
        yield return new Para(Inv($"{Count(report.EachUnit.Count(), "unit")}; {Raised(i.FlagsRaised, i.FlagsRaisedOnZones)}, {i.FlagsAcknowledged} acknowledged{(i.Rounds is null ? "" : " in round 1")}{laterRounds}"), "Participation");
        yield return new Para("This draft is generated from the session's recording. Ratings marked proposed await an evaluator's confirmation; the improvement plan's recommendation, owner and due date are left for the team to fill.", "Note");

        yield return new Heading(1, Sections[1]);
        // A drill started over has a row for each round a unit played, labelled by it: a time to contact of one round
        // beside a hold of another reads as one officer's one run.
        // Durations here and the plots' axis have different zeros: each is said, or a writer adds one to the other's times.
        if (i.ThreatActiveAt is { } active)
        {
            yield return new Para($"Time to contact runs from the threat going active at {clock.LocalTime(active)}, or from a unit's enrolment where that came later.");
        }

        string[] columns = ["Unit", "Callsign", "Role", "Name", "Agency", "ICS position", "Time to contact", "Out of contact after first contact", "Longest flagged hold", "Flags", "Reports"];
        if (report.Rounds.Count > 1)
        {
            yield return new Para("The drill started over: each unit has a row for each round it played, its figures that round's alone.");
            yield return Table.Of(["Round", .. columns], report.Units.Select(u => (string[])[u.Round.ToString(CultureInfo.InvariantCulture), .. UnitRow(report, u, clock)]));
        }
        else
        {
            yield return Table.Of(columns, report.Units.Select(u => UnitRow(report, u, clock)));
        }

        yield return new Heading(1, Sections[2]);
        yield return Table.Of(
            clock.HasLocal ? ["Local time", "UTC", "What happened"] : ["UTC", "What happened"],
            draft.KeyMoments.Select(m => clock.HasLocal ? new[] { clock.LocalTime(m.Time), SiteClock.UtcTime(m.Time), m.What } : [SiteClock.UtcTime(m.Time), m.What]));

        yield return new Heading(1, Sections[3]);
        if (draft.Objectives.IsEmpty)
        {
            yield return new Para("No exercise objectives were set for this incident.");
        }

        foreach (var a in draft.Objectives)
        {
            yield return new Heading(2, $"{a.Objective.ObjectiveId}: {a.Objective.Title}");
            if (a.Proposal.Evidence.IsEmpty)
            {
                yield return new Para("none: this objective was set without a measure, so nothing in the recording rates it", "Measures");
            }
            else
            {
                yield return Table.Of(["Measure", "Evidence", "Band"], a.Proposal.Evidence.Select(e => new[]
                {
                    ExerciseMeasures.Describe(e.Measure), e.Text, e.Rating is { } band ? ExerciseRatings.Letter(band) : e.ValueS is null ? "not yet measured" : "not rated: its fixes were lost",
                }));
            }

            yield return new Para(
                a.Proposal.Rating is { } proposed ? Rated(proposed)
                : a.Proposal.Evidence.IsEmpty ? "none: an evaluator rates it"
                : a.Proposal.Evidence.Any(e => e.Rating is null && e.ValueS is not null) ? "none: a measure was reached while its unit went unheard, so an evaluator rates it"
                : "not yet: a measure is not yet measured while the incident is still open",
                "Proposed rating");
            yield return new Para(a.Judged is { } judged ? Decided(judged, clock) : "not yet confirmed by an evaluator", "Confirmed rating");
            foreach (var block in Notes("Strengths", a.Strengths, report, clock))
            {
                yield return block;
            }

            foreach (var block in Notes("Areas for improvement", a.AreasForImprovement, report, clock))
            {
                yield return block;
            }

            foreach (var block in Notes("Observations", a.Observations, report, clock))
            {
                yield return block;
            }
        }

        yield return new Heading(1, Sections[4]);
        if (draft.OtherNotes.IsEmpty)
        {
            yield return new Para("No other evaluator notes.");
        }
        else
        {
            yield return NoteTable(draft.OtherNotes, report, clock);
        }

        yield return new Heading(1, Sections[5]);
        var start = i.OpenedAt ?? report.Distances.FirstOrDefault()?.Time ?? default;
        var finish = i.EndedAt ?? start;
        // On a drill played faster or slower, or paused, the plots run on the drill's clock, as the tables' durations do: at
        // 4x, a unit the table has reaching the threat at 4:00 stood there at 1:00 on a plot of the incident's.
        var drillTime = report.DrillClockSpans is { Length: > 0 } && report.Elapsed(start, finish) != finish - start;
        yield return new Para($"The plots' time runs from {(i.OpenedAt is null ? "the first report" : "the incident's opening")} at {clock.LocalTime(start)} (0:00)"
            + (drillTime ? ", on the drill's clock, as the durations above." : "."));
        yield return new Plot("Timeline: diamond threat phase (hollow: its marker deleted on a device; dashed: a new hostile marker sighted while it was contained), star a unit's own alert from its device (filled raised, hollow cancelled), triangle flag raised or escalated, circle acknowledged, square cleared; a dashed rule where the drill started over.", SvgCharts.Timeline(report.Timeline, start, finish, report.Named, report.Elapsed, clock));
        var byUnit = report.Distances.GroupBy(d => d.UnitId).ToDictionary(g => g.Key, g => g.ToList());
        var flags = report.Flags.ToLookup(f => f.Subject);
        // One plot a unit, over every round it played.
        foreach (var u in report.EachUnit.Where(u => byUnit.ContainsKey(u.UnitId)).OrderByDescending(report.FlaggedThroughout).ThenBy(report.ClosestThroughout).Take(MaxPlottedUnits))
        {
            yield return new Plot($"Distance to the threat: {u.Callsign} ({u.UnitId}, {AfterActionWords.Roles(report.RolesThroughout(u), clock)}); shaded bands are flags, grey where it went unheard.", SvgCharts.Distance(report.Named(u.UnitId), byUnit[u.UnitId], flags[u.UnitId], start, finish, report.Timeline, report.Elapsed,
                report.FixesLost?.Where(l => l.UnitId == u.UnitId)));
        }

        yield return new Heading(1, Sections[6]);
        yield return Table.Of(
            ["Objective", "Issue / area for improvement", "Recommendation", "Owner", "Due date"],
            draft.Plan.Select(p => new[] { p.Objective, p.Issue, "", "", "" }));
    }

    public static async Task WriteHtmlAsync(AarDraft draft, Stream stream, CancellationToken cancellationToken) =>
        await HtmlWriter.WriteAsync(Title(draft), Blocks(draft), stream, cancellationToken);

    /// <summary>Writes the .docx to a seekable stream.</summary>
    public static void WriteDocx(AarDraft draft, Stream seekable) => DocxWriter.Write(Title(draft), Blocks(draft), seekable);

    private static IEnumerable<Block> Notes(string heading, IReadOnlyList<StandingNote> notes, Domain.AfterAction.AfterActionReport report, SiteClock clock)
    {
        if (notes.Count > 0)
        {
            yield return new Para(heading, "Evaluator notes");
            yield return NoteTable(notes, report, clock);
        }
    }

    // The evaluator column names who amended a note beside its author: the words printed are the amender's. Its unit by
    // its callsign, as the reader knows it.
    private static Table NoteTable(IEnumerable<StandingNote> notes, Domain.AfterAction.AfterActionReport report, SiteClock clock) => Table.Of(
        ["About (incident time)", "Unit", "Mark", "Note", "Evaluator"],
        notes.Select(n => new[] { clock.Both(n.Current.About), n.Current.UnitId is { } unit ? report.Named(unit) : "", MarkName(n.Current.Mark), n.Current.Text, NoteWords.By(n, clock) }));

    public static string MarkName(NoteMark mark) => mark switch
    {
        NoteMark.Strength => "strength",
        NoteMark.AreaForImprovement => "area for improvement",
        _ => "observation",
    };

    // Its roles where they changed, and each judgement figure with the role it was earned in.
    private static string[] UnitRow(Domain.AfterAction.AfterActionReport report, UnitMetrics u, SiteClock clock)
    {
        var held = report.RolesOf(u);
        return
        [
            u.UnitId, u.Callsign, AfterActionWords.Roles(held, clock), u.Person?.Name ?? "", u.Person?.Agency ?? "", u.Person?.IcsPosition ?? "",
            held.FirstOrDefault(r => r.TimeToContact is not null) is { TimeToContact: { } t } contact ? Earned(held, ToContact(report, u, t), contact.Role) : NotReached(report, u, held),
            // A unit that reached the threat and fell back reads, by its time to contact alone, as one that stayed there.
            u.OutOfContact is { } outOfContact ? SvgCharts.Clock(outOfContact) : "",
            held.MaxBy(r => r.LongestFlaggedHold) is { } longest && longest.LongestFlaggedHold > TimeSpan.Zero ? Earned(held, SvgCharts.Clock(longest.LongestFlaggedHold), longest.Role) : "",
            Flags(held, u.FlagsRaised), AfterActionWords.Reports(u, clock),
        ];
    }

    // A unit whose role was to close that never reached the threat: said so, and how near it came, where a blank cell read
    // as a figure left out ("not reached, closest 57 m"; beside roles in turn of which some did not close, in which it
    // did not: "not reached as contact, ..."). While the incident is open it has not yet. Blank for a unit that never
    // held a closing role.
    private static string NotReached(Domain.AfterAction.AfterActionReport report, UnitMetrics u, IReadOnlyCollection<RoleHeld> held)
    {
        var closing = held.Where(r => report.Closes(r.Role)).Select(r => r.Role).ToList();
        return closing.Count == 0 ? ""
            : (report.Incident.ClosedAt is null ? "not yet" : "not reached")
            + (closing.Count < held.Count ? $" as {string.Join(", ", closing.Distinct().Select(UnitRoles.Name))}" : "")
            + (u.ClosestApproachM is { } closest ? Inv($", closest {Math.Round(closest):F0} m") : "");
    }

    // Reached at its first fix back after its host left the cluster, or after it went unheard, it reached the threat at
    // or before then: the figure is the most it can have been, not what it was.
    private static string ToContact(Domain.AfterAction.AfterActionReport report, UnitMetrics u, TimeSpan t) =>
        u.ReachedContact is { } at && report.LostUntil(u.UnitId, at) is { } lost
            ? $"≤ {SvgCharts.Clock(t)} ({lost.Why})"
            : SvgCharts.Clock(t);

    // A unit that held more than one role earned each judgement figure in one of them, said beside it ("4:00 as
    // contact"): beside "contact, perimeter from 09:04:10" a bare figure reads as the last role's.
    private static string Earned(IReadOnlyList<RoleHeld> held, string figure, UnitRole role) =>
        held.Count > 1 ? $"{figure} as {UnitRoles.Name(role)}" : figure;

    /// <summary>"1", or for a unit that held more than one role, "1 as contact", "3: 2 as contact, 1 as perimeter".</summary>
    private static string Flags(IReadOnlyList<RoleHeld> held, int total)
    {
        var byRole = held.GroupBy(r => r.Role).Select(g => (Role: g.Key, Count: g.Sum(r => r.FlagsRaised))).Where(g => g.Count > 0).ToList();
        if (held.Count == 1 || byRole.Count == 0)
        {
            return total.ToString(CultureInfo.InvariantCulture);
        }

        var each = string.Join(", ", byRole.Select(g => Inv($"{g.Count} as {UnitRoles.Name(g.Role)}")));
        return byRole.Count == 1 ? each : Inv($"{total}: {each}");
    }

    // Judged against the proposal printed above it, not the one of its moment: a rating given before the measure was
    // reached that now differs from the proposal, with no reason, says so rather than read as confirmed.
    private static string Decided(DecisionAgainstProposal judged, SiteClock clock)
    {
        var d = judged.Decision;
        if (judged.Revisit(clock) is { } revisit)
        {
            return $"{Rated(d.Rating)}; to revisit: {revisit}";
        }

        var now = judged.Proposal.Rating;
        var verb = now is null ? "rated" : d.Rating == now ? "confirmed" : "changed";
        var then = judged.Then is { } t ? $", {t}" : "";
        var why = d.Reason is { } r ? $": {r}" : judged.Unexplained ? ", with no reason given" : "";
        return $"{Rated(d.Rating)} ({verb} by {d.Author} at {clock.Both(d.Written)}{then}{why})";
    }

    /// <summary>"M: Performed with major challenges".</summary>
    private static string Rated(ExerciseRating rating) => $"{ExerciseRatings.Letter(rating)}: {ExerciseRatings.Words(rating)}";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 flag", "2 flags".</summary>
    private static string Count(int n, string noun) => Inv($"{n} {noun}{(n == 1 ? "" : "s")}");

    // "3 flags raised (2 on units, 1 on a zone)": the units table's flags add up to those on units, and a zone's flag (a
    // hot zone with no contact unit) read as a miscount where only the total was said.
    private static string Raised(int flags, int onZones) =>
        onZones == 0 ? $"{Count(flags, "flag")} raised" : Inv($"{Count(flags, "flag")} raised ({flags - onZones} on units, {onZones} on {(onZones == 1 ? "a zone" : "zones")})");
}

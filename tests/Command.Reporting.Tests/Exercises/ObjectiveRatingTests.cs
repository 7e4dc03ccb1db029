using Command.Domain.AfterAction;
using Command.Domain.Annotations;
using Command.Domain.Exercises;
using Command.Domain.Events;
using Command.Reporting.Exercises;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Exercises;

public sealed class ObjectiveRatingTests
{
    [Fact]
    public async Task Each_objective_is_proposed_the_worst_band_of_its_measures_with_the_figures_as_evidence()
    {
        var proposals = ObjectiveProposal.ForAll(await Golden.ReportAsync());

        // A2 starts 300 m out at 1.2 m/s from 15:00:30 and is within the 15 m contact radius after 238 s (15:04:28); it is
        // inside the building 9 s earlier. A1 is flagged from 15:00:49 until the threat is contained at 15:05:00.
        Assert.Equal(["OBJ-1", "OBJ-2"], proposals.Select(p => p.ObjectiveId));
        Assert.Equal(ExerciseRating.SomeChallenges, proposals[0].Rating);
        Assert.Equal(
            ["first contact with the threat: 3:58 by Adam 2 (A2); bands: P ≤ 3:00, S ≤ 5:00, M ≤ 10:00: S"],
            proposals[0].Evidence.Select(e => e.Text));
        Assert.Equal(238, proposals[0].Evidence[0].ValueS);
        Assert.Equal(ExerciseRating.Unable, proposals[1].Rating);
        Assert.Equal(
            [(ExerciseMeasures.LongestHold, 251.0, "A1", ExerciseRating.Unable), (ExerciseMeasures.FirstEntry, 225.0, "A2", ExerciseRating.SomeChallenges)],
            proposals[1].Evidence.Select(e => (e.Measure, e.ValueS!.Value, e.UnitId, e.Rating)));
    }

    [Fact]
    public async Task A_drill_played_at_2x_is_rated_on_its_own_clock()
    {
        // The same session played at 2x: A2's 238 s to contact here are 476 s of the drill, past the 5:00 band.
        var golden = await Golden.ReportAsync();
        var opened = golden.Incident.OpenedAt!.Value;
        var report = golden with { DrillClockSpans = [new Command.Domain.Incidents.DrillClockSpan(opened, opened, 2)] };

        var proposal = ObjectiveProposal.ForAll(report)[0];

        Assert.Equal(ExerciseRating.MajorChallenges, proposal.Rating);
        Assert.Equal(["first contact with the threat: 7:56 by Adam 2 (A2); bands: P ≤ 3:00, S ≤ 5:00, M ≤ 10:00: M"], proposal.Evidence.Select(e => e.Text));
    }

    public static TheoryData<string> EveryMeasure => [.. ExerciseMeasures.All];

    [Theory]
    [MemberData(nameof(EveryMeasure))]
    public async Task A_measure_a_fraction_of_a_second_past_a_band_is_rated_on_the_whole_seconds_its_evidence_prints(string measure)
    {
        // 320.0003 s prints as 5:20, as a stopwatch reads; rated on the same 5:20 it is within M ≤ 5:20, never U.
        var report = Measured(await Golden.ReportAsync(), measure, TimeSpan.FromSeconds(320.0003));

        var proposal = ObjectiveProposal.For(new ExerciseObjective("OBJ-9", "On time", [new ObjectiveMeasure(measure, 300, 310, 320)]), report);

        Assert.Equal(ExerciseRating.MajorChallenges, proposal.Rating);
        Assert.Equal(320, proposal.Evidence[0].ValueS);
        Assert.Equal(ExerciseRating.MajorChallenges, proposal.Evidence[0].Rating);
        Assert.StartsWith($"{ExerciseMeasures.Describe(measure)}: 5:20", proposal.Evidence[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("; bands: P ≤ 5:00, S ≤ 5:10, M ≤ 5:20: M", proposal.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_word_and_html_drafts_print_the_rating_the_evidence_beside_it_supports()
    {
        var golden = Measured(await Golden.ReportAsync(), ExerciseMeasures.Neutralized, TimeSpan.FromSeconds(320.0003));
        var report = golden with { Exercise = golden.Exercise! with { Objectives = [new ExerciseObjective("OBJ-9", "Neutralized on time", [new ObjectiveMeasure(ExerciseMeasures.Neutralized, 300, 310, 320)])] } };
        var draft = AarDraft.Build(report, []);
        using var word = new MemoryStream();
        using var html = new MemoryStream();

        AarDocument.WriteDocx(draft, word);
        await AarDocument.WriteHtmlAsync(draft, html, TestContext.Current.CancellationToken);

        var docx = Docx.Read(word.ToArray());
        Assert.Contains(["threat neutralized", "threat neutralized: 5:20; bands: P ≤ 5:00, S ≤ 5:10, M ≤ 5:20: M", "M"], docx.Tables.SelectMany(t => t));
        Assert.Equal("M: Performed with major challenges", docx.Labelled("Proposed rating"));
        var page = System.Text.Encoding.UTF8.GetString(html.ToArray());
        Assert.Contains("<td>threat neutralized: 5:20; bands: P ≤ 5:00, S ≤ 5:10, M ≤ 5:20: M</td><td>M</td>", page, StringComparison.Ordinal);
        Assert.Contains("<b>Proposed rating:</b> M: Performed with major challenges", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_objective_recorded_without_a_measure_is_proposed_no_rating_and_enters_the_plan_only_as_an_evaluator_rated_it()
    {
        // Recorded before an objective had to have a measure: nothing in the recording rates it, and nothing says U.
        var golden = await Golden.ReportAsync();
        var report = golden with { Exercise = golden.Exercise! with { Objectives = [new ExerciseObjective("OBJ-0", "Tell dispatch", [])] } };
        RatingDecided Rated(string? reason) => new("OBJ-0", ExerciseRating.Unable, null, reason) { Number = 1, About = GoldenDrill.T0, Written = Golden.WrittenAt, Author = "eval.kim" };

        var unrated = AarDraft.Build(report, []);
        var rated = AarDraft.Build(report, [Rated(null)]);
        var reasoned = AarDraft.Build(report, [Rated("dispatch never heard the entry call")]);

        Assert.Null(unrated.Objectives[0].Proposal.Rating);
        Assert.Null(unrated.Objectives[0].Rating);
        Assert.Empty(unrated.Plan);
        Assert.Equal([("Tell dispatch", "Rated unable to be performed by eval.kim, with no measure set and no reason given")], rated.Plan.Select(p => (p.Objective, p.Issue)));
        Assert.Equal([("Tell dispatch", "Rated unable to be performed by eval.kim: dispatch never heard the entry call")], reasoned.Plan.Select(p => (p.Objective, p.Issue)));

        using var word = new MemoryStream();
        AarDocument.WriteDocx(rated, word);
        var docx = Docx.Read(word.ToArray());
        Assert.Equal("none: this objective was set without a measure, so nothing in the recording rates it", docx.Labelled("Measures"));
        Assert.Equal("none: an evaluator rates it", docx.Labelled("Proposed rating"));
        Assert.Equal("U: Unable to be performed (rated by eval.kim at 09:30:00 (16:30:00 UTC))", docx.Labelled("Confirmed rating"));
    }

    // The report with one measure taken at <paramref name="measured"/> from the threat going active.
    private static AfterActionReport Measured(AfterActionReport report, string measure, TimeSpan measured)
    {
        var at = report.Incident.ThreatActiveAt!.Value + measured;
        return measure switch
        {
            ExerciseMeasures.FirstOnScene => report with { Incident = report.Incident with { FirstOnScene = new UnitMoment("P3", at) } },
            ExerciseMeasures.FirstEntry => report with { Incident = report.Incident with { FirstEntry = new UnitMoment("A2", at) } },
            ExerciseMeasures.FirstContact => report with { Incident = report.Incident with { FirstContact = new UnitMoment("A2", at) } },
            ExerciseMeasures.Contained => report with { Incident = report.Incident with { ContainedAt = at } },
            ExerciseMeasures.Neutralized => report with { Incident = report.Incident with { NeutralizedAt = at } },
            _ => report with { Units = [.. report.Units.Select(u => u.UnitId == "A1" ? u with { LongestFlaggedHold = measured } : u with { FlagsRaised = 0 })] },
        };
    }

    [Fact]
    public async Task The_evaluators_decision_stands_beside_the_proposal_and_notes_fall_under_their_objective_and_into_the_plan()
    {
        var draft = await Golden.DraftAsync();

        var first = draft.Objectives[0];
        Assert.Null(first.Decision);
        Assert.Equal(ExerciseRating.SomeChallenges, first.Rating);
        Assert.Equal(["Adam 2 went straight in through the south door"], first.Strengths.Select(n => n.Current.Text));
        Assert.Equal(["Radio traffic stepped on the entry call"], first.AreasForImprovement.Select(n => n.Current.Text));

        var second = draft.Objectives[1];
        Assert.Equal(ExerciseRating.Unable, second.Proposal.Rating);
        Assert.Equal(ExerciseRating.MajorChallenges, second.Rating);
        Assert.Equal("eval.ortiz", second.Decision!.Author);

        Assert.Equal(["Adam 1 waited at the car for a partner"], draft.OtherNotes.Select(n => n.Current.Text));
        Assert.Equal(
            [
                ("First contact team reaches the threat quickly", "Radio traffic stepped on the entry call"),
                ("No contact unit holds while the threat is active", "Rated performed with major challenges: longest flagged hold: 4:11 by Adam 1 (A1); bands: P ≤ 0:30, S ≤ 1:00, M ≤ 2:00: U; first unit inside: 3:45 by Adam 2 (A2); bands: P ≤ 2:00, S ≤ 4:00, M ≤ 8:00: S"),
                ("Unit Adam 1 (A1)", "Adam 1 waited at the car for a partner"),
            ],
            draft.Plan.Select(p => (p.Objective, p.Issue)));
    }

    [Fact]
    public async Task Key_moments_run_from_the_opening_through_the_flags_to_the_end_in_time_order()
    {
        var draft = await Golden.DraftAsync();

        Assert.Equal(
        [
            "15:00:00 Incident opened",
            "15:00:00 Threat T1 reported (commander)",
            "15:00:01 First unit on scene: Perimeter 3 (P3)",
            "15:00:30 Threat T1 active (commander)",
            "15:00:47 Adam 4 (A4) last heard 65 m from the threat: not heard again in the 5:53 to the end of the record",
            "15:00:47 Adam 5 (A5) last heard 95 m from the threat: not heard again in the 5:53 to the end of the record",
            "15:00:49 Flag raised on Adam 1 (A1): holding 20 s at 200 m from the threat; backup level or ahead",
            "15:00:54 Adam 5 (A5) sent in instead of Adam 1 (A1) (commander)",
            "15:00:59 Flag on Adam 1 (A1) acknowledged (commander: waiting for a second officer)",
            "15:01:29 Flag on Adam 1 (A1) escalated: holding 60 s at 200 m from the threat; nearest backup 18 s out",
            "15:01:30 Flag raised on hot zone Hot: has had no contact unit for 60 s while the threat is active",
            "15:03:30 Flag on hot zone Hot escalated: has had no contact unit for 3 min while the threat is active",
            "15:04:15 First unit inside: Adam 2 (A2)",
            "15:04:28 First contact with the threat: Adam 2 (A2)",
            "15:05:00 Threat T1 contained: subject barricaded (commander)",
            "15:06:00 Threat T1 neutralized: subject in custody (commander)",
            "15:06:40 Incident closed: exercise over (commander)",
            "15:06:40 Recording ends",
        ],
        draft.KeyMoments.Select(m => $"{m.Time.UtcDateTime:HH:mm:ss} {m.What}"));
    }

    [Fact]
    public async Task A_drill_with_more_flags_than_key_moments_keeps_the_incidents_own_moments_and_counts_the_flags_left_out()
    {
        var report = await Golden.ReportAsync();
        // Seventy more units flagged a second apart from 15:01:30, beside the golden drill's six flag moments.
        var flagged = Enumerable.Range(0, 70).Select(k => new TimelineMark(report.Incident.ThreatActiveAt!.Value.AddSeconds(60 + k), "flag-raised", $"U{k:00}", "holding 20 s"));

        var draft = AarDraft.Build(report with { Timeline = [.. report.Timeline.Concat(flagged).OrderBy(m => m.Time)] }, []);

        var moments = draft.KeyMoments.Select(m => $"{m.Time.UtcDateTime:HH:mm:ss} {m.What}").ToList();
        Assert.Equal(AarDraft.MaxKeyMoments, moments.Count);
        Assert.Equal(42, moments.Count(m => m.Contains("Flag raised on U", StringComparison.Ordinal)));
        Assert.Equal(
        [
            "15:02:11 Flag raised on U41: holding 20 s",
            "15:02:12 29 more flag changes from here on, not listed here: the after-action report's flags (CSV and JSON) hold every one",
            "15:04:15 First unit inside: Adam 2 (A2)",
            "15:04:28 First contact with the threat: Adam 2 (A2)",
            "15:05:00 Threat T1 contained: subject barricaded (commander)",
            "15:06:00 Threat T1 neutralized: subject in custody (commander)",
            "15:06:40 Incident closed: exercise over (commander)",
            "15:06:40 Recording ends",
        ],
        moments[^8..]);
    }

    [Fact]
    public async Task A_drill_that_started_over_and_was_closed_says_both_among_its_key_moments()
    {
        var report = await Golden.ReportAsync();
        var over = new TimelineMark(report.Incident.ThreatActiveAt!.Value.AddMinutes(5), "drill-started-over", "demo", "the drill started over (round 2)");
        // Round 2 plays the threat again: its phases are moments too, though the firsts are round 1's. The golden drill
        // is closed by its commander at its end.
        var again = new TimelineMark(over.Time.AddSeconds(20), "threat-phase", "T1", "T1 active (drill)");
        var draft = AarDraft.Build(report with { Timeline = [.. report.Timeline.Append(over).Append(again).OrderBy(m => m.Time)] }, []);

        var moments = draft.KeyMoments.Select(m => $"{m.Time.UtcDateTime:HH:mm:ss} {m.What}").ToList();
        Assert.Contains("15:05:30 The drill started over (round 2); the first-unit times above and the objectives are round 1's", moments);
        Assert.Contains("15:05:50 Round 2: threat T1 active (drill)", moments);
        Assert.DoesNotContain(moments, m => m.Contains("Round 1", StringComparison.Ordinal));
        Assert.Equal(["15:06:40 Incident closed: exercise over (commander)", "15:06:40 Recording ends"], moments[^2..]);
    }

    [Fact]
    public async Task The_threat_moved_is_a_key_moment_in_its_own_words()
    {
        var report = await Golden.ReportAsync();
        var moved = new TimelineMark(report.Incident.ThreatActiveAt!.Value.AddMinutes(3), "threat-moved", "T1", "Threat T1 moved 100 m north, active (commander)");

        var draft = AarDraft.Build(report with { Timeline = [.. report.Timeline.Append(moved).OrderBy(m => m.Time)] }, []);

        Assert.Contains("15:03:30 Threat T1 moved 100 m north, active (commander)", draft.KeyMoments.Select(m => $"{m.Time.UtcDateTime:HH:mm:ss} {m.What}"));
    }

    [Fact]
    public async Task The_threats_marker_deleted_on_a_device_is_a_key_moment_in_its_own_words()
    {
        var report = await Golden.ReportAsync();
        var deleted = new TimelineMark(report.Incident.ThreatActiveAt!.Value.AddMinutes(4), "marker-deleted", "T1",
            "Threat T1's marker H-2 deleted on a device (cot:ANDROID-7f3a@10.0.0.9); the threat stood as placed, active");

        var draft = AarDraft.Build(report with { Timeline = [.. report.Timeline.Append(deleted).OrderBy(m => m.Time)] }, []);

        Assert.Contains("15:04:30 Threat T1's marker H-2 deleted on a device (cot:ANDROID-7f3a@10.0.0.9); the threat stood as placed, active",
            draft.KeyMoments.Select(m => $"{m.Time.UtcDateTime:HH:mm:ss} {m.What}"));
    }

    [Fact]
    public async Task A_host_that_left_the_cluster_is_a_key_moment_in_the_words_of_incident_commands_log()
    {
        // The recording as kept: a host declared dead 3:20 in, told by another, between the fixes of that second.
        var at = GoldenDrill.T0.AddSeconds(200);
        var recorded = GoldenDrill.Recorded.Where(e => e.Time <= at)
            .Append(new HostDeparted("127.0.0.1:11911", "127.0.0.1:11921") { Time = at })
            .Concat(GoldenDrill.Recorded.Where(e => e.Time > at));
        var report = await AfterActionFold.BuildAsync(recorded.ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        var draft = AarDraft.Build(report, []);

        const string left = "Host 127.0.0.1:11911 left the cluster: radios and trackers sending to it were not heard until they reached another host (said by host 127.0.0.1:11921)";
        Assert.Contains($"15:03:20 {left}", draft.KeyMoments.Select(m => $"{m.Time.UtcDateTime:HH:mm:ss} {m.What}"));
        Assert.Equal(left, Assert.Single(report.Activity, a => a.Kind == "host-left").Text);
    }
}

using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Exercises;
using Command.Reporting.Documents;
using Command.Reporting.Exercises;
using Command.Reporting.Ics214;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Outages;

/// <summary>
/// The golden drill as recorded when the host Adam 1's and Adam 2's radios sent to was killed: their fixes stop after
/// 15:03:49 (229 s in), the cluster records the host's leaving at 15:04:00, and they are heard again from 15:04:31, when
/// they reach a host again. Perimeter 3 reports through another host throughout. Adam 2 walked on meanwhile: at its first
/// fix back it stands inside the building 11 m from the threat.
/// </summary>
public sealed class HostOutageTests
{
    private const string Host = "127.0.0.1:11911";
    private const string Lost = "its fixes were lost 15:03:49–15:04:31 UTC while its host 127.0.0.1:11911 was down";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // With perimeterNeverBack, Perimeter 3 reported through that host too and never reached another; with named, each report
    // says the host that took it in: Adam 1's and Adam 2's that host, every other unit's another.
    private static async Task<AfterActionReport> ReportAsync(bool perimeterNeverBack = false, bool named = false)
    {
        var left = GoldenDrill.T0.AddSeconds(240);
        var recorded = GoldenDrill.Recorded
            .Where(e => e is not PositionAccepted { Report: { UnitId: "A1" or "A2" } fix } || fix.FixTime < GoldenDrill.T0.AddSeconds(230) || fix.FixTime > GoldenDrill.T0.AddSeconds(270))
            .Where(e => !perimeterNeverBack || e is not PositionAccepted { Report: { UnitId: "P3" } p3 } || p3.FixTime < GoldenDrill.T0.AddSeconds(230))
            .Select(e => named && e is PositionAccepted { Report: var report } accepted
                ? accepted with { Report = report with { ReceivedBy = report.UnitId is "A1" or "A2" ? Host : "127.0.0.1:11921" } }
                : e)
            .ToList();
        var at = recorded.FindLastIndex(e => e.Time <= left) + 1;
        recorded.Insert(at, new HostDeparted(Host, "127.0.0.1:11921") { Time = left });
        return await AfterActionFold.BuildAsync(recorded.ToAsyncEnumerable(), cancellationToken: Ct);
    }

    private static IEnumerable<string> Said(AarDraft draft) => draft.KeyMoments.Select(m => $"{m.Time.UtcDateTime:HH:mm:ss} {m.What}");

    [Fact]
    public async Task A_host_that_left_the_cluster_says_which_units_went_unheard_with_it_and_for_how_long()
    {
        var report = await ReportAsync();

        var draft = AarDraft.Build(report, []);

        // Measured from the recording: the units whose reports stopped before it left and resumed after. Perimeter 3 reported
        // on time across it, and Adam 4 and Adam 5 had gone quiet minutes before: none of them went with it.
        const string left = "Host 127.0.0.1:11911 left the cluster: radios and trackers sending to it were not heard until they reached another host (said by host 127.0.0.1:11921)"
            + "; 2 units that reported through it unheard 15:03:49–15:04:31 UTC (0:42): Adam 1 (A1), Adam 2 (A2)";
        Assert.Contains($"15:04:00 {left}", Said(draft));
        Assert.Equal(
            [new FixesLost("A1", Host, GoldenDrill.T0.AddSeconds(240), GoldenDrill.T0.AddSeconds(229), GoldenDrill.T0.AddSeconds(271)),
             new FixesLost("A2", Host, GoldenDrill.T0.AddSeconds(240), GoldenDrill.T0.AddSeconds(229), GoldenDrill.T0.AddSeconds(271))],
            report.FixesLost!.Value);
        var command = Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt)[0];
        Assert.Contains(left, command.Activity.Select(a => a.Activity));
    }

    [Fact]
    public async Task A_unit_whose_host_left_and_that_was_not_heard_again_is_said_apart()
    {
        var report = await ReportAsync(perimeterNeverBack: true);

        var draft = AarDraft.Build(report, []);
        var p3 = Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt).Single(f => f.Subject == "P3");

        Assert.Contains("15:04:00 Host 127.0.0.1:11911 left the cluster: radios and trackers sending to it were not heard until they reached another host (said by host 127.0.0.1:11921)"
            + "; 3 units that reported through it unheard 15:03:49–15:04:31 UTC (0:42): Adam 1 (A1), Adam 2 (A2), Perimeter 3 (P3); not heard again: Perimeter 3 (P3)", Said(draft));
        // Said there, once: not again as a silence of its own.
        Assert.DoesNotContain(Said(draft), m => m.Contains("Perimeter 3 (P3) last heard", StringComparison.Ordinal));
        Assert.Equal(
            [(GoldenDrill.T0.AddSeconds(229), "Last heard 113 m from the threat: its fixes were lost while its host 127.0.0.1:11911 was down (it left the cluster at 15:04:00 UTC), and not heard again in the 2:51 to the end of the record")],
            p3.Activity.Where(a => a.Activity.StartsWith("Last heard", StringComparison.Ordinal)).Select(a => (a.Time, a.Activity)));
    }

    [Fact]
    public async Task A_unit_that_reported_through_another_host_and_went_quiet_as_one_left_is_said_silent_on_its_own()
    {
        // Perimeter 3's reports came in through another host: it went quiet as this one left, on its own.
        var report = await ReportAsync(perimeterNeverBack: true, named: true);

        var draft = AarDraft.Build(report, []);
        var p3 = Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt).Single(f => f.Subject == "P3");
        using var file = new MemoryStream();
        AarDocument.WriteDocx(draft, file);
        var units = Docx.Read(file.ToArray()).Tables[0];

        Assert.Contains("15:04:00 Host 127.0.0.1:11911 left the cluster: radios and trackers sending to it were not heard until they reached another host (said by host 127.0.0.1:11921)"
            + "; 2 units that reported through it unheard 15:03:49–15:04:31 UTC (0:42): Adam 1 (A1), Adam 2 (A2)", Said(draft));
        Assert.Contains("15:03:49 Perimeter 3 (P3) last heard 113 m from the threat: not heard again in the 2:51 to the end of the record", Said(draft));
        Assert.Equal(
            [(GoldenDrill.T0.AddSeconds(229), "Last heard 113 m from the threat: not heard again in the 2:51 to the end of the record")],
            p3.Activity.Where(a => a.Activity.StartsWith("Last heard", StringComparison.Ordinal)).Select(a => (a.Time, a.Activity)));
        Assert.Equal("229, every 1 s; last heard 08:03:49, 113 m from the threat; silent for the last 2:51", units.Single(r => r[0] == "P3")[^1]);
        Assert.Equal(["A1", "A2"], report.FixesLost!.Value.Select(l => l.UnitId));
    }

    [Fact]
    public async Task A_first_set_by_a_units_first_fix_back_after_its_host_left_is_said_at_or_before_it()
    {
        var draft = AarDraft.Build(await ReportAsync(), []);

        // Adam 2 went in and reached the threat while its fixes were lost: the second they came back is not when it did.
        Assert.Contains($"15:04:31 First unit inside: Adam 2 (A2), at or before 15:04:31 UTC — {Lost}", Said(draft));
        Assert.Contains($"15:04:31 First contact with the threat: Adam 2 (A2), at or before 15:04:31 UTC — {Lost}", Said(draft));
        Assert.DoesNotContain(Said(draft), m => m.EndsWith("First contact with the threat: Adam 2 (A2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_reached_while_its_units_fixes_were_lost_is_rated_only_where_every_second_it_may_have_been_falls_in_one_band()
    {
        var report = await ReportAsync();

        // From the threat going active (15:00:30): contact at most 4:01, and no sooner than 3:19, its last fix before.
        var soon = new ExerciseObjective("OBJ-3", "Contact soon", [new ObjectiveMeasure(ExerciseMeasures.FirstContact, 200, 300, 600)]);
        var within = ObjectiveProposal.For(new ExerciseObjective("OBJ-1", "Contact", [new ObjectiveMeasure(ExerciseMeasures.FirstContact, 180, 300, 600)]), report);
        var across = ObjectiveProposal.For(soon, report);

        Assert.Equal(ExerciseRating.SomeChallenges, within.Rating);
        Assert.Equal([$"first contact with the threat: 4:01 at most, by Adam 2 (A2) at or before 15:04:31 UTC — {Lost}; bands: P ≤ 3:00, S ≤ 5:00, M ≤ 10:00: S"],
            within.Evidence.Select(e => e.Text));
        Assert.Null(across.Rating);
        Assert.Equal((241.0, (ExerciseRating?)null), (across.Evidence[0].ValueS, across.Evidence[0].Rating));
        Assert.Equal([$"first contact with the threat: 4:01 at most, by Adam 2 (A2) at or before 15:04:31 UTC — {Lost}; bands: P ≤ 3:20, S ≤ 5:00, M ≤ 10:00: between 3:19 (P) and 4:01 (S), so not rated on it: an evaluator rates it"],
            across.Evidence.Select(e => e.Text));
        var blocks = AarDocument.Blocks(AarDraft.Build(report with { Exercise = new Exercise("cedar-hollow", "3", [soon]) }, [])).OfType<Para>();
        Assert.Contains(new Para("none: a measure was reached while its unit went unheard, so an evaluator rates it", "Proposed rating"), blocks);
    }

    [Fact]
    public async Task The_units_table_shows_the_time_a_unit_went_unheard_and_a_time_to_contact_as_the_most_it_can_have_been()
    {
        var draft = AarDraft.Build(await ReportAsync(), []);
        using var file = new MemoryStream();
        AarDocument.WriteDocx(draft, file);
        var units = Docx.Read(file.ToArray()).Tables[0];

        // 400 fixes less the 41 lost; 08:03:49 in Denver is 15:03:49 UTC.
        Assert.Equal(["A2", "Adam 2", "contact", "Lee Park", "", "", "≤ 4:01 (its fixes were lost 15:03:49–15:04:31 UTC while its host was down)", "0:00", "", "0",
            "359, every 1 s; unheard 0:42 from 08:03:49, while its host 127.0.0.1:11911 was down"], units.Single(r => r[0] == "A2"));
        Assert.Equal("400, every 1 s", units.Single(r => r[0] == "P3")[^1]);
    }

    [Fact]
    public async Task Each_unit_whose_fixes_were_lost_with_its_host_says_so_in_its_log()
    {
        var forms = Ics214Form.Build(await ReportAsync(), null, "eval.kim", Golden.WrittenAt);

        // Shorter than the two minutes a device must be quiet to be said silent: its host's going is said all the same.
        Assert.Equal(
            [(GoldenDrill.T0.AddSeconds(229), "Not heard for 0:42 after its report 61 m from the threat: its fixes were lost while its host 127.0.0.1:11911 was down (it left the cluster at 15:04:00 UTC), until 15:04:31 UTC")],
            forms.Single(f => f.Subject == "A2").Activity.Where(a => a.Activity.StartsWith("Not heard", StringComparison.Ordinal)).Select(a => (a.Time, a.Activity)));
        Assert.DoesNotContain(forms.Single(f => f.Subject == "P3").Activity, a => a.Activity.StartsWith("Not heard", StringComparison.Ordinal));
    }
}

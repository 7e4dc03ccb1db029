using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Exercises;
using Command.Reporting.Documents;
using Command.Reporting.Exercises;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Outages;

/// <summary>
/// The golden drill with Adam 2's radio silent from 15:03:49 (229 s in) to 15:06:11, every host up: in a stairwell with
/// no signal, its fixes lost, not held. It walked on meanwhile, and its first fix back puts it in contact. When it reached
/// the threat is not known: at or before that fix, not at it, as where its fixes were lost with a host.
/// </summary>
public sealed class UnheardContactTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AfterActionReport> ReportAsync() =>
        await AfterActionFold.BuildAsync(GoldenDrill.Recorded
            .Where(e => e is not PositionAccepted { Report: { UnitId: "A2" } fix } || fix.FixTime < GoldenDrill.T0.AddSeconds(230) || fix.FixTime > GoldenDrill.T0.AddSeconds(370))
            .ToAsyncEnumerable(), cancellationToken: Ct);

    [Fact]
    public async Task A_time_to_contact_set_by_the_first_fix_after_a_unit_went_unheard_is_the_most_it_can_have_been()
    {
        var report = await ReportAsync();
        var back = Assert.Single(report.FixesLost!.Value);
        Assert.Equal(new FixesLost("A2", null, null, GoldenDrill.T0.AddSeconds(229), GoldenDrill.T0.AddSeconds(371)), back);
        Assert.Equal(GoldenDrill.T0.AddSeconds(371), report.Units.Single(u => u.UnitId == "A2").ReachedContact);

        var draft = AarDraft.Build(report, []);
        using var file = new MemoryStream();
        AarDocument.WriteDocx(draft, file);
        var row = Docx.Read(file.ToArray()).Tables[0].Single(r => r[0] == "A2");
        Assert.StartsWith("≤ ", row[6], StringComparison.Ordinal);
        Assert.EndsWith(" (it was not heard 15:03:49–15:06:11 UTC)", row[6], StringComparison.Ordinal);

        var proposal = ObjectiveProposal.For(new ExerciseObjective("OBJ-1", "Contact", [new ObjectiveMeasure(ExerciseMeasures.FirstContact, 180, 300, 600)]), report);
        Assert.Contains("at or before 15:06:11 UTC — it was not heard 15:03:49–15:06:11 UTC", proposal.Evidence.Single().Text, StringComparison.Ordinal);
    }
}

using Command.Domain.AfterAction;
using Command.Domain.Exercises;
using Command.Reporting.Exercises;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Rounds;

public sealed class ObjectiveRoundTests
{
    [Fact]
    public async Task The_objectives_of_a_drill_started_over_are_measured_on_round_1_as_the_draft_says()
    {
        // A1 is put on the perimeter 200 s into round 1, ending its hold there; back on contact in round 2, it holds all round.
        var report = await AfterActionFold.BuildAsync(GoldenDrill.RunAgain("cedar-hollow-rounds-obj", 1.2, id => id, a1PerimeterAtS: 200, rounds: 2).ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);
        var draft = AarDraft.Build(report, []);
        var (a1, a1Again) = (report.Units.Single(u => u is { UnitId: "A1", Round: 1 }), report.Units.Single(u => u is { UnitId: "A1", Round: 2 }));

        var hold = draft.Objectives.Single(o => o.Objective.ObjectiveId == "OBJ-2").Proposal.Evidence.Single(e => e.Measure == ExerciseMeasures.LongestHold);

        Assert.True(a1Again.LongestFlaggedHold > a1.LongestFlaggedHold);
        Assert.Equal(Durations.WholeSeconds(a1.LongestFlaggedHold.TotalSeconds), hold.ValueS);
        Assert.StartsWith($"longest flagged hold: {Durations.Clock(a1.LongestFlaggedHold)} by {report.Named("A1")};", hold.Text, StringComparison.Ordinal);
        Assert.Contains(draft.KeyMoments, m => m.What.EndsWith("the first-unit times above and the objectives are round 1's", StringComparison.Ordinal));
    }
}

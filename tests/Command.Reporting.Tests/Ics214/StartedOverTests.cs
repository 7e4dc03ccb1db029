using Command.Domain.AfterAction;
using Command.Reporting.Ics214;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Ics214;

public sealed class StartedOverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_log_says_where_the_drill_started_over_into_its_next_round()
    {
        var report = await AfterActionFold.BuildAsync(GoldenDrill.RunAgain("cedar-hollow-rounds", 1.2, id => id, rounds: 2).ToAsyncEnumerable(), cancellationToken: Ct);
        var forms = Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt);
        var over = GoldenDrill.T0.AddSeconds(GoldenDrill.Seconds);

        Assert.Contains(new ActivityRow(over, "Drill cedar-hollow started over, round 2 begins: every unit is judged afresh (controller)"), forms[0].Activity);
        Assert.All(forms.Skip(1), form => Assert.Equal(
            "Drill started over, round 2 begins: judged afresh from its next report (controller)",
            Assert.Single(form.Activity, a => a.Time == over && a.Activity.StartsWith("Drill", StringComparison.Ordinal)).Activity));
        Assert.Equal(5, forms.Length - 1);
    }
}

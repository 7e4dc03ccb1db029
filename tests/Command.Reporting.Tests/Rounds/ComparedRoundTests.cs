using System.Text;
using Command.Domain.AfterAction;
using Command.Reporting.Comparison;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Rounds;

public sealed class ComparedRoundTests
{
    [Fact]
    public async Task A_session_of_two_rounds_is_compared_on_its_first_and_says_so()
    {
        // The second session's A2 walks its first round at 2.4 m/s (contact 119 s after the threat goes active) and its
        // second at 1.2 m/s; its A1 is flagged in both rounds.
        var c = RunComparison.Compare([await Golden.ReportAsync(), await TwoRounds.ReportAsync()]);
        using var html = new MemoryStream();
        using var csv = new MemoryStream();

        await ComparisonDocument.WriteHtmlAsync(c, html, TestContext.Current.CancellationToken);
        await ComparisonDocument.WriteCsvAsync(c, csv, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2], c.Runs.Select(r => r.Rounds));
        Assert.Equal(["cedar-hollow-rounds holds 2 rounds; round 1 compared"], c.RoundsCompared);
        Assert.Contains("cedar-hollow-rounds holds 2 rounds; round 1 compared", Encoding.UTF8.GetString(html.ToArray()), StringComparison.Ordinal);
        // The CSV says it too: its figures are round 1's, whatever the session holds.
        Assert.Contains("rounds held,1,2", Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n"));
        Assert.Contains("rounds compared,,cedar-hollow-rounds holds 2 rounds; round 1 compared", Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n"));
        Assert.Equal([2.0, 2.0], c.KeyTimes.Single(f => f.Name == "flags raised").Values);
        Assert.Equal([238.0, 119.0], c.KeyTimes.Single(f => f.Name == "first contact (s)").Values);
        Assert.Equal([(238.0, 0), (119.0, 0)], c.Units.Single(u => u.Key == "A2").Runs.Select(r => (r!.TimeToContactS!.Value, r.Flags)));
        Assert.Equal([1, 1], c.Units.Single(u => u.Key == "A1").Runs.Select(r => r!.Flags));
        Assert.Empty(RunComparison.Compare([await Golden.ReportAsync(), await Golden.ReportAsync()]).RoundsCompared);
    }
}

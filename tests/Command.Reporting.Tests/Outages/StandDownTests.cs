using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Reporting.Exercises;
using Command.Reporting.Ics214;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Outages;

/// <summary>
/// The golden drill as it usually ends: the threat neutralized at 15:06:00, everyone switches off 20 s later, and the
/// commander closes the incident minutes after. Not a roster of lost radios: the AAR/IP says it once, and each unit's
/// log and row say its silence came after the threat was neutralized. Adam 4 and Adam 5, silent from the start, are
/// still said one by one.
/// </summary>
public sealed class StandDownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AfterActionReport> ReportAsync()
    {
        var switchedOff = GoldenDrill.T0.AddSeconds(380);
        var recorded = GoldenDrill.Recorded
            .Where(e => e is not PositionAccepted { Report: var fix } || fix.FixTime <= switchedOff)
            .Select(e => e is IncidentClosed closed ? closed with { Time = GoldenDrill.T0.AddSeconds(700) } : e);
        return await AfterActionFold.BuildAsync(recorded.ToAsyncEnumerable(), cancellationToken: Ct);
    }

    [Fact]
    public async Task Radios_switched_off_after_the_threat_was_neutralized_are_said_once_not_as_a_roster_of_lost_units()
    {
        var report = await ReportAsync();

        var moments = AarDraft.Build(report, []).KeyMoments.Select(m => $"{m.Time.UtcDateTime:HH:mm:ss} {m.What}").ToList();

        Assert.Contains("15:06:20 3 units not heard again after the threat was neutralized at 08:06:00, from 08:06:20: Adam 1 (A1), Adam 2 (A2), Perimeter 3 (P3)", moments);
        Assert.DoesNotContain(moments, m => m.Contains("Adam 1 (A1) last heard", StringComparison.Ordinal));
        Assert.Contains(moments, m => m.Contains("Adam 4 (A4) last heard", StringComparison.Ordinal));
        var a1 = Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt).Single(f => f.Subject == "A1");
        Assert.Contains("Last heard 200 m from the threat, 0:20 after the threat was neutralized: not heard again in the 5:20 to the end of the record", a1.Activity.Select(a => a.Activity));
        Assert.Equal("last heard 08:06:20, 200 m from the threat, 0:20 after the threat was neutralized; silent for the last 5:20",
            report.Units.Single(u => u.UnitId == "A1").Silent!.Row(new SiteClock(report.Incident.TimeZone)));
    }
}

using Command.Domain.AfterAction;
using Command.Domain.Events;
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
    
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AfterActionReport> ReportAsync()
    {
        var left = GoldenDrill.T0.AddSeconds(240);
        var recorded = GoldenDrill.Recorded
            .Where(e => e is not PositionAccepted { Report: { UnitId: "A1" or "A2" } fix } || fix.FixTime < GoldenDrill.T0.AddSeconds(230) || fix.FixTime > GoldenDrill.T0.AddSeconds(270))
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
    public async Task The_units_table_shows_the_time_a_unit_went_unheard()
    {
        var draft = AarDraft.Build(await ReportAsync(), []);
        using var file = new MemoryStream();
        AarDocument.WriteDocx(draft, file);
        var units = Docx.Read(file.ToArray()).Tables[0];

        // 400 fixes less the 41 lost; 08:03:49 in Denver is 15:03:49 UTC.
        Assert.Equal("359, every 1 s; unheard 0:42 from 08:03:49, while its host 127.0.0.1:11911 was down", units.Single(r => r[0] == "A2")[^1]);
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

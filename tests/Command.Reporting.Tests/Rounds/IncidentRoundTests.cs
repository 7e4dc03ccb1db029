using System.Text;
using Command.Domain.Events;
using Command.Recording.AfterAction;
using Command.Reporting.Exercises;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Rounds;

public sealed class IncidentRoundTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_incidents_figures_are_round_1s_and_each_later_rounds_are_given_apart()
    {
        var recorded = GoldenDrill.RunAgain(TwoRounds.IncidentId, 2.4, id => id, rounds: 2);
        var report = await TwoRounds.ReportAsync();
        var raised = recorded.OfType<FlagRaised>().ToList();
        var (inFirst, inSecond) = (raised.Count(f => f.Time < TwoRounds.StartedOver), raised.Count(f => f.Time >= TwoRounds.StartedOver));
        var zones = raised.Where(f => Command.Domain.Assessment.ClosingAssessment.IsZoneSubject(f.Subject)).ToList();
        var (onZonesFirst, onZonesSecond) = (zones.Count(f => f.Time < TwoRounds.StartedOver), zones.Count(f => f.Time >= TwoRounds.StartedOver));

        var i = report.Incident;
        var second = Assert.Single(i.Rounds!.Value, r => r.Round == 2);

        Assert.True(inFirst > 0 && inSecond > 0);
        Assert.Equal((inFirst, 1), (i.FlagsRaised, i.FlagsAcknowledged));
        Assert.Equal((inSecond, 0), (second.FlagsRaised, second.FlagsAcknowledged));
        Assert.Equal(TwoRounds.StartedOver.AddSeconds(GoldenDrill.ThreatActiveS), second.ThreatActiveAt);
        Assert.Equal(("A2", report.Units.Single(u => u is { UnitId: "A2", Round: 2 }).ReachedContact), (second.FirstContact?.UnitId, (DateTimeOffset?)second.FirstContact?.Time));
        Assert.Equal(second.FirstContact!.Time - second.ThreatActiveAt, second.TimeToContact);
        Assert.True(i.FirstContact!.Time < TwoRounds.StartedOver);

        using var csv = new MemoryStream();
        await AfterActionExport.WriteCsvAsync(report, csv, AfterActionTable.Incident, Ct);
        var rows = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("rounds,2", rows);
        Assert.Contains($"flags_raised,{inFirst}", rows);
        Assert.Contains($"round_2_flags_raised,{inSecond}", rows);
        Assert.Contains($"flags_raised_on_zones,{onZonesFirst}", rows);
        Assert.Contains($"round_2_flags_raised_on_units,{inSecond - onZonesSecond}", rows);
        Assert.Contains($"round_2_flags_raised_on_zones,{onZonesSecond}", rows);

        var participation = AarDocument.Blocks(AarDraft.Build(report, [])).OfType<Command.Reporting.Documents.Para>().Single(p => p.Label == "Participation");
        Assert.Equal($"5 units; {Raised(inFirst, onZonesFirst)}, 1 acknowledged in round 1; round 2: {Raised(inSecond, onZonesSecond)}, 0 acknowledged", participation.Text);
    }

    private static string Flags(int n) => n == 1 ? "1 flag" : $"{n} flags";

    private static string Raised(int n, int onZones) =>
        onZones == 0 ? $"{Flags(n)} raised" : $"{Flags(n)} raised ({n - onZones} on units, {onZones} on {(onZones == 1 ? "a zone" : "zones")})";
}

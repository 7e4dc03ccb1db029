using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Reporting.Exercises;
using Command.Reporting.Ics214;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Exercises;

/// <summary>A unit let go from the incident is a moment of it: in the AAR/IP, and in its own and incident command's ICS-214 log.</summary>
public sealed class ReleaseMomentTests
{
    [Fact]
    public async Task A_unit_released_is_a_key_moment_of_the_aar_and_in_its_own_and_incident_commands_ics_214_not_a_radio_lost()
    {
        var events = new List<IncidentEvent>();
        await foreach (var e in GoldenDrill.ReadAsync())
        {
            events.Add(e);
        }

        var at = events.OfType<PositionAccepted>().First(p => p.Report.UnitId == "A2").Time.AddSeconds(60);
        var report = await AfterActionFold.BuildAsync(WithRelease(events, at).ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);
        var said = $"{report.Named("A2")} released from the incident: sent to another incident (Cmdr Okafor)";

        var moments = AarDraft.Build(report, []).KeyMoments.Select(m => (m.Time, m.What)).ToList();
        var forms = Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt);

        Assert.Contains((at, said), moments);
        Assert.DoesNotContain(moments, m => m.What.StartsWith($"{report.Named("A2")} last heard", StringComparison.Ordinal));
        Assert.Contains(new ActivityRow(at, said), forms.Single(f => f.ForIncidentCommand).Activity);
        Assert.Contains(forms.Single(f => f is { Subject: "A2", ForIncidentCommand: false }).Activity, r => r == new ActivityRow(at, "Released from the incident: sent to another incident (Cmdr Okafor)"));
    }

    // The golden drill with A2 let go at `at`: nothing of it is taken after.
    private static IEnumerable<IncidentEvent> WithRelease(List<IncidentEvent> events, DateTimeOffset at)
    {
        var told = false;
        foreach (var e in events)
        {
            if (!told && e.Time > at)
            {
                told = true;
                yield return new UnitReleased("A2", "sent to another incident", "Cmdr Okafor") { Sequence = e.Sequence, Time = at };
            }

            if (told && e is PositionAccepted { Report.UnitId: "A2" })
            {
                continue;
            }

            yield return e;
        }
    }
}

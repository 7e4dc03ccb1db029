using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Threats;
using Command.Reporting.Exercises;
using Command.Reporting.Ics214;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Exercises;

/// <summary>A new hostile marker dropped on the contained threat is a moment of the incident: in the AAR/IP and incident command's log.</summary>
public sealed class SightingMomentTests
{
    private const string Said =
        "New hostile marker HOSTILE-9 placed by ZULU 1, 25 m north of T1, which is contained: T1 stays contained until a commander declares it active (cot:HOSTILE-9@10.20.0.9, placed by ZULU 1)";

    [Fact]
    public async Task A_sighting_of_the_contained_threat_is_a_key_moment_of_the_aar_and_in_incident_commands_ics_214()
    {
        var report = await AfterActionFold.BuildAsync(WithSighting(await Events()), cancellationToken: TestContext.Current.CancellationToken);
        var at = report.Timeline.Single(m => m.Kind == "marker-sighted").Time;

        var moments = AarDraft.Build(report, []).KeyMoments.Select(m => $"{m.Time.UtcDateTime:HH:mm:ss} {m.What}").ToList();
        var command = Ics214Form.Build(report, null, "eval.kim", Golden.WrittenAt).Single(f => f.ForIncidentCommand);

        Assert.Equal($"{at.UtcDateTime:HH:mm:ss} {Said}", moments[moments.IndexOf("15:05:00 Threat T1 contained: subject barricaded (commander)") + 1]);
        Assert.Contains(new ActivityRow(at, Said), command.Activity);
    }

    private static async Task<List<IncidentEvent>> Events()
    {
        var events = new List<IncidentEvent>();
        await foreach (var e in GoldenDrill.ReadAsync())
        {
            events.Add(e);
        }

        return events;
    }

    // The golden drill with an officer's new marker dropped 20 s after the threat was declared contained.
    private static async IAsyncEnumerable<IncidentEvent> WithSighting(List<IncidentEvent> events)
    {
        var contained = events.First(e => e is ThreatPhaseChanged { Phase: ThreatPhase.Contained } or ThreatSet { Threat.Phase: ThreatPhase.Contained });
        var position = events.OfType<ThreatSet>().Last(s => s.Time <= contained.Time).Threat.Position;
        var sighted = new ThreatSighted("T1", "HOSTILE-9", position, "25 m north", ThreatPhase.Contained, "cot:HOSTILE-9@10.20.0.9, placed by ZULU 1")
        {
            Sequence = contained.Sequence, Time = contained.Time.AddSeconds(20),
        };
        var told = false;
        foreach (var e in events)
        {
            if (!told && e.Time > sighted.Time)
            {
                told = true;
                yield return sighted;
            }

            yield return e;
        }

        await Task.CompletedTask;
    }
}

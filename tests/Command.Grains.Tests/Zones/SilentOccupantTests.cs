using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Grains.Tests.Support;
using Command.Grains.Zones;

namespace Command.Grains.Tests.Zones;

/// <summary>
/// A unit whose device went silent inside a zone is shown there as stale, on the incident's clock with no report to bring
/// it, and covers the zone no more; it covers it again from its next report inside.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SilentOccupantTests(ClusterFixture fixture)
{
    // Unit grains are keyed by unit id alone and a unit is enrolled in one open incident at a time: this test's own.
    private readonly string p1 = $"P1-{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task A_contact_unit_gone_silent_in_the_hot_zone_reads_stale_there_uncovers_it_and_covers_it_again_from_its_next_report()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = $"inc-{Guid.NewGuid():N}";
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(id);
        Assert.Null(await incident.Open(Sites.Open()));
        await incident.Enrol(p1, "Patrol 1", UnitRole.Contact, "dispatch");
        await incident.SetThreat(new Threat("T1", Sites.Frame.ToGeo(new(0, 100)), 10, ThreatPhase.Active), "trainer");
        var watcher = new FrameCatcher(f => f.Units.Any(u => u.UnitId == p1 && u.State == MotionState.Stale));
        var reference = fixture.Grains.CreateObjectReference<IIncidentObserver>(watcher);
        await incident.Subscribe(reference);
        var heard = fixture.Clock.GetUtcNow();
        await incident.Submit([Sites.Report(p1, heard, 0, 90)], [], null);
        await incident.ReadModelsTold();
        var covered = await HotZone(id);

        // One report, so no cadence learned: stale once 15 s have passed, at the first whole second of the incident's
        // clock after that. Its ticks show it, with no report to bring it.
        var staleAt = new DateTimeOffset(((heard.UtcTicks / TimeSpan.TicksPerSecond) + 16) * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        fixture.Clock.Advance(TimeSpan.FromSeconds(16));
        await watcher.Caught.WaitAsync(TimeSpan.FromSeconds(10), ct);
        await incident.ReadModelsTold();
        var silent = await HotZone(id);

        // A minute on, the hot zone is flagged for having no contact unit, naming the one stale there.
        fixture.Clock.Advance(TimeSpan.FromSeconds(60));
        await fixture.Log.HandedOverAsync(id, events => events.Any(e => e is FlagRaised { Subject: "zone:hot" })).WaitAsync(TimeSpan.FromSeconds(10), ct);
        var raised = fixture.Log.Events(id).OfType<FlagRaised>().Single(e => e.Subject == "zone:hot");

        var back = fixture.Clock.GetUtcNow();
        await incident.Submit([Sites.Report(p1, back, 0, 92)], [], null);
        await incident.ReadModelsTold();
        var again = await HotZone(id);

        Assert.Equal([new ZoneOccupant(p1, "Patrol 1", heard)], covered.Occupants);
        Assert.Null(covered.RuleBrokenSince);
        Assert.Equal([new ZoneOccupant(p1, "Patrol 1", heard, SilentSince: heard)], silent.Occupants);
        Assert.Equal(staleAt, silent.RuleBrokenSince);
        Assert.Equal(
            (staleAt.AddSeconds(60), FlagLevel.Watch,
                $"hot zone Hot zone has had no contact unit for 60 s while the threat is active; stale there: Patrol 1 (last heard {(staleAt.AddSeconds(60) - heard).TotalSeconds:F0} s ago)"),
            (raised.Time, raised.Level, raised.Reason));
        Assert.Equal("a contact unit is in Hot zone: Patrol 1", fixture.Log.Events(id).OfType<FlagCleared>().Single(e => e.Subject == "zone:hot").Reason);
        Assert.Equal([new ZoneOccupant(p1, "Patrol 1", back)], again.Occupants);
        Assert.Equal(((DateTimeOffset?)null, (ZoneFlag?)null), (again.RuleBrokenSince, again.Flag));
        fixture.Grains.DeleteObjectReference<IIncidentObserver>(reference);
    }

    private async Task<ZoneReading> HotZone(string incidentId) =>
        await fixture.Grains.GetGrain<IZoneGrain>(ZoneKey.Format(incidentId, "hot")).Get() ?? throw new InvalidOperationException("the hot zone was never told");

    private sealed class FrameCatcher(Func<IncidentFrame, bool> wanted) : IIncidentObserver
    {
        private readonly TaskCompletionSource<IncidentFrame> caught = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IncidentFrame> Caught => caught.Task;

        public Task OnFrame(IncidentFrame frame)
        {
            if (wanted(frame))
            {
                caught.TrySetResult(frame);
            }

            return Task.CompletedTask;
        }
    }
}

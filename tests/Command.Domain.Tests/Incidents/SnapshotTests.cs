using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Tests.Assessment;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Tests.Incidents;

public sealed class SnapshotTests
{
    // Noisy units doing everything the assessment distinguishes: closing, holding, moving away, going silent,
    // an acknowledgement, a threat that moves, one that is neutralized and then the other, which clears the flags.
    private static List<IncidentEvent> Recording(int schema = IncidentSchema.Current)
    {
        var random = new Random(7);
        double Noise() => (random.NextDouble() - 0.5) * 16;
        var drill = new Drill(schema: schema);
        drill.Threat("T1", 0, 0);
        drill.Threat("T2", 400, 400, uncertaintyM: 10);
        drill.Enrol("closing");
        drill.Enrol("holding");
        drill.Enrol("away", UnitRole.Unassigned);
        drill.Enrol("perimeter", UnitRole.Perimeter);
        drill.Move("closing", t => Drill.Toward(500, 0, 1.3)(t) + new LocalPoint(Noise(), Noise()), cadence: 2, accuracyM: 8);
        drill.Move("holding", t => new LocalPoint(60 + Noise(), 30 + Noise()), cadence: 5, accuracyM: null);
        drill.Move("away", t => new LocalPoint(80 + (1.2 * t) + Noise(), Noise()), cadence: 1, accuracyM: 8);
        drill.Move("perimeter", _ => new LocalPoint(150, 150), cadence: 15);
        drill.Run(140);
        drill.Feed(new FlagAcknowledged("holding", "commander", "rendering aid"));
        drill.Threat("T1", 10, 5);
        drill.Silence("away");
        drill.Run(120);
        drill.Feed(new ThreatPhaseChanged("T2", ThreatPhase.Neutralized, "commander"));
        drill.Run(60);

        // The threat the units were measured against is neutralized too: their flags come down.
        drill.Feed(new ThreatPhaseChanged("T1", ThreatPhase.Neutralized, "commander", "subject in custody"));
        drill.Run(20);
        Assert.Contains(drill.Recorded, e => e is FlagEscalated);
        Assert.Contains(drill.Recorded, e => e is FlagCleared);
        return drill.Recorded;
    }

    [Fact]
    public void Restoring_a_snapshot_and_replaying_the_rest_gives_what_was_recorded()
    {
        var recorded = Recording();
        var live = new IncidentStream();
        var checkedAt = 0;
        for (var i = 0; i < recorded.Count; i++)
        {
            live.Replay(recorded[i]);

            // A snapshot is taken once an input's derived events are recorded too, as the grain does.
            var complete = i + 1 == recorded.Count || !recorded[i + 1].IsDerived;
            if (!complete || i % 17 != 0 || !live.Exists)
            {
                continue;
            }

            // The snapshot goes through the session log's JSON, as a stored one would.
            var json = System.Text.Json.JsonSerializer.Serialize(live.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
            var replay = new IncidentStream();
            replay.Restore(System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentSnapshot)!);
            var folded = new List<IncidentEvent>();
            foreach (var e in recorded.Where(e => e.Sequence > live.LastSequence))
            {
                replay.Replay(e, folded);
            }

            Assert.Equal(recorded.Where(e => e.Sequence > live.LastSequence), folded);
            checkedAt++;
        }

        var fold = new IncidentStream();
        foreach (var e in recorded)
        {
            fold.Replay(e);
        }

        Assert.Equal(live.Projection.AssessAll(), fold.Projection.AssessAll());
        Assert.True(checkedAt > 20);
    }

    [Fact]
    public void A_unit_part_way_to_being_shown_moving_away_keeps_its_count_of_fixes_through_a_snapshot()
    {
        // Walked in, then turned back: its fixes show it moving away on one fix, then two, before the board may say
        // so. A host that restores the incident mid-way must count on from there, not from nothing.
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", t => new LocalPoint(t < 50 ? 400 - (1.3 * t) : 335 + (1.3 * (t - 50)), 0), cadence: 5, accuracyM: 1.5);
        drill.Run(50);
        Domain.Assessment.UnitSnapshot Unit(IncidentStream stream) => stream.Snapshot().Assessment.Units.Single(u => u.UnitId == "u1");
        while (Unit(drill.Stream).OpeningStreak == 0 && drill.Elapsed < 200)
        {
            drill.Run(1);
        }

        var taken = drill.Stream.Snapshot();
        var json = System.Text.Json.JsonSerializer.Serialize(taken, EventJsonContext.Default.IncidentSnapshot);
        var restored = new IncidentStream();
        restored.Restore(System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentSnapshot)!);

        var (live, back) = (Unit(drill.Stream), Unit(restored));
        Assert.InRange(live.OpeningStreak, 1, 2);
        Assert.Equal((live.OpeningStreak, live.HoldStreak, live.ProgressStreak, live.State), (back.OpeningStreak, back.HoldStreak, back.ProgressStreak, back.State));
    }

    [Fact]
    public void A_derived_event_applied_again_has_no_effect_beyond_the_sequence()
    {
        // Ticks recorded as events (the first schema): the projection alone sees every instant the stream did.
        var recorded = Recording(IncidentSchema.RecordedTicks);
        var fold = new IncidentProjection();
        foreach (var e in recorded.Where(e => !e.IsDerived))
        {
            fold.Apply(e);
        }

        var again = new IncidentProjection();
        foreach (var e in recorded)
        {
            Assert.Equal(e.IsDerived ? [] : again.Apply(e).Select(d => d with { Sequence = 0 }),
                e.IsDerived ? again.Apply(e) : recorded.SkipWhile(r => r != e).Skip(1).TakeWhile(r => r.IsDerived).Select(d => d with { Sequence = 0 }));
        }

        Assert.Equal(fold.AssessAll(), again.AssessAll());
        Assert.Equal(recorded[^1].Sequence, again.LastSequence);
    }
}

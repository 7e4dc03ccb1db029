using Command.Domain.Events;
using Command.Domain.Incidents;
using Command.Reporting.Tests.Support;

namespace Command.Reporting.Tests.Assessment;

public sealed class SendInsteadTests
{
    [Fact]
    public void The_unit_with_the_shortest_walk_is_proposed_first_though_another_is_nearer_in_a_straight_line()
    {
        var proposed = Assert.Single(GoldenDrill.Where<SendInsteadProposed>().Cast<SendInsteadProposed>());

        // A4 is 65 m from the threat but behind the building: round its corners (a metre off its walls) and in by the
        // south door is 169.0 m. A5 is 95 m out, straight in through that door. A2 is already closing, P3 is perimeter,
        // A1 is the flagged unit.
        Assert.Equal("A1", proposed.Subject);
        Assert.Equal(GoldenDrill.FlagAt, proposed.Time);
        Assert.Equal(2, proposed.PaceMps);
        Assert.Equal([("A5", 95.0, 47.5, true), ("A4", 169.0, 84.5, true)], proposed.Candidates.Select(c => (c.UnitId, c.WalkM, c.EtaS, c.AlongGraph)));
        var threat = GoldenDrill.Frame.ToLocal(GoldenDrill.At(0, 0));
        Assert.True(GoldenDrill.Frame.ToLocal(GoldenDrill.At(0, 65)).DistanceTo(threat) < GoldenDrill.Frame.ToLocal(GoldenDrill.At(0, -95)).DistanceTo(threat));
    }

    [Fact]
    public void A_unit_with_its_own_emergency_raised_is_not_proposed()
    {
        static Domain.Assessment.UnitAssessment Unit(string id, double distanceM, Domain.Assessment.FlagLevel flag = Domain.Assessment.FlagLevel.None, Domain.Units.UnitAlarm? alarm = null) =>
            new(id, id, Domain.Units.UnitRole.Contact, null, "T1", distanceM, null, null, null, null, Domain.Assessment.MotionState.Holding, null, flag, null, false, Alarm: alarm);
        var flagged = Unit("A1", 60, Domain.Assessment.FlagLevel.Alert);
        var alarmed = Unit("P2", 70, alarm: new Domain.Units.UnitAlarm("911 Alert", GoldenDrill.FlagAt, "cot:P2@10.20.0.7"));

        var candidates = Domain.Assessment.SendInstead.Rank(flagged, [flagged, alarmed, Unit("P3", 90)], 2);

        Assert.Equal(["P3"], candidates.Select(c => c.UnitId));
    }

    [Fact]
    public void The_proposal_follows_its_flag_in_the_recording_and_the_unit_taken_is_recorded_with_the_flag_it_answered()
    {
        var recorded = GoldenDrill.Recorded;
        var flag = recorded.OfType<FlagRaised>().First(f => f.Subject == "A1");
        var proposed = recorded.OfType<SendInsteadProposed>().Single();
        Assert.Equal(flag.Sequence + 1, proposed.Sequence);

        var taken = recorded.OfType<UnitRoleChanged>().Single();
        Assert.Equal(("A5", Domain.Units.UnitRole.Contact, "A1", "T1", "commander"), (taken.UnitId, taken.Role, taken.AnsweringFlag, taken.ThreatId, taken.Actor));
    }

    [Fact]
    public void Replaying_the_recording_derives_the_same_proposal_and_a_full_frame_carries_it_while_the_flag_is_up()
    {
        var stream = new IncidentStream();
        var folded = new List<IncidentEvent>();
        foreach (var e in GoldenDrill.Recorded)
        {
            stream.Replay(e, folded);
            if (e.Time == GoldenDrill.FlagAt.AddSeconds(30))
            {
                var full = Domain.Views.FrameCoalescer.Full("x", stream.Projection, stream.LastSequence);
                Assert.Equal(["A1"], full.Events.OfType<SendInsteadProposed>().Select(p => p.Subject));
                var restored = new IncidentStream();
                restored.Restore(stream.Snapshot());
                Assert.Equal(stream.Projection.Proposals["A1"], restored.Projection.Proposals["A1"]);
            }
        }

        Assert.Equal(GoldenDrill.Recorded.Select(EventJson.Serialize), folded.Select(EventJson.Serialize));
        Assert.Empty(stream.Projection.Proposals);
    }
}

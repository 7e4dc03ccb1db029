using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Views;
using Command.Grains.Incidents;
using Command.Host.Live;

namespace Command.Host.Tests.Live;

public sealed class FrameMergeTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    internal static UnitAssessment Unit(string id, double distance) =>
        new(id, id, UnitRole.Contact, null, "T1", distance, null, null, null, null, MotionState.Closing, T0, FlagLevel.None, null, false);

    internal static IncidentFrame Frame(long sequence, bool full, UnitAssessment[] units, IncidentEvent[]? events = null, Threat[]? threats = null) =>
        new("inc", sequence, T0.AddSeconds(sequence), full, [.. units], [.. threats ?? []], [.. events ?? []]);

    [Fact]
    public void The_word_that_the_incident_could_not_record_stands_until_a_frame_past_it()
    {
        var stopped = Frame(10, false, []) with { NotRecording = new(T0, "IOException: No space left on device") };

        Assert.Equal(stopped.NotRecording, FrameMerge.Merge(stopped, Frame(10, false, [])).NotRecording);
        Assert.Null(FrameMerge.Merge(stopped, Frame(11, false, [Unit("A", 90)])).NotRecording);
    }

    [Fact]
    public void Later_unit_states_win_and_untouched_units_are_kept()
    {
        var merged = FrameMerge.Merge(Frame(1, false, [Unit("A", 100), Unit("B", 50)]), Frame(2, false, [Unit("A", 90)]));

        Assert.Equal((2L, T0.AddSeconds(2), false), (merged.Sequence, merged.Clock, merged.Full));
        Assert.Equal([("A", 90.0), ("B", 50.0)], merged.Units.Select(u => (u.UnitId, u.DistanceM!.Value)).OrderBy(u => u.UnitId));
    }

    [Fact]
    public void Events_accumulate_in_order_and_threats_keep_the_latest_known()
    {
        var threat = new Threat("T1", new(44, -100), 5, ThreatPhase.Active);
        var ack = new FlagAcknowledged("A", "cmd", "rendering aid") { Sequence = 1 };
        var raised = new FlagRaised("B", FlagLevel.Watch, "hold", "holding") { Sequence = 2 };

        var merged = FrameMerge.Merge(Frame(1, false, [], [ack], [threat]), Frame(2, false, [], [raised]));

        Assert.Equal([ack, raised], merged.Events);
        Assert.Equal([threat], merged.Threats);
    }

    [Fact]
    public void The_later_word_of_the_zones_flags_wins_a_frame_without_one_keeps_the_earlier_and_a_full_frame_says_them_afresh()
    {
        ZoneFlagShown Hot(string howLong) => new("zone:hot", FlagLevel.Alert, "hot-zone-no-contact", $"hot zone Library has had no contact unit for {howLong}", T0, false);
        var three = Frame(1, false, []) with { ZoneFlags = [Hot("3 min")] };

        var four = FrameMerge.Merge(three, Frame(2, false, []) with { ZoneFlags = [Hot("4 min")] });
        var untouched = FrameMerge.Merge(three, Frame(2, false, [Unit("A", 10)]));
        var none = FrameMerge.Merge(three, Frame(2, false, []) with { ZoneFlags = [] });
        var full = FrameMerge.Merge(three, Frame(3, true, []));

        Assert.Equal([Hot("4 min")], four.ZoneFlags!.Value);
        Assert.Equal([Hot("3 min")], untouched.ZoneFlags!.Value);
        Assert.Empty(none.ZoneFlags!.Value);
        Assert.Null(full.ZoneFlags);
    }

    [Fact]
    public void A_full_frame_replaces_everything_before_it()
    {
        var merged = FrameMerge.Merge(Frame(5, false, [Unit("A", 10)]), Frame(3, true, [Unit("B", 20)]));

        Assert.True(merged.Full);
        Assert.Equal(["B"], merged.Units.Select(u => u.UnitId));
    }

    [Fact]
    public void The_later_word_of_how_fast_a_replay_s_clock_runs_wins_and_a_frame_without_one_keeps_the_earlier()
    {
        var paused = Frame(2, false, []) with { ClockRate = 0 };

        var played = FrameMerge.Merge(paused, Frame(2, false, []) with { ClockRate = 4 });
        var late = FrameMerge.Merge(paused, Frame(1, false, [Unit("A", 10)]));

        Assert.Equal((4.0, 0.0), (played.ClockRate, late.ClockRate));
    }

    [Fact]
    public void A_full_frame_of_a_closed_incident_merged_with_a_later_one_still_says_it_is_closed()
    {
        var closed = new IncidentClosed("exercise finished", "cmdr") { Sequence = 4, Time = T0.AddSeconds(4) };

        var merged = FrameMerge.Merge(Frame(4, true, [Unit("A", 10)]) with { Closed = closed }, Frame(5, false, [Unit("A", 9)]));
        var replaced = FrameMerge.Merge(Frame(4, true, []) with { Closed = closed }, Frame(2, true, []));

        Assert.Equal((true, closed), (merged.Full, merged.Closed));
        Assert.Null(replaced.Closed);
    }

    [Fact]
    public void A_full_frame_s_sources_down_merged_with_a_later_one_are_still_said()
    {
        Domain.Incidents.SourceOutage[] down = [new("cot-udp", "CoT UDP", T0, "no datagram for 60 s", "127.0.0.1:11111")];

        var merged = FrameMerge.Merge(Frame(4, true, [Unit("A", 10)]) with { SourcesDown = [.. down] }, Frame(5, false, [Unit("A", 9)]));
        var replaced = FrameMerge.Merge(Frame(4, true, []) with { SourcesDown = [.. down] }, Frame(6, true, []));

        Assert.Equal(down, merged.SourcesDown);
        Assert.Null(replaced.SourcesDown);
    }

    [Fact]
    public void A_client_far_behind_keeps_only_the_newest_events()
    {
        var many = Enumerable.Range(1, FrameMerge.MaxEvents + 50).Select(i => (IncidentEvent)new FlagCleared("A", "hold", "moving") { Sequence = i }).ToArray();

        var merged = FrameMerge.Merge(Frame(1, false, [], many[..100]), Frame(2, false, [], many[100..]));

        Assert.Equal(FrameMerge.MaxEvents, merged.Events.Length);
        Assert.Equal(51, merged.Events[0].Sequence);
    }
}

using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Threats;
using Command.Host.Live;
using static Command.Host.Tests.Live.FrameMergeTests;

namespace Command.Host.Tests.Live;

public sealed class FrameOrderTests
{
    private static readonly Threat Placed = new("T1", new(44, -100), 10, ThreatPhase.Active);
    private static readonly Threat Moved = Placed with { Position = new(44.001, -100) };

    [Fact]
    public void Frames_in_order_go_on_as_they_are()
    {
        var order = new FrameOrder();
        var first = Frame(5, false, [Unit("A", 100)], threats: [Placed]);
        var second = Frame(8, false, [Unit("A", 90), Unit("B", 50)], threats: [Moved]);

        Assert.Same(first, order.Admit(first));
        Assert.Same(second, order.Admit(second));
    }

    [Fact]
    public void A_full_frame_from_earlier_in_time_replaces_the_picture_and_what_follows_it_goes_on()
    {
        // A replay sought back: its full frame is numbered lower and stamped earlier than what the view had.
        var order = new FrameOrder();
        order.Admit(Frame(40, false, [Unit("A", 20), Unit("B", 30)], threats: [Moved]));

        var sought = Frame(12, true, [Unit("A", 90)], threats: [Placed]);
        var next = Frame(13, false, [Unit("A", 85), Unit("B", 80)], threats: [Moved]);

        Assert.Same(sought, order.Admit(sought));
        Assert.Same(next, order.Admit(next));
    }

    [Fact]
    public void An_empty_full_frame_goes_on_and_what_follows_it_is_not_held_back()
    {
        // A replay at its end, sought back to its first instant, before any unit was enrolled or threat placed.
        var order = new FrameOrder();
        Assert.NotNull(order.Admit(Frame(40, true, [Unit("A", 20)], threats: [Moved]) with { Generation = 3 }));
        var empty = Frame(1, true, []) with { Generation = 4 };
        var played = Frame(3, false, [Unit("A", 90)]) with { Generation = 5 };

        Assert.Same(empty, order.Admit(empty));
        Assert.Same(played, order.Admit(played));
    }

    [Fact]
    public void A_replay_frame_sent_before_its_latest_seek_is_dropped_when_it_comes_after_it()
    {
        var order = new FrameOrder();
        var first = Frame(30, true, [Unit("A", 40)]) with { Generation = 4 };
        var played = Frame(31, false, [Unit("A", 35)]) with { Generation = 5 };
        var sought = Frame(12, true, [Unit("A", 90)]) with { Generation = 6 };

        Assert.Same(first, order.Admit(first));
        Assert.Same(sought, order.Admit(sought));

        Assert.Null(order.Admit(played));
        Assert.Null(order.Admit(first));
        var next = Frame(13, false, [Unit("A", 85)]) with { Generation = 7 };
        Assert.Same(next, order.Admit(next));
    }

    [Fact]
    public void A_replay_heartbeat_sent_before_its_latest_seek_is_dropped_when_it_comes_after_it()
    {
        // Merged into the seek's full frame on its way to a browser, it set the view's clock back to before the seek.
        var order = new FrameOrder();
        Assert.NotNull(order.Admit(Frame(30, true, [Unit("A", 40)]) with { Generation = 4, ClockRate = 1 }));
        var heartbeat = Frame(30, false, []) with { Generation = 5, ClockRate = 1 };
        var sought = Frame(50, true, [Unit("A", 90)]) with { Clock = T0.AddMinutes(1), Generation = 6, ClockRate = 1 };

        Assert.Same(sought, order.Admit(sought));

        Assert.Null(order.Admit(heartbeat));
    }

    [Fact]
    public void A_replay_frame_that_comes_after_a_newer_one_says_nothing_of_how_fast_the_clock_runs()
    {
        // Played at 4x, then paused: the pause's word came first, and the frame played before it must not undo it.
        var order = new FrameOrder();
        Assert.NotNull(order.Admit(Frame(30, true, [Unit("A", 40)]) with { Generation = 4, ClockRate = 0 }));
        var played = Frame(31, false, [Unit("A", 35)]) with { Generation = 5, ClockRate = 4 };
        var playedWord = Frame(30, false, []) with { Generation = 6, ClockRate = 4 };
        var paused = Frame(31, false, []) with { Generation = 7, ClockRate = 0 };

        Assert.Same(paused, order.Admit(paused));
        var late = order.Admit(played);

        Assert.Null(order.Admit(playedWord));
        Assert.Equal(["A"], late!.Units.Select(u => u.UnitId));
        Assert.Null(late.ClockRate);
    }

    [Fact]
    public void A_frame_after_a_newer_one_brings_only_what_the_newer_one_did_not()
    {
        var order = new FrameOrder();
        var raised = new FlagRaised("C", FlagLevel.Watch, "not-closing", "holding 30 s") { Sequence = 7 };
        order.Admit(Frame(10, false, [Unit("A", 90), Unit("B", 50)], threats: [Moved]));

        var late = order.Admit(Frame(8, false, [Unit("A", 100), Unit("C", 70)], [raised], [Placed]));

        Assert.Equal(["C"], late!.Units.Select(u => u.UnitId));
        Assert.Empty(late.Threats);
        Assert.Equal([raised], late.Events);
        Assert.Equal(8, late.Sequence);
    }

    [Fact]
    public void A_late_frame_goes_on_without_its_zones_flags_where_a_newer_frame_said_them()
    {
        // The flag's words as of 6:55 came after those of 7:00: shown, they stood on the board until the words next
        // changed, the next frame saying nothing of the zones because nothing in them had changed since 7:00.
        var order = new FrameOrder();
        var raised = new FlagRaised("C", FlagLevel.Watch, "not-closing", "holding 30 s") { Sequence = 9 };
        var seven = Frame(10, false, [Unit("A", 90)]) with { ZoneFlags = [Hot("7 min")] };
        var six = Frame(9, false, [Unit("A", 100)], [raised]) with { ZoneFlags = [Hot("6 min")] };
        var sixAlone = Frame(9, false, []) with { ZoneFlags = [Hot("6 min")] };

        Assert.Same(seven, order.Admit(seven));
        var late = order.Admit(six);

        Assert.Null(late!.ZoneFlags);
        Assert.Equal([raised], late.Events);
        Assert.Null(order.Admit(sixAlone));
    }

    [Fact]
    public void A_frame_whose_only_news_is_the_zones_flags_goes_on()
    {
        // Its unit held back until the recording has its fix: dropped, its words were never shown, and the frame that
        // brought the unit said nothing of the zones, their words unchanged since the frame dropped.
        var order = new FrameOrder();
        Assert.NotNull(order.Admit(Frame(10, false, [Unit("A", 90)]) with { ZoneFlags = [Hot("6 min")] }));
        var words = Frame(12, false, []) with { ZoneFlags = [Hot("7 min")] };

        Assert.Same(words, order.Admit(words));
    }

    [Fact]
    public void A_late_frame_says_the_zones_flags_where_no_newer_frame_did()
    {
        var order = new FrameOrder();
        Assert.NotNull(order.Admit(Frame(10, false, [Unit("A", 90)])));
        var late = Frame(9, false, []) with { ZoneFlags = [Hot("6 min")] };
        var ticked = Frame(10, false, []) with { Clock = T0.AddSeconds(11), ZoneFlags = [Hot("7 min")] };
        var tickedBefore = Frame(10, false, []) with { ZoneFlags = [Hot("6 min")] };

        // Nothing newer said them: the late frame's are the latest word.
        Assert.Same(late, order.Admit(late));
        // A frame of the clock alone, at the same sequence: the later clock is the newer word.
        Assert.Same(ticked, order.Admit(ticked));
        Assert.Null(order.Admit(tickedBefore));
    }

    [Fact]
    public void A_full_frame_says_the_zones_flags_whatever_came_before_it()
    {
        var order = new FrameOrder();
        Assert.NotNull(order.Admit(Frame(40, false, []) with { ZoneFlags = [Hot("7 min")] }));
        var sought = Frame(12, true, []) with { ZoneFlags = [Hot("1 min")] };
        var next = Frame(13, false, []) with { ZoneFlags = [Hot("2 min")] };

        Assert.Same(sought, order.Admit(sought));
        Assert.Same(next, order.Admit(next));
    }

    [Fact]
    public void A_late_frame_a_newer_one_brought_all_of_is_dropped()
    {
        var order = new FrameOrder();
        order.Admit(Frame(10, false, [Unit("A", 90)]));

        Assert.Null(order.Admit(Frame(8, false, [Unit("A", 100)])));
    }

    [Fact]
    public void An_incident_that_starts_again_from_older_state_is_not_held_back()
    {
        var order = new FrameOrder();
        order.Admit(Frame(10, false, [Unit("A", 90)]));

        // Numbered from an older snapshot, but stamped later than anything seen.
        var restarted = Frame(8, false, [Unit("A", 80)]) with { Clock = T0.AddMinutes(5) };

        Assert.Same(restarted, order.Admit(restarted));
    }

    [Fact]
    public void The_word_that_the_incident_could_not_record_goes_on_though_it_holds_nothing_newer()
    {
        var order = new FrameOrder();
        order.Admit(Frame(10, false, [Unit("A", 90)]));

        var stopped = Frame(10, false, []) with { NotRecording = new(T0, "IOException: No space left on device") };

        Assert.Same(stopped, order.Admit(stopped));
    }

    private static ZoneFlagShown Hot(string howLong) =>
        new("zone:hot", FlagLevel.Alert, "hot-zone-no-contact", $"hot zone Library has had no contact unit for {howLong}", T0, false);
}

using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Tests.Assessment;
using Command.Domain.Tests.Zones;
using Command.Domain.Views;

namespace Command.Domain.Tests.Views;

/// <summary>
/// A zone's flag goes up and is escalated with events, but its rule stays broken on: the board says it in the words of
/// each frame, not those of its events, which stop at the escalation ("for 3 min" an hour on).
/// </summary>
public sealed class ZoneFlagFrameTests
{
    [Fact]
    public void A_zone_flag_standing_on_is_said_in_the_words_of_each_frame_and_sent_again_only_when_they_change()
    {
        // The Library holds the threat; its only contact unit stands 200 m out, and nobody comes. A medic staffs the
        // collection point.
        var drill = ZoneRuleTests.Campus();
        drill.Threat("T1", 0, 0);
        drill.Enrol("c1");
        drill.Move("c1", Drill.Still(0, 199));
        drill.Enrol("m1", Domain.Units.UnitRole.Medical);
        drill.Move("m1", Drill.Still(0, 220));
        var frames = new FrameCoalescer();
        var noticed = 0;
        IncidentFrame? Take(bool recorded = true)
        {
            if (recorded)
            {
                frames.Notice(drill.Recorded.Skip(noticed));
                noticed = drill.Recorded.Count;
            }

            frames.NoticeClock();
            return frames.Take("inc", drill.Projection, drill.Projection.LastSequence);
        }

        drill.Run(30);
        Assert.Empty(Take()?.ZoneFlags ?? []);

        // Raised at 60 s in a batch still on its way to the recording: not shown until it is recorded.
        drill.Run(60);
        Assert.Null(Take(recorded: false)?.ZoneFlags);
        var watched = Take()!;
        var flag = Assert.Single(watched.ZoneFlags!.Value);
        Assert.Equal(new ZoneFlagShown("zone:hot", FlagLevel.Watch, "hot-zone-no-contact", "hot zone Library has had no contact unit for 90 s while the threat is active",
            Drill.Start.AddSeconds(60), false), flag);

        // Nothing moved, nor the clock: no word of the zones.
        Assert.Null(Take()?.ZoneFlags);

        // An hour on, escalated at 3 min, and just acknowledged.
        drill.Run(3510);
        drill.Feed(new FlagAcknowledged("zone:hot", "ic", "rescue task force on its way"));
        drill.Run(1);
        var shown = Take()!;
        var escalated = drill.Derived.OfType<FlagEscalated>().Single(e => e.Subject == "zone:hot");
        Assert.Equal("hot zone Library has had no contact unit for 3 min while the threat is active", escalated.Reason);
        var now = new ZoneFlagShown("zone:hot", FlagLevel.Alert, "hot-zone-no-contact", "hot zone Library has had no contact unit for 60 min while the threat is active",
            Drill.Start.AddSeconds(60), true);
        Assert.Equal(now, Assert.Single(shown.ZoneFlags!.Value));
        Assert.Equal(now, Assert.Single(FrameCoalescer.Full("inc", drill.Projection, drill.Projection.LastSequence).ZoneFlags!.Value));

        // Taken out of the zone's rule by the threat contained: the frame says no zone flag is up.
        drill.Threat("T1", 0, 0, Domain.Threats.ThreatPhase.Contained);
        drill.Run(1);
        Assert.Empty(Take()!.ZoneFlags!.Value);
    }
}

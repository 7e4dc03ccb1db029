using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Tests.Assessment;

namespace Command.Domain.Tests.Incidents;

/// <summary>A unit's device that signs off reports no more: the unit is stale from then, and says why, until it reports again.</summary>
public sealed class UnitSignOffTests
{
    private const string Server = "cot:6c2d0f1e@10.20.0.2";

    /// <summary>
    /// An officer's ATAK phone through a TAK server: walking in at 1.4 m/s it reports every 18 s, each fix said to stand
    /// 51 s; stopped 150 m out at the door at 110 s it says it stands still and its fix stands 375 s. At 120 s he goes in
    /// and the server loses his phone, saying so where <paramref name="signsOff"/>. Returns the drill after 400 s.
    /// </summary>
    private static Drill OfficerWhoseServerLosesHimAtTheDoor(bool signsOff)
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        for (var second = 0; second <= 400; second++)
        {
            if (second <= 108 && second % 18 == 0)
            {
                drill.Fix("u1", new LocalPoint(300 - (1.4 * second), 0), accuracyM: 5, standsFor: TimeSpan.FromSeconds(51), speedMps: 1.4);
            }
            else if (second == 110)
            {
                drill.Fix("u1", new LocalPoint(146, 0), accuracyM: 5, standsFor: TimeSpan.FromSeconds(375), speedMps: 0.05);
            }
            else if (second == 120 && signsOff)
            {
                drill.Feed(new UnitSignedOff("u1", Server));
            }

            drill.Run(1);
        }

        return drill;
    }

    [Fact]
    public void A_unit_whose_device_signed_off_is_stale_at_once_and_not_flagged_for_standing_where_its_last_report_put_it()
    {
        var signedOff = OfficerWhoseServerLosesHimAtTheDoor(signsOff: true);
        var notSaid = OfficerWhoseServerLosesHimAtTheDoor(signsOff: false);

        // Without the word, his last report stands for 375 s and he is flagged for holding at the door he went through.
        Assert.Contains(notSaid.Derived, e => e is FlagRaised { Subject: "u1" });
        Assert.DoesNotContain(signedOff.Derived, e => e is FlagRaised { Subject: "u1" });
        var u1 = signedOff.Assess("u1");
        Assert.Equal(MotionState.Stale, u1.State);
        Assert.Equal((Drill.Start.AddSeconds(120), Server), (u1.SignedOff?.At, u1.SignedOff?.Actor));
        Assert.Null(u1.ClosingRateMps);
    }

    [Fact]
    public void A_flag_up_when_the_device_signs_off_stays_up_and_its_next_report_ends_the_sign_off()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(150, 0), cadence: 5);
        drill.Run(200);
        Assert.NotEqual(FlagLevel.None, drill.Assess("u1").Flag);

        drill.Silence("u1");
        drill.Feed(new UnitSignedOff("u1", Server));
        drill.Run(5);
        Assert.Equal((MotionState.Stale, true), (drill.Assess("u1").State, drill.Assess("u1").Flag != FlagLevel.None));
        Assert.Matches("^holding 3 min at 150 m from the threat; no backup reporting; its device signed off, last heard [5-9] s ago$", drill.Assess("u1").FlagReason);

        drill.Fix("u1", new LocalPoint(150, 0));
        drill.Run(1);
        Assert.Null(drill.Assess("u1").SignedOff);
        Assert.NotEqual(MotionState.Stale, drill.Assess("u1").State);
    }

    [Fact]
    public void A_flagged_unit_gone_silent_is_said_as_its_last_fixes_showed_it_and_how_long_ago()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(150, 0), cadence: 5);
        drill.Run(200);
        var held = drill.Assess("u1").FlagReason!;
        Assert.StartsWith("holding 3 min at 150 m", held, StringComparison.Ordinal);

        drill.Silence("u1");
        drill.Run(120);

        var u1 = drill.Assess("u1");
        Assert.Equal(MotionState.Stale, u1.State);
        Assert.Equal($"{held}; stale, last heard 2 min ago", u1.FlagReason);
    }

    [Fact]
    public void A_sign_off_survives_a_snapshot_and_a_start_over_forgets_it_and_one_of_a_unit_the_incident_does_not_have_changes_nothing()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Fix("u1", new LocalPoint(150, 0), standsFor: TimeSpan.FromSeconds(375), speedMps: 0);
        drill.Run(5);
        drill.Feed(new UnitSignedOff("u1", Server));
        drill.Feed(new UnitSignedOff("stranger", Server));

        var json = System.Text.Json.JsonSerializer.Serialize(drill.Projection.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
        var restored = new IncidentProjection();
        restored.Restore(System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentSnapshot)!);
        Assert.Equal(drill.Assess("u1").SignedOff, restored.Assess("u1")?.SignedOff);
        Assert.Equal(MotionState.Stale, restored.Assess("u1")?.State);
        Assert.False(drill.Projection.Units.ContainsKey("stranger"));

        drill.Feed(new DrillControlled(DrillControlled.StartOver, "demo", "drill", 2));
        Assert.Null(drill.Assess("u1").SignedOff);
    }

    [Fact]
    public void A_sign_off_reads_back_from_the_recordings_json_as_it_was()
    {
        IncidentEvent off = new UnitSignedOff("u1", Server) { Sequence = 9, Time = Drill.Start };

        var json = System.Text.Json.JsonSerializer.Serialize(off, EventJsonContext.Default.IncidentEvent);

        Assert.Contains("\"type\":\"unit-signed-off\"", json, StringComparison.Ordinal);
        Assert.Equal(off, System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentEvent));
    }
}

using Command.Domain.AfterAction;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Tests.Assessment;
using Command.Domain.Threats;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Incidents;

/// <summary>
/// A hostile marker of another uid dropped while the threat stands contained is a sighting of it: said, the threat left
/// where it was contained, in its phase, with its flags suppressed, until a commander declares it active.
/// </summary>
public sealed class MarkerSightingTests
{
    private const string Officer = "cot:HOSTILE-9@127.0.0.1, placed by ZULU 1";

    [Fact]
    public void Another_marker_on_a_contained_threat_is_a_sighting_of_it_said_where_it_is_and_moving_nothing()
    {
        var drill = Contained();
        var marked = Marker(drill, "HOSTILE-9", north: 25);

        Assert.True(ThreatSightings.Sights(drill.Projection.Threats["T1"], marked));
        var (sighted, repeat) = ThreatSightings.Of(drill.Projection.Threats["T1"], marked, Officer, drill.Frame);
        Assert.Null(repeat);
        Assert.Equal(new ThreatSighted("T1", "HOSTILE-9", marked.Position, "25 m north", ThreatPhase.Contained, Officer), sighted);
        Assert.Equal("new hostile marker HOSTILE-9 placed by ZULU 1, 25 m north of T1, which is contained: T1 stays contained until a commander declares it active", sighted!.Words);

        drill.Feed(sighted);
        var threat = drill.Projection.Threats["T1"];
        Assert.Equal((ThreatPhase.Contained, drill.Geo(0, 0)), (threat.Phase, threat.Position));
        Assert.Equal(new MarkerSighting(drill.Now, "HOSTILE-9", marked.Position, "25 m north", Officer), threat.Sighted);
        Assert.Equal(ThreatPhase.Contained, drill.Projection.Suppression?.Phase);
        Assert.Equal(
            "new hostile marker HOSTILE-9 placed by ZULU 1 at 09:00:00, 25 m north of T1, which is contained: T1 stays contained until a commander declares it active",
            threat.Sighted!.Words("T1", threat.Phase, SiteClock.UtcTime(threat.Sighted.At)));
    }

    [Fact]
    public void A_sighting_raises_no_flag_on_a_unit_holding_while_the_threat_is_contained()
    {
        var drill = Contained();
        drill.Enrol("u1");
        drill.Move("u1", Drill.Still(60, 0));
        drill.Run(20);
        var (sighted, _) = ThreatSightings.Of(drill.Projection.Threats["T1"], Marker(drill, "HOSTILE-9", north: 25), Officer, drill.Frame);
        drill.Feed(sighted!);
        drill.Run(120);

        Assert.Equal(FlagLevel.None, drill.Assess("u1").Flag);
    }

    [Fact]
    public void The_marker_that_placed_the_threat_is_no_sighting_nor_is_the_first_marker_nor_one_after_the_threats_own_was_deleted()
    {
        var drill = Contained(marker: "H-2");
        Assert.False(ThreatSightings.Sights(drill.Projection.Threats["T1"], Marker(drill, "H-2", north: 25)));
        Assert.False(ThreatSightings.Sights(null, Marker(drill, "HOSTILE-9", north: 25)));

        drill.Feed(new ThreatPhaseChanged("T1", ThreatPhase.Active, "incident command", "shots heard again"));
        drill.Feed(new ThreatMarkerDeleted("T1", "H-2", "cot:H-2@127.0.0.1"));
        Assert.False(ThreatSightings.Sights(drill.Projection.Threats["T1"], Marker(drill, "HOSTILE-9", north: 25)));
    }

    [Fact]
    public void Another_marker_away_from_an_active_threat_is_a_sighting_that_moves_nothing_until_a_commander_moves_the_threat()
    {
        // An officer at the shooter drops a marker on a suspicious package 200 m south: the shooter is not moved there.
        var drill = new Drill();
        drill.Feed(new ThreatSet(new Threat("T1", drill.Geo(0, 0), null, ThreatPhase.Active, Marker: "H-SHOOTER"), "cot:H-SHOOTER@127.0.0.1", PhaseChanges.Marker));
        var package = Marker(drill, "H-PKG", north: -200);

        Assert.True(ThreatSightings.Sights(drill.Projection.Threats["T1"], package));
        var (sighted, _) = ThreatSightings.Of(drill.Projection.Threats["T1"], package, Officer, drill.Frame);
        Assert.Equal("new hostile marker H-PKG placed by ZULU 1, 200 m south of T1, which is active: T1 stays where it is until a commander moves it", sighted!.Words);
        drill.Feed(sighted);
        Assert.Equal((drill.Geo(0, 0), "H-PKG"), (drill.Projection.Threats["T1"].Position, drill.Projection.Threats["T1"].Sighted?.Marker));

        // The shooter's own marker sent again moves him, and the sighting stands; a commander placing him answers it.
        drill.Feed(new ThreatSet(new Threat("T1", drill.Geo(2, 0), null, ThreatPhase.Active, Marker: "H-SHOOTER"), "cot:H-SHOOTER@127.0.0.1", PhaseChanges.Marker));
        Assert.Equal((drill.Geo(2, 0), "H-PKG"), (drill.Projection.Threats["T1"].Position, drill.Projection.Threats["T1"].Sighted?.Marker));
        drill.Feed(new ThreatSet(new Threat("T1", drill.Geo(0, -200), null, ThreatPhase.Active), "Cmdr Reyes"));
        Assert.Null(drill.Projection.Threats["T1"].Sighted);
    }

    [Fact]
    public void Another_marker_where_an_active_threat_stands_marks_it_there_and_records_nothing()
    {
        var drill = new Drill();
        drill.Feed(new ThreatSet(new Threat("T1", drill.Geo(0, 0), null, ThreatPhase.Active), "incident command"));

        var (sighted, repeat) = ThreatSightings.Of(drill.Projection.Threats["T1"], Marker(drill, "HOSTILE-9", north: 12), Officer, drill.Frame);

        Assert.Null(sighted);
        Assert.Equal(new Rejection(RejectReason.Duplicate, "hostile marker HOSTILE-9 marks threat T1 where it stands (12 m from it): nothing recorded"), repeat);
    }

    [Fact]
    public void The_sightings_marker_sent_again_is_a_duplicate_until_it_moves_more_than_a_few_tens_of_metres()
    {
        var drill = Contained();
        var (sighted, _) = ThreatSightings.Of(drill.Projection.Threats["T1"], Marker(drill, "HOSTILE-9", north: 25), Officer, drill.Frame);
        drill.Feed(sighted!);
        var threat = drill.Projection.Threats["T1"];

        Assert.Equal(RejectReason.Duplicate, ThreatSightings.Of(threat, Marker(drill, "HOSTILE-9", north: 25), Officer, drill.Frame).Repeat?.Reason);
        Assert.Equal(RejectReason.Duplicate, ThreatSightings.Of(threat, Marker(drill, "HOSTILE-9", east: 20, north: 25), Officer, drill.Frame).Repeat?.Reason);
        Assert.Equal("80 m north", ThreatSightings.Of(threat, Marker(drill, "HOSTILE-9", north: 80), Officer, drill.Frame).Sighted?.Heading);
        Assert.Equal("25 m north", ThreatSightings.Of(threat, Marker(drill, "HOSTILE-12", north: 25), Officer, drill.Frame).Sighted?.Heading);
    }

    [Fact]
    public void The_sighting_stands_through_its_threats_own_marker_and_neutralized_and_clears_when_declared_active()
    {
        var drill = Contained(marker: "H-2");
        Sight(drill);

        drill.Feed(new ThreatSet(new Threat("T1", drill.Geo(3, 0), null, ThreatPhase.Contained, Marker: "H-2"), "cot:H-2@10.20.0.9", PhaseChanges.Marker));
        drill.Feed(new ThreatPhaseChanged("T1", ThreatPhase.Neutralized, "incident command", "subject in custody"));
        Assert.Equal("HOSTILE-9", drill.Projection.Threats["T1"].Sighted?.Marker);
        Assert.Null(ThreatRepeats.Of(drill.Projection.Threats["T1"], drill.Projection.Threats["T1"] with { Sighted = null, Phase = ThreatPhase.Active }));
        Assert.Equal(RejectReason.Duplicate, ThreatRepeats.Of(drill.Projection.Threats["T1"], drill.Projection.Threats["T1"] with { Sighted = null })?.Reason);

        drill.Feed(new ThreatPhaseChanged("T1", ThreatPhase.Active, "incident command", "subject broke out"));
        Assert.Equal((ThreatPhase.Active, null, drill.Geo(3, 0)), (drill.Projection.Threats["T1"].Phase, drill.Projection.Threats["T1"].Sighted, drill.Projection.Threats["T1"].Position));
    }

    [Fact]
    public void The_sighting_clears_when_its_marker_is_deleted_or_the_incident_closes()
    {
        var drill = Contained();
        Sight(drill);
        drill.Feed(new ThreatMarkerDeleted("T1", "HOSTILE-9", "cot:HOSTILE-9@127.0.0.1", Sighting: true));
        Assert.Equal((ThreatPhase.Contained, null, null), (drill.Projection.Threats["T1"].Phase, drill.Projection.Threats["T1"].Sighted, drill.Projection.Threats["T1"].MarkerDeleted));

        Sight(drill);
        drill.Feed(new IncidentClosed("end of exercise", "controller"));
        Assert.Null(drill.Projection.Threats["T1"].Sighted);
    }

    [Fact]
    public void A_sighting_survives_a_snapshot_and_reads_back_from_the_recordings_json_as_it_was()
    {
        var drill = Contained();
        Sight(drill);

        var snapshot = System.Text.Json.JsonSerializer.Serialize(drill.Projection.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
        var restored = new Command.Domain.Incidents.IncidentProjection();
        restored.Restore(System.Text.Json.JsonSerializer.Deserialize(snapshot, EventJsonContext.Default.IncidentSnapshot)!);
        Assert.Equal(drill.Projection.Threats["T1"], restored.Threats["T1"]);

        IncidentEvent sighted = new ThreatSighted("T1", "HOSTILE-9", drill.Geo(0, 25), "25 m north", ThreatPhase.Contained, Officer) { Sequence = 9, Time = Drill.Start };
        var json = System.Text.Json.JsonSerializer.Serialize(sighted, EventJsonContext.Default.IncidentEvent);
        Assert.Contains("\"type\":\"threat-sighted\"", json, StringComparison.Ordinal);
        Assert.Equal(sighted, System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentEvent));
        Assert.Null(InputLimits.Check(sighted));
        Assert.Equal(RejectReason.TooLong, InputLimits.Check(new ThreatSighted("T1", new string('H', 65), drill.Geo(0, 25), "25 m north", ThreatPhase.Contained, Officer))?.Reason);
    }

    [Fact]
    public void The_after_action_report_lists_the_sighting_as_a_key_moment_and_in_incident_commands_log()
    {
        var drill = Contained();
        Sight(drill);
        drill.Feed(new ThreatMarkerDeleted("T1", "HOSTILE-9", "cot:HOSTILE-9@127.0.0.1", Sighting: true));

        var fold = new AfterActionFold();
        foreach (var e in drill.Recorded)
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        const string said = "New hostile marker HOSTILE-9 placed by ZULU 1, 25 m north of T1, which is contained: T1 stays contained until a commander declares it active (cot:HOSTILE-9@127.0.0.1, placed by ZULU 1)";
        Assert.Equal(said, report.Timeline.Single(m => m.Kind == "marker-sighted").Text);
        Assert.Equal(said, report.Activity.Single(a => a.Kind == "marker-sighted" && a.UnitId is null).Text);
        Assert.Equal("New hostile marker HOSTILE-9, a sighting of threat T1, deleted on a device (cot:HOSTILE-9@127.0.0.1); the threat stood as placed, contained",
            report.Timeline.Single(m => m.Kind == "marker-deleted").Text);
    }

    // T1 placed (by a commander, or from a marker) at the origin, and declared contained.
    [Fact]
    public void A_contained_threat_moved_or_its_marker_sent_again_keeps_the_suppression_as_declared()
    {
        var drill = Contained(marker: "H-2");
        var declared = drill.Projection.Suppression;
        drill.Wait(TimeSpan.FromSeconds(3));

        // A commander places it 50 m on, still contained; then its own marker comes again, where it was.
        drill.Feed(new ThreatSet(drill.Projection.Threats["T1"] with { Position = drill.Geo(30, 40) }, "admin"));
        drill.Feed(new ThreatSet(drill.Projection.Threats["T1"] with { Position = drill.Geo(0, 0) }, "cot:H-2@127.0.0.1", PhaseChanges.Marker));

        Assert.Equal(declared, drill.Projection.Suppression);
        Assert.Equal("flags suppressed: contained, declared by incident command: barricaded in room 12", drill.Projection.Suppression?.Words);

        // Placed active, it is a decision: flags come back; placed contained again, that is a new declaration.
        drill.Feed(new ThreatSet(drill.Projection.Threats["T1"] with { Phase = ThreatPhase.Active }, "admin"));
        Assert.Null(drill.Projection.Suppression);
        drill.Feed(new ThreatSet(drill.Projection.Threats["T1"] with { Phase = ThreatPhase.Contained }, "admin", "subject barricaded"));
        Assert.Equal(("admin", "subject barricaded", drill.Now), (drill.Projection.Suppression?.Actor, drill.Projection.Suppression?.Reason, drill.Projection.Suppression?.Since));
    }

    private static Drill Contained(string? marker = null)
    {
        var drill = new Drill();
        drill.Feed(new ThreatSet(new Threat("T1", drill.Geo(0, 0), null, ThreatPhase.Active, Marker: marker), "incident command"));
        drill.Feed(new ThreatPhaseChanged("T1", ThreatPhase.Contained, "incident command", "barricaded in room 12"));
        return drill;
    }

    private static void Sight(Drill drill) =>
        drill.Feed(ThreatSightings.Of(drill.Projection.Threats["T1"], Marker(drill, "HOSTILE-9", north: 25), Officer, drill.Frame).Sighted!);

    // A hostile marker as the CoT listeners hand it on.
    private static Threat Marker(Drill drill, string uid, double north, double east = 0) =>
        new("T1", drill.Geo(east, north), null, ThreatPhase.Active, Marker: uid);
}

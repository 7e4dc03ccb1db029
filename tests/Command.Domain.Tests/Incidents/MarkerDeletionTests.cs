using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Tests.Assessment;
using Command.Domain.Geometry;
using Command.Domain.Threats;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Incidents;

/// <summary>
/// A threat whose TAK marker was deleted on a device stands where it was, in its phase, and says so, until it is placed
/// again; deleting a marker is no declaration, and flags go on.
/// </summary>
public sealed class MarkerDeletionTests
{
    private const string Deleter = "cot:ANDROID-589520ccfcd20f01@10.20.0.9";

    [Fact]
    public void A_deleted_marker_is_said_on_its_threat_which_stands_active_and_flags_go_on()
    {
        var drill = new Drill();
        Placed(drill);
        drill.Enrol("u1");
        drill.Enrol("u2");
        drill.Move("u1", Drill.Still(40, 0));
        drill.Move("u2", Drill.Still(720, 0));
        drill.Run(30);

        drill.Feed(new ThreatMarkerDeleted("T1", "H-2", Deleter));
        var deletedAt = drill.Now;
        drill.Run(70);

        var threat = drill.Projection.Threats["T1"];
        Assert.Equal((ThreatPhase.Active, new MarkerDeletion(deletedAt, "H-2", Deleter)), (threat.Phase, threat.MarkerDeleted));
        Assert.Equal(drill.Geo(0, 0), threat.Position);
        Assert.Equal(FlagLevel.Alert, drill.Assess("u1").Flag);
    }

    [Fact]
    public void A_declared_phase_keeps_the_deletion_and_the_marker_placed_again_clears_it()
    {
        var drill = new Drill();
        Placed(drill);
        drill.Feed(new ThreatMarkerDeleted("T1", "H-2", Deleter));

        drill.Feed(new ThreatPhaseChanged("T1", ThreatPhase.Neutralized, "incident command", "subject in custody"));
        Assert.Equal((ThreatPhase.Neutralized, "H-2"), (drill.Projection.Threats["T1"].Phase, drill.Projection.Threats["T1"].MarkerDeleted?.Marker));

        Placed(drill, east: 5);
        Assert.Null(drill.Projection.Threats["T1"].MarkerDeleted);
    }

    [Fact]
    public void A_deletion_survives_a_snapshot_and_reads_back_from_the_recordings_json_as_it_was()
    {
        var drill = new Drill();
        Placed(drill);
        drill.Feed(new ThreatMarkerDeleted("T1", "H-2", Deleter));

        var snapshot = System.Text.Json.JsonSerializer.Serialize(drill.Projection.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
        var restored = new Command.Domain.Incidents.IncidentProjection();
        restored.Restore(System.Text.Json.JsonSerializer.Deserialize(snapshot, EventJsonContext.Default.IncidentSnapshot)!);
        Assert.Equal(drill.Projection.Threats["T1"], restored.Threats["T1"]);
        Assert.NotNull(restored.Threats["T1"].MarkerDeleted);

        IncidentEvent deleted = new ThreatMarkerDeleted("T1", "H-2", Deleter) { Sequence = 9, Time = Drill.Start };
        var json = System.Text.Json.JsonSerializer.Serialize(deleted, EventJsonContext.Default.IncidentEvent);
        Assert.Contains("\"type\":\"threat-marker-deleted\"", json, StringComparison.Ordinal);
        Assert.Equal(deleted, System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentEvent));
    }

    // The threat placed from the TAK marker H-2 as the CoT listeners hand it on, <paramref name="east"/> of the origin.
    private static void Placed(Drill drill, double east = 0) =>
        drill.Feed(new ThreatSet(new Threat("T1", drill.Geo(east, 0), null, ThreatPhase.Active, Marker: "H-2"), "cot:H-2@10.20.0.9", PhaseChanges.Marker));

    [Fact]
    public void A_deletion_names_its_marker_and_device_within_the_recordings_limits()
    {
        Assert.Null(InputLimits.Check(new ThreatMarkerDeleted("T1", "H-2", Deleter)));
        Assert.Equal(RejectReason.TooLong, InputLimits.Check(new ThreatMarkerDeleted("T1", new string('H', 65), Deleter))?.Reason);
        Assert.Equal("marker uid is 65 characters (limit 64)",
            InputLimits.Check(new Threat("T1", new GeoPoint(39.7, -104.9), null, ThreatPhase.Active, Marker: new string('H', 65)))?.Detail);
    }
}

using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Incidents;
using Command.Domain.Reports;
using Command.Domain.Tests.Assessment;
using Command.Domain.Units;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Incidents;

/// <summary>
/// A unit's device that calls itself otherwise mid-drill is said once, while the unit keeps the callsign it is enrolled
/// under: its first callsign is no change, and a device flapping between two names is not said at every report.
/// </summary>
public sealed class DeviceRenameTests
{
    [Fact]
    public void A_device_that_changes_its_callsign_is_said_once_and_the_unit_keeps_its_enrolled_callsign()
    {
        var drill = new Drill();
        drill.Feed(new UnitEnrolled("ANDROID-u7", "GOLF 7", UnitRole.Contact, "auto-enrol (CoT)"));

        var said = Reports(drill, "GOLF 7", "GOLF 7", "GOLF 7 (MEDIC)", "GOLF 7 (MEDIC)", "GOLF 7 (MEDIC)");

        Assert.Equal([new UnitDeviceRenamed("ANDROID-u7", "GOLF 7 (MEDIC)", "GOLF 7")], said);
        var unit = drill.Projection.Units["ANDROID-u7"];
        Assert.Equal(("GOLF 7", "GOLF 7 (MEDIC)"), (unit.Callsign, unit.Device?.Callsign));
        Assert.Equal("GOLF 7", drill.Assess("ANDROID-u7").Callsign);
    }

    [Fact]
    public void The_first_callsign_a_device_reports_is_no_change_whatever_the_unit_was_enrolled_as()
    {
        var drill = new Drill();
        drill.Feed(new UnitEnrolled("ANDROID-u7", "G7", UnitRole.Contact, "incident command"));

        Assert.Empty(Reports(drill, "GOLF 7", "GOLF 7"));
        Assert.Equal("GOLF 7", drill.Projection.Units["ANDROID-u7"].Device?.Callsign);
    }

    [Fact]
    public void A_device_flapping_between_two_callsigns_is_said_each_way_once_not_at_every_report()
    {
        // Two phones reporting under one uid, or a user who cannot decide: said going and coming back, then no more.
        var drill = new Drill();
        drill.Feed(new UnitEnrolled("ANDROID-u7", "GOLF 7", UnitRole.Contact, "auto-enrol (CoT)"));

        var said = Reports(drill, "GOLF 7", "GOLF 7 (MEDIC)", "GOLF 7", "GOLF 7 (MEDIC)", "GOLF 7", "GOLF 7 (MEDIC)");

        Assert.Equal(
            [new UnitDeviceRenamed("ANDROID-u7", "GOLF 7 (MEDIC)", "GOLF 7"), new UnitDeviceRenamed("ANDROID-u7", "GOLF 7", "GOLF 7 (MEDIC)")],
            said);
        Assert.Equal("GOLF 7 (MEDIC)", drill.Projection.Units["ANDROID-u7"].Device?.Callsign);
    }

    [Fact]
    public void A_device_that_renames_itself_at_every_report_is_said_no_more_than_ten_times()
    {
        var drill = new Drill();
        drill.Feed(new UnitEnrolled("ANDROID-u7", "GOLF 7", UnitRole.Contact, "auto-enrol (CoT)"));

        var said = Reports(drill, [.. Enumerable.Range(0, 15).Select(i => $"GOLF {i}")]);

        Assert.Equal(DeviceCallsign.MostSaid, said.Count);
        Assert.Equal("GOLF 14", drill.Projection.Units["ANDROID-u7"].Device?.Callsign);
    }

    [Fact]
    public void A_report_without_a_callsign_changes_nothing_of_what_its_device_calls_itself()
    {
        var drill = new Drill();
        drill.Feed(new UnitEnrolled("ANDROID-u7", "GOLF 7", UnitRole.Contact, "auto-enrol (CoT)"));

        Assert.Empty(Reports(drill, "GOLF 7", null, "GOLF 7"));
        Assert.Equal("GOLF 7", drill.Projection.Units["ANDROID-u7"].Device?.Callsign);
    }

    [Fact]
    public void What_a_device_calls_itself_survives_a_snapshot_and_its_renaming_reads_back_from_the_recordings_json()
    {
        var drill = new Drill();
        drill.Feed(new UnitEnrolled("ANDROID-u7", "GOLF 7", UnitRole.Contact, "auto-enrol (CoT)"));
        Reports(drill, "GOLF 7", "GOLF 7 (MEDIC)");

        var snapshot = System.Text.Json.JsonSerializer.Serialize(drill.Projection.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
        var restored = new IncidentProjection();
        restored.Restore(System.Text.Json.JsonSerializer.Deserialize(snapshot, EventJsonContext.Default.IncidentSnapshot)!);
        Assert.Equal(drill.Projection.Units["ANDROID-u7"], restored.Units["ANDROID-u7"]);
        Assert.Equal(["GOLF 7 (MEDIC)"], restored.Units["ANDROID-u7"].Device!.Said);
        Assert.Null(restored.Units["ANDROID-u7"].Device?.Turn("ANDROID-u7", "GOLF 7 (MEDIC)"));

        IncidentEvent renamed = new UnitDeviceRenamed("ANDROID-u7", "GOLF 7 (MEDIC)", "GOLF 7") { Sequence = 9, Time = Drill.Start };
        var json = System.Text.Json.JsonSerializer.Serialize(renamed, EventJsonContext.Default.IncidentEvent);
        Assert.Contains("\"type\":\"unit-device-renamed\"", json, StringComparison.Ordinal);
        Assert.Equal(renamed, System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentEvent));
    }

    [Fact]
    public void A_renaming_holds_callsigns_within_the_recordings_limits()
    {
        Assert.Null(InputLimits.Check(new UnitDeviceRenamed("ANDROID-u7", "GOLF 7 (MEDIC)", "GOLF 7")));
        Assert.Equal(RejectReason.TooLong, InputLimits.Check(new UnitDeviceRenamed("ANDROID-u7", new string('G', 65), "GOLF 7"))?.Reason);
        Assert.Equal("callsign holds an invisible formatting character (U+202E)",
            InputLimits.Check(new UnitDeviceRenamed("ANDROID-u7", "GOLF 7", "GOLF\u202E 7"))?.Detail);
    }

    // Reports of the unit 10 s apart under the callsigns given, each followed by the renaming the incident grain records
    // for it (decided on the unit as it stood before the report); returns the renamings.
    private static List<UnitDeviceRenamed> Reports(Drill drill, params string?[] callsigns)
    {
        var said = new List<UnitDeviceRenamed>();
        foreach (var callsign in callsigns)
        {
            var renamed = drill.Projection.Units["ANDROID-u7"].Device?.Turn("ANDROID-u7", callsign);
            drill.Feed(new PositionAccepted(new PositionReport("ANDROID-u7", ReportSource.CoT, drill.Now, drill.Geo(100, 0), AccuracyM: 5, Callsign: callsign)));
            if (renamed is not null)
            {
                drill.Feed(renamed);
                said.Add(renamed);
            }

            drill.Run(10);
        }

        return said;
    }
}

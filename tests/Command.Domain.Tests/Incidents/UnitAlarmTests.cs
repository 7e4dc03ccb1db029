using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Tests.Assessment;

namespace Command.Domain.Tests.Incidents;

/// <summary>An emergency a unit's own device raised shows on its row until the device cancels it.</summary>
public sealed class UnitAlarmTests
{
    [Fact]
    public void A_units_alert_shows_on_its_row_until_its_device_cancels_it()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Fix("u1", new LocalPoint(100, 0));
        drill.Run(5);

        drill.Feed(Alert("u1", "911 Alert"));
        var raised = drill.Now;
        drill.Run(20);

        Assert.Equal(("911 Alert", raised, "cot:ANDROID-1@10.20.0.7"), (drill.Assess("u1").Alarm?.Kind, drill.Assess("u1").Alarm?.Since, drill.Assess("u1").Alarm?.Actor));
        drill.Fix("u1", new LocalPoint(95, 0));
        Assert.NotNull(drill.Assess("u1").Alarm);

        drill.Feed(Alert("u1", "Alert", cancelled: true));
        Assert.Null(drill.Assess("u1").Alarm);
    }

    [Fact]
    public void An_alert_survives_a_snapshot_and_a_start_over_forgets_it_and_one_of_a_unit_the_incident_does_not_have_changes_nothing()
    {
        var drill = new Drill();
        drill.Enrol("u1");
        drill.Feed(Alert("u1", "Troops In Contact"));
        drill.Feed(Alert("stranger", "911 Alert"));

        var json = System.Text.Json.JsonSerializer.Serialize(drill.Projection.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
        var restored = new Command.Domain.Incidents.IncidentProjection();
        restored.Restore(System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentSnapshot)!);
        Assert.Equal(drill.Assess("u1").Alarm, restored.Assess("u1")?.Alarm);
        Assert.NotNull(restored.Assess("u1")?.Alarm);
        Assert.False(drill.Projection.Units.ContainsKey("stranger"));

        drill.Feed(new DrillControlled(DrillControlled.StartOver, "demo", "drill", 2));
        Assert.Null(drill.Assess("u1").Alarm);
    }

    [Fact]
    public void An_alert_reads_back_from_the_recordings_json_as_it_was()
    {
        IncidentEvent alert = new UnitAlarmed("u1", "911 Alert", false, new GeoPoint(38.6512, -98.4306), "cot:ANDROID-1@10.20.0.7") { Sequence = 9, Time = Drill.Start };

        var json = System.Text.Json.JsonSerializer.Serialize(alert, EventJsonContext.Default.IncidentEvent);

        Assert.Contains("\"type\":\"unit-alarmed\"", json, StringComparison.Ordinal);
        Assert.Equal(alert, System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentEvent));
    }

    private static UnitAlarmed Alert(string unitId, string kind, bool cancelled = false) =>
        new(unitId, kind, cancelled, new GeoPoint(38.6512, -98.4306), "cot:ANDROID-1@10.20.0.7");
}

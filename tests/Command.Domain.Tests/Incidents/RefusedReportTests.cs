using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Tests.Assessment;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Incidents;

/// <summary>A unit whose reports are refused says so on the board until one of its reports is accepted.</summary>
public sealed class RefusedReportTests
{
    [Fact]
    public void Refused_reports_of_a_unit_are_counted_with_the_latest_reason_until_one_is_accepted()
    {
        var drill = new Drill();
        drill.Threat("T1", 0, 0);
        drill.Enrol("u1");
        drill.Fix("u1", new LocalPoint(100, 0));
        drill.Run(5);

        drill.Feed(Refused("u1", RejectReason.FutureFix, "fix time is 40 s ahead (limit 5 s)"));
        drill.Run(5);
        drill.Feed(Refused("u1", RejectReason.Duplicate, "the same fix again"));
        drill.Feed(Refused("u1", RejectReason.TooOld, "fix time is 10 min old (limit 2 min)"));

        var refused = drill.Assess("u1").Refused;
        Assert.Equal(("too-old", "fix time is 10 min old (limit 2 min)", 2, drill.Now), (refused?.Reason, refused?.Detail, refused?.Count, refused?.At));
        Assert.NotNull(drill.Assess("u1").LastFix);

        drill.Fix("u1", new LocalPoint(95, 0));
        Assert.Null(drill.Assess("u1").Refused);
    }

    [Fact]
    public void A_duplicate_alone_is_no_news_and_a_refusal_of_a_unit_the_incident_does_not_have_changes_nothing()
    {
        var drill = new Drill();
        drill.Enrol("u1");
        drill.Fix("u1", new LocalPoint(100, 0));

        drill.Feed(Refused("u1", RejectReason.Duplicate, "the same fix again"));
        drill.Feed(Refused("stranger", RejectReason.FutureFix, "fix time is 40 s ahead (limit 5 s)"));

        Assert.Null(drill.Assess("u1").Refused);
        Assert.False(drill.Projection.Units.ContainsKey("stranger"));
    }

    [Fact]
    public void What_its_device_sends_that_is_no_position_at_all_does_not_mark_its_reports_refused()
    {
        // An officer deletes a marker on his ATAK, which sends the delete under his device's uid; an APRS tracker beacons
        // a status between its positions. Neither says anything of the positions they report.
        var drill = new Drill();
        drill.Enrol("u1");
        drill.Fix("u1", new LocalPoint(100, 0));

        drill.Feed(Refused("u1", RejectReason.NotAPosition, "event type t-x-d-d is not a ground unit or a hostile marker"));
        drill.Feed(Refused("u1", RejectReason.NotAPosition, "packet type '>' (status) carries no unit position"));
        Assert.Null(drill.Assess("u1").Refused);

        drill.Feed(Refused("u1", RejectReason.NoFix, "event u1's device has no fix of its own"));
        Assert.Equal("no-fix", drill.Assess("u1").Refused?.Reason);
    }

    [Fact]
    public void The_refusal_survives_a_snapshot_and_a_start_over_forgets_it()
    {
        var drill = new Drill();
        drill.Enrol("u1");
        drill.Feed(Refused("u1", RejectReason.ImpliedSpeed, "implies 80 m/s"));

        // As the recording keeps a snapshot: in its JSON.
        var json = System.Text.Json.JsonSerializer.Serialize(drill.Projection.Snapshot(), EventJsonContext.Default.IncidentSnapshot);
        var restored = new Command.Domain.Incidents.IncidentProjection();
        restored.Restore(System.Text.Json.JsonSerializer.Deserialize(json, EventJsonContext.Default.IncidentSnapshot)!);
        Assert.NotNull(restored.Assess("u1")?.Refused);
        Assert.Equal(drill.Assess("u1").Refused, restored.Assess("u1")?.Refused);

        drill.Feed(new DrillControlled(DrillControlled.StartOver, "demo", "drill", 2));
        Assert.Null(drill.Assess("u1").Refused);
    }

    private static InputRejected Refused(string unitId, RejectReason reason, string detail) =>
        new(ReportSource.Json, reason, detail, unitId, "{}");
}

using System.Text;
using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Sites;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Recording.AfterAction;

namespace Command.Recording.Tests.AfterAction;

/// <summary>What the report's HTML shows a reader: an officer's own alert on the timeline, units by their callsigns.</summary>
public sealed class AfterActionHtmlTimelineTests
{
    private static readonly DateTimeOffset T0 = Scenarios.Drill.T0;
    private static readonly GeoPoint Origin = Scenarios.Drill.Origin;

    [Fact]
    public async Task The_first_unit_on_scene_is_named_by_its_callsign_with_its_device_id_beside()
    {
        var (report, html) = await ReportAsync(
            new UnitEnrolled("ANDROID-589520ccfcd20f01", "ALPHA 7", UnitRole.Contact, "cot") { Time = T0 },
            new PositionAccepted(new PositionReport("ANDROID-589520ccfcd20f01", ReportSource.CoT, T0.AddSeconds(20), Origin, null, 5, null, null)) { Time = T0.AddSeconds(20) });

        Assert.NotNull(report.Incident.FirstOnScene);
        // A device uid is a long word: its cell may break it rather than widen the page.
        Assert.Contains("<th>first on scene</th><td class=\"wrap\">ALPHA 7 (ANDROID-589520ccfcd20f01) ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_units_alert_raised_and_cancelled_is_on_the_timeline_with_its_shape_in_the_legend()
    {
        var (_, html) = await ReportAsync(
            new UnitEnrolled("P1", "Adam 1", UnitRole.Contact, "cmd") { Time = T0 },
            new UnitAlarmed("P1", "911 Alert", false, Origin, "cot:P1@10.0.0.7") { Time = T0.AddSeconds(30) },
            new UnitAlarmed("P1", "Alert", true, Origin, "cot:P1@10.0.0.7") { Time = T0.AddSeconds(90) });

        Assert.Contains("<g class=\"alarm-raised\"><title>15:00:30 UTC Adam 1 (P1): 911 Alert raised from its device (cot:P1@10.0.0.7)</title>", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"alarm-cancelled\"><title>15:01:30 UTC Adam 1 (P1): Alert cancelled from its device (cot:P1@10.0.0.7)</title>", html, StringComparison.Ordinal);
        Assert.Contains("Star: a unit's own alert from its device, filled where raised, hollow where cancelled.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_threats_marker_deleted_on_a_device_is_a_hollow_diamond_on_the_threats_row_named_in_the_legend()
    {
        var (_, html) = await ReportAsync(new ThreatMarkerDeleted("T1", "H-2", "cot:ANDROID-7f3a@10.0.0.9") { Time = T0.AddSeconds(40) });

        var row = html.IndexOf("class=\"row\">threat-phase</text>", StringComparison.Ordinal);
        var mark = html.IndexOf("<g class=\"marker-deleted\"><title>15:00:40 UTC T1: Threat T1&#39;s marker H-2 deleted on a device (cot:ANDROID-7f3a@10.0.0.9); the threat stood as placed, active</title><path d=", StringComparison.Ordinal);
        var nextRow = html.IndexOf("class=\"row\">unit alert</text>", StringComparison.Ordinal);
        Assert.True(row >= 0 && row < mark && mark < nextRow, "the deletion is marked on the threat's row");
        Assert.Contains(".marker-deleted{fill:#fff;", html, StringComparison.Ordinal);
        Assert.Contains("Diamond: threat phase, hollow where the threat's marker was deleted on a device.", html, StringComparison.Ordinal);
    }

    // The report of an incident opened at T0 with an active threat at the origin, then the given events, and its HTML.
    private static async Task<(AfterActionReport Report, string Html)> ReportAsync(params IncidentEvent[] events)
    {
        var fold = new AfterActionFold();
        fold.Apply(new IncidentOpened("inc-1", "Drill", new Site("School", Origin, [], []), true, "cmd") { Time = T0 });
        fold.Apply(new ThreatSet(new Threat("T1", Origin, 5, ThreatPhase.Active), "cmd") { Time = T0 });
        foreach (var e in events)
        {
            fold.Apply(e);
        }

        var report = fold.Build();
        using var stream = new MemoryStream();
        await AfterActionHtml.WriteAsync(report, stream, null, TestContext.Current.CancellationToken);
        return (report, Encoding.UTF8.GetString(stream.ToArray()));
    }
}

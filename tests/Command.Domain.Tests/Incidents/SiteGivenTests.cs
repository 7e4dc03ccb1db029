using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Sites;
using Command.Domain.Tests.Assessment;
using Command.Domain.Validation;

namespace Command.Domain.Tests.Incidents;

/// <summary>
/// An incident opened with only an origin and given its site later (a drill brings its scenario's): units are measured
/// against the site given from then on, after a restart as live, and the after-action report knows its zones.
/// </summary>
public sealed class SiteGivenTests
{
    private static (Drill Drill, Site Site) Given()
    {
        var drill = new Drill();
        var hot = new Zone("hot", "School", ZoneKind.Hot, [drill.Geo(-30, 70), drill.Geo(30, 70), drill.Geo(30, 130), drill.Geo(-30, 130)]);
        var site = Drill.SiteWith([drill.Box("school", -20, 80, 20, 120)], zones: [hot]) with { Name = "School", TimeZone = "America/Chicago" };
        drill.Enrol("inside");
        drill.Move("inside", Drill.Still(0, 100), cadence: 2);
        drill.Run(4);
        return (drill, site);
    }

    [Fact]
    public void A_unit_inside_a_zone_of_a_site_given_after_opening_is_counted_in_it_and_still_after_a_restart()
    {
        var (drill, site) = Given();
        Assert.Empty(drill.Projection.Occupancy!.Zones);

        drill.Feed(new SiteSet(site, "drill"));
        drill.Run(4);
        var restarted = drill.Restarted();

        Assert.Equal(["inside"], drill.Projection.Occupancy!.Occupants("hot").Keys);
        var kept = restarted.Projection.Site!;
        Assert.Equal(("School", "America/Chicago"), (kept.Name, kept.TimeZone));
        Assert.Equal(["school"], kept.Buildings.Select(b => b.BuildingId));
        Assert.Equal(["hot"], kept.Zones.Select(z => z.ZoneId));
        Assert.Equal(drill.Projection.Occupancy.Occupants("hot"), restarted.Projection.Occupancy!.Occupants("hot"));
        Assert.Equal(Drill.Origin, kept.Origin);
    }

    [Fact]
    public async Task The_after_action_report_names_the_zones_and_time_zone_of_the_site_given()
    {
        var (drill, site) = Given();
        drill.Feed(new SiteSet(site, "Exercise lead", "school-1"));
        drill.Run(4);

        var report = await AfterActionFold.BuildAsync(drill.Recorded.ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([new ReportZone("hot", "School", ZoneKind.Hot)], report.Zones);
        Assert.Equal(("School", "America/Chicago"), (report.Incident.Site, report.Incident.TimeZone));
        Assert.Contains(report.Activity, a => a is { Kind: "site-set", Text: "Site School set by drill school-1: 1 building, 1 zone (Exercise lead)" });
    }

    [Fact]
    public void A_site_handed_on_whole_is_judged_by_the_rules_every_site_obeys()
    {
        var (_, site) = Given();
        var badZone = site with { Zones = [site.Zones[0] with { ZoneId = "hot zone" }] };

        Assert.Null(InputLimits.Check(new SiteSet(site, "drill")));
        Assert.Equal(
            new Rejection(RejectReason.InvalidValue, "site.zones[0].id: 'hot zone' is not an id: 1-64 letters, digits, '-', '_' or '.'"),
            InputLimits.Check(new SiteSet(badZone, "drill")));
        Assert.Equal(RejectReason.InvalidValue, InputLimits.Check(new SiteSet(site, "Exercise lead", "school\u0007"))?.Reason);
    }
}

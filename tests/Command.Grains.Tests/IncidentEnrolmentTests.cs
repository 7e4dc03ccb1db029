using System.Collections.Immutable;
using Command.Domain.Events;
using Command.Domain.Sites;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Grains.Incidents;
using Command.Grains.Tests.Support;
using Command.Grains.Units;
using Command.Grains.Zones;

namespace Command.Grains.Tests;

/// <summary>
/// Units enrolled together, all or none, whatever another incident does between; and an incident opened with only an
/// origin given its site, once, recorded.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class IncidentEnrolmentTests(ClusterFixture fixture)
{
    // Unit grains are keyed by unit id alone and the tests share one cluster: each test has its own units.
    private readonly string[] units = [.. Enumerable.Range(1, 4).Select(i => $"E{i}-{Guid.NewGuid():N}"[..16])];

    private static string NewId() => $"inc-{Guid.NewGuid():N}";

    private async Task<IIncidentGrain> OpenAsync(string id, Site? site = null)
    {
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(id);
        Assert.Null(await incident.Open(new OpenIncident("Test drill", site ?? Sites.School(), true, "trainer")));
        return incident;
    }

    private ImmutableArray<UnitToEnrol> All => [.. units.Select(u => new UnitToEnrol(u, u, UnitRole.Contact))];

    // The incident that holds the unit, or "free".
    private async Task<string> HolderAsync(string unitId) => (await fixture.Grains.GetGrain<IUnitGrain>(unitId).Get())?.IncidentId ?? "free";

    [Fact]
    public async Task Units_enrolled_together_are_all_enrolled_in_one_recorded_batch()
    {
        var id = NewId();
        var incident = await OpenAsync(id);

        Assert.Null(await incident.EnrolAll(All, "drill"));

        Assert.Equal(units.Order(StringComparer.Ordinal), (await incident.GetUnits()).Select(u => u.UnitId).Order(StringComparer.Ordinal));
        Assert.Equal([id, id, id, id], await Task.WhenAll(units.Select(HolderAsync)));
        Assert.Equal(units, fixture.Log.Events(id).OfType<UnitEnrolled>().Select(e => e.UnitId));
    }

    [Fact]
    public async Task A_unit_another_incident_takes_while_the_others_are_claimed_refuses_the_whole_and_leaves_none_enrolled()
    {
        // A drill checked its units were free, then enrolled them one by one: another incident took the third between,
        // and the first two stayed enrolled in an incident no drill played on, held from every other.
        var (id, otherId) = (NewId(), NewId());
        var incident = await OpenAsync(id);
        var other = await OpenAsync(otherId);
        var recorded = fixture.Log.Events(id).Count;
        fixture.Interleaving.Before(nameof(IUnitGrain.Claim), units[2], async () => Assert.Null(await other.Enrol(units[2], "taken", UnitRole.Perimeter, "dispatch")));

        var refused = await incident.EnrolAll(All, "drill");

        Assert.Equal(new Rejection(RejectReason.EnrolledElsewhere, $"unit '{units[2]}' is enrolled in incident '{otherId}'; a commander of that incident must release it first (Release from incident… on its row)"), refused);
        Assert.Empty(await incident.GetUnits());
        Assert.Equal(recorded, fixture.Log.Events(id).Count);
        Assert.Equal(["free", "free", otherId, "free"], await Task.WhenAll(units.Select(HolderAsync)));

        // The units given back are free for any incident.
        var third = await OpenAsync(NewId());
        Assert.Null(await third.EnrolAll([.. All.Where(u => u.UnitId != units[2])], "drill"));
    }

    [Fact]
    public async Task A_unit_being_claimed_is_held_by_the_incident_claiming_it_and_refused_to_another()
    {
        // While its third unit is claimed, another incident asks for its first: claimed, not yet recorded, it is held.
        var (id, otherId) = (NewId(), NewId());
        var incident = await OpenAsync(id);
        var other = await OpenAsync(otherId);
        Rejection? stolen = null;
        fixture.Interleaving.Before(nameof(IUnitGrain.Claim), units[2], async () => stolen = await other.Enrol(units[0], "steal", UnitRole.Contact, "dispatch"));

        Assert.Null(await incident.EnrolAll(All, "drill"));

        Assert.Equal(new Rejection(RejectReason.EnrolledElsewhere, $"unit '{units[0]}' is enrolled in incident '{id}'; a commander of that incident must release it first (Release from incident… on its row)"), stolen);
        Assert.Empty(await other.GetUnits());
        Assert.Equal([id, id, id, id], await Task.WhenAll(units.Select(HolderAsync)));
    }

    [Fact]
    public async Task An_enrolment_the_recording_cannot_take_leaves_none_enrolled_and_its_units_free()
    {
        var id = NewId();
        var incident = await OpenAsync(id);
        fixture.Log.Unwritable(id, failing: true);
        Rejection? refused;
        try
        {
            refused = await incident.EnrolAll(All, "drill");
        }
        finally
        {
            fixture.Log.Unwritable(id, failing: false);
        }

        Assert.Equal(RejectReason.Unavailable, refused?.Reason);
        Assert.Empty(await incident.GetUnits());
        Assert.Equal(["free", "free", "free", "free"], await Task.WhenAll(units.Select(HolderAsync)));
    }

    [Fact]
    public async Task An_incident_opened_with_only_an_origin_is_given_its_site_recorded_and_its_zones_told()
    {
        var id = NewId();
        var incident = await OpenAsync(id, new Site("site", Sites.Origin, [], []));
        var school = Sites.School();

        // Given by a drill's start: recorded by who started it, with the drill's scenario, as the start itself is.
        Assert.Null(await incident.EnrolAll(All, "drill", new SiteSet(school, "Exercise lead", "school-1")));
        await incident.ReadModelsTold();

        var view = await incident.GetView();
        var hot = await fixture.Grains.GetGrain<IZoneGrain>(ZoneKey.Format(id, "hot")).Get();
        Assert.Equal("Test school", view!.Site.Name);
        Assert.Equal(["main"], view.Site.Buildings.Select(b => b.BuildingId));
        Assert.Equal(["hot", "staging"], view.Site.Zones.Select(z => z.ZoneId));
        Assert.Equal("Hot zone", hot?.Zone.Name);
        Assert.Equal(
            [typeof(IncidentOpened), typeof(SiteSet), typeof(UnitEnrolled), typeof(UnitEnrolled), typeof(UnitEnrolled), typeof(UnitEnrolled)],
            fixture.Log.Events(id).Where(e => !e.IsDerived).Select(e => e.GetType()));
        Assert.Equal(("Exercise lead", "school-1"), fixture.Log.Events(id).OfType<SiteSet>().Select(s => (s.Actor, s.Scenario)).Single());
        Assert.Equal(["drill", "drill", "drill", "drill"], fixture.Log.Events(id).OfType<UnitEnrolled>().Select(u => u.Actor));
    }

    [Fact]
    public async Task A_site_is_not_given_over_one_set_nor_with_another_origin_nor_unless_the_rules_take_it()
    {
        var (bare, built) = (NewId(), NewId());
        var originOnly = await OpenAsync(bare, new Site("site", Sites.Origin, [], []));
        var school = await OpenAsync(built);
        var elsewhere = Sites.School() with { Origin = new Domain.Geometry.GeoPoint(44.01, -100.0) };
        var badZone = Sites.School() with { Zones = [Sites.School().Zones[0] with { ZoneId = "hot zone" }] };

        var over = await school.SetSite(Sites.School(), "trainer");
        var moved = await originOnly.SetSite(elsewhere, "trainer");
        var invalid = await originOnly.SetSite(badZone, "trainer");
        var enrolledWithBadSite = await originOnly.EnrolAll(All, "drill", new SiteSet(badZone, "trainer", "school-1"));

        Assert.Equal(new Rejection(RejectReason.AlreadyExists,
            $"incident '{built}' already has its site Test school (1 building, 2 zones); a site is given only to an incident opened with only an origin, and one already set is not overwritten"), over);
        Assert.Equal(new Rejection(RejectReason.InvalidValue,
            $"site Test school's origin 44.01,-100 is not incident '{bare}''s 44,-100: every fix and track of the incident is measured from its origin, which does not move"), moved);
        Assert.Equal(new Rejection(RejectReason.InvalidValue, "site.zones[0].id: 'hot zone' is not an id: 1-64 letters, digits, '-', '_' or '.'"), invalid);
        Assert.Equal(invalid, enrolledWithBadSite);
        Assert.Empty(await originOnly.GetUnits());
        Assert.Equal(["free", "free", "free", "free"], await Task.WhenAll(units.Select(HolderAsync)));
        Assert.Equal([typeof(IncidentOpened)], fixture.Log.Events(bare).Where(e => !e.IsDerived).Select(e => e.GetType()));
        Assert.Null(await originOnly.SetSite(Sites.School(), "trainer"));
    }
}

using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Sites;
using Command.Domain.Tests.Assessment;
using Command.Domain.Threats;
using Command.Domain.Units;

namespace Command.Domain.Tests.Zones;

public sealed class ZoneRuleTests
{
    internal static Drill Campus()
    {
        var probe = new Drill();
        Zone Square(string id, string name, ZoneKind kind, double e0, double n0, double size) =>
            new(id, name, kind, [probe.Geo(e0, n0), probe.Geo(e0 + size, n0), probe.Geo(e0 + size, n0 + size), probe.Geo(e0, n0 + size)]);
        return new Drill(site: Drill.SiteWith([], zones: [
            Square("hot", "Library", ZoneKind.Hot, -50, -50, 100),
            Square("ccp", "CCP North", ZoneKind.CasualtyCollection, -20, 200, 40),
        ]));
    }

    [Fact]
    public void Hot_zone_without_a_contact_unit_is_flagged_after_a_minute_and_cleared_when_one_enters()
    {
        var drill = Campus();
        drill.Threat("T1", 0, 0);
        drill.Enrol("p1", UnitRole.Perimeter);
        drill.Enrol("c1");
        drill.Move("p1", Drill.Still(10, 10));
        drill.Move("c1", Drill.Toward(0, 199, 1.5));

        drill.Run(120);

        var hot = drill.Derived.Where(e => e is FlagRaised { Subject: "zone:hot" } or FlagCleared { Subject: "zone:hot" }).Select(e => e with { Sequence = 0 }).ToList();
        Assert.Equal(
            [
                new FlagRaised("zone:hot", FlagLevel.Watch, "hot-zone-no-contact", "hot zone Library has had no contact unit for 60 s while the threat is active") { Time = Drill.Start.AddSeconds(60) },
                // 199 m out at 1.5 m/s: past the zone's edge, 50 m out, after 99.3 s. Where the unit stands (the middle of
                // its latest three fixes, as of the one before the latest) is 3 m inside, twice how well three fixes of
                // ±3 m place it, by the fix at 103 s.
                new FlagCleared("zone:hot", "hot-zone-no-contact", "a contact unit is in Library: C1") { Time = Drill.Start.AddSeconds(103) },
            ],
            hot);
    }

    [Fact]
    public void A_burst_of_multipath_does_not_take_an_officer_whose_receiver_says_he_stands_still_into_the_hot_zone()
    {
        // ATAK every 10 s walks in from 120 m east and stands 10 m outside the Library's east edge, his receiver saying
        // he stands still; at 200 s multipath throws three reports in a row 25 m west, 15 m inside. Before, the middle of
        // his latest three took him in and cleared the hot zone's flag: "a contact unit is in Library". Then, on the
        // same fixes, he walks in at 1.5 m/s, his receiver saying so, and is taken in.
        var drill = Campus();
        drill.Threat("T1", 0, 0);
        drill.Enrol("c1");
        LocalPoint Path(double t) => new((t < 300 ? Math.Max(60, 120 - (1.5 * t)) : Math.Max(20, 60 - (1.5 * (t - 300)))) - (t is >= 200 and <= 220 ? 25 : 0), 0);
        (double?, double?) Said(double t) => t < 40 || t >= 300 ? (1.5, 270) : (0.08, 90);

        drill.Report("c1", 290, 10, Path, Said, 4);

        var hot = drill.Derived.Where(e => e is FlagRaised { Subject: "zone:hot" } or FlagCleared { Subject: "zone:hot" }).ToList();
        Assert.IsType<FlagRaised>(Assert.Single(hot));

        drill.Report("c1", 60, 10, t => Path(t + 290), t => Said(t + 290), 4);

        var cleared = Assert.IsType<FlagCleared>(drill.Derived.Last(e => e is FlagRaised { Subject: "zone:hot" } or FlagCleared { Subject: "zone:hot" }));
        Assert.Equal("a contact unit is in Library: C1", cleared.Reason);
    }

    [Fact]
    public void Casualty_collection_point_without_medical_is_watched_after_three_minutes()
    {
        var drill = Campus();
        drill.Threat("T1", 0, 0);
        drill.Enrol("c1");
        drill.Enrol("m1", UnitRole.Medical);
        drill.Move("c1", Drill.Still(0, 5));
        drill.Move("m1", t => t < 200 ? new LocalPoint(0, 400) : new LocalPoint(0, 220));

        drill.Run(240);

        var ccp = drill.Derived.Where(e => e is FlagRaised { Subject: "zone:ccp" } or FlagCleared { Subject: "zone:ccp" }).Select(e => e with { Sequence = 0 }).ToList();
        Assert.Equal(
            [
                new FlagRaised("zone:ccp", FlagLevel.Watch, "ccp-no-medical", "casualty collection point CCP North has had no medical unit for 3 min") { Time = Drill.Start.AddSeconds(180) },
                // A jump of 180 m in a second is held back as a burst of multipath until it has lasted longer than one
                // (three fixes): where the unit stands follows it then.
                new FlagCleared("zone:ccp", "ccp-no-medical", "a medical unit is at CCP North: M1") { Time = Drill.Start.AddSeconds(203) },
            ],
            ccp);
    }

    [Fact]
    public void Casualty_collection_point_cleared_by_the_threat_neutralized_says_so_with_no_medic_there()
    {
        var drill = Campus();
        drill.Threat("T1", 0, 0);
        drill.Enrol("c1");
        drill.Enrol("m1", UnitRole.Medical);
        drill.Move("c1", Drill.Still(0, 5));
        drill.Move("m1", Drill.Still(0, 400));

        drill.Run(200);
        drill.Feed(new ThreatPhaseChanged("T1", ThreatPhase.Neutralized, "test", "subject in custody"));
        drill.Run(10);

        var cleared = Assert.Single(drill.Derived.OfType<FlagCleared>(), e => e.Subject == "zone:ccp");
        Assert.Equal("threat T1 is neutralized", cleared.Reason);
    }

    [Fact]
    public void Hot_zone_cleared_by_the_threat_contained_or_moved_out_says_which()
    {
        var contained = Campus();
        contained.Threat("T1", 0, 0);
        contained.Enrol("p1", UnitRole.Perimeter);
        contained.Move("p1", Drill.Still(10, 10));
        contained.Run(70);
        contained.Feed(new ThreatPhaseChanged("T1", ThreatPhase.Contained, "test", "barricaded"));
        contained.Run(5);

        var moved = Campus();
        moved.Threat("T1", 0, 0);
        moved.Enrol("p1", UnitRole.Perimeter);
        moved.Move("p1", Drill.Still(10, 10));
        moved.Run(70);
        moved.Threat("T1", 0, 120);
        moved.Run(5);

        Assert.Equal("threat T1 is contained", Assert.Single(contained.Derived.OfType<FlagCleared>(), e => e.Subject == "zone:hot").Reason);
        Assert.Equal("the active threat is no longer in Library", Assert.Single(moved.Derived.OfType<FlagCleared>(), e => e.Subject == "zone:hot").Reason);
    }

    [Fact]
    public void A_unit_is_in_a_zone_where_it_stands_not_where_one_of_its_fixes_is_thrown()
    {
        // The only contact unit holds 6 m outside the hot zone's north edge; every tenth fix is thrown 21 m south,
        // into the zone. Taken in by one of them (and kept in by the exit margin), he hid the zone's flag for as long
        // as he held. At 200 s he goes in.
        var drill = Campus();
        drill.Threat("T1", 0, 0);
        drill.Enrol("c1");
        drill.Move("c1", t => t >= 200 ? new LocalPoint(0, Math.Max(20, 56 - (1.5 * (t - 200)))) : new LocalPoint(0, t % 10 == 0 ? 35 : 56));

        drill.Run(240);

        var hot = drill.Derived.Where(e => e is FlagRaised { Subject: "zone:hot" } or FlagEscalated { Subject: "zone:hot" } or FlagCleared { Subject: "zone:hot" }).Select(e => e with { Sequence = 0 }).ToList();
        Assert.Equal(
            [
                new FlagRaised("zone:hot", FlagLevel.Watch, "hot-zone-no-contact", "hot zone Library has had no contact unit for 60 s while the threat is active") { Time = Drill.Start.AddSeconds(60) },
                new FlagEscalated("zone:hot", FlagLevel.Alert, "hot-zone-no-contact", "hot zone Library has had no contact unit for 3 min while the threat is active") { Time = Drill.Start.AddSeconds(180) },
                // Where it stands is 3 m inside the edge (twice how well three fixes of ±3 m place it) by the fix at 208 s.
                new FlagCleared("zone:hot", "hot-zone-no-contact", "a contact unit is in Library: C1") { Time = Drill.Start.AddSeconds(208) },
            ],
            hot);
    }

    [Fact]
    public void Occupancy_keeps_a_unit_inside_until_it_is_clearly_out()
    {
        var frame = new LocalFrame(Drill.Origin);
        var zone = new Zone("z", "Gym", ZoneKind.Warm, [.. new[] { (0.0, 0.0), (20, 0), (20, 20), (0, 20) }.Select(p => frame.ToGeo(new LocalPoint(p.Item1, p.Item2)))]);
        var occupancy = new Domain.Zones.ZoneOccupancy([zone], frame, exitMarginM: 5);
        var t0 = Drill.Start;

        var entered = occupancy.Update("u1", new LocalPoint(10, 10), t0);
        var wobble = occupancy.Update("u1", new LocalPoint(23, 10), t0.AddSeconds(1));
        var left = occupancy.Update("u1", new LocalPoint(26, 10), t0.AddSeconds(2));

        Assert.Equal([new Domain.Zones.ZoneChange("z", "u1", true, t0)], entered);
        Assert.Empty(wobble);
        Assert.Equal([new Domain.Zones.ZoneChange("z", "u1", false, t0.AddSeconds(2))], left);
        Assert.Empty(occupancy.Occupants("z"));
    }
}

using Command.Domain.Validation;
using Command.Ingest.Listeners;
using Command.Ingest.Tests.Cot;

namespace Command.Ingest.Tests.Listeners;

/// <summary>Whether a source's hostile markers may move the threat is the allow-list's to say: loopback may, by default, and no one else.</summary>
public sealed class HostileMarkerTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_hostile_marker_from_loopback_sets_the_threat_with_its_source_as_the_actor()
    {
        await using var rig = await IngestRig.StartAsync();
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event("a-h-G", uid: "H-1"), from: "127.0.0.4");

        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("T1", "cot:H-1@127.0.0.4"), (delivered.Threat?.ThreatId, delivered.Actor));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_marker_placed_on_a_device_names_who_placed_it_in_its_actor()
    {
        await using var rig = await IngestRig.StartAsync();
        // As ATAK drops a hostile marker: placed by hand, linked to the device that placed it.
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event("a-h-G", uid: "H-2", how: "h-g-i-g-o",
            detail: "<link uid='ANDROID-589520ccfcd20f01' production_time='2026-03-14T14:59:58Z' type='a-f-G-U-C' parent_callsign='ALPHA 7' relation='p-p'/>"), from: "127.0.0.4");

        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal("cot:H-2@127.0.0.4, placed by ALPHA 7", delivered.Actor);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("2020-12-16T19:59:34Z", "2020-12-17T19:59:34Z", RejectReason.TooOld, "fix is 165351626 s old (limit 300 s)")]
    [InlineData("2031-01-01T00:00:00Z", "2031-01-01T00:05:00Z", RejectReason.FutureFix, "fix time is 151491600 s ahead of the receiving clock (limit 5 s)")]
    [InlineData("2026-03-14T14:58:00Z", "2026-03-14T14:59:00Z", RejectReason.TooOld, "marker went stale at 2026-03-14T14:59:00Z, 60 s before it arrived")]
    public async Task A_hostile_marker_is_timed_as_a_fix_is_and_one_out_of_time_is_refused_and_recorded(string time, string stale, RejectReason reason, string detail)
    {
        await using var rig = await IngestRig.StartAsync();
        var marker = CotParserTests.Event("a-h-G", uid: "H-1", time: $"time='{time}'", stale: stale);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, marker);

        var refused = Assert.Single(await rig.Port.WaitForAsync(1)).Refused;

        Assert.Equal((reason, detail, marker), (refused?.Reason, refused?.Detail, refused?.Raw));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hostile_marker_from_a_source_whose_entry_does_not_permit_it_is_refused_and_recorded()
    {
        await using var rig = await IngestRig.StartAsync(new()
        {
            ["Ingest:Cot:Tcp:Allow:0:Address"] = "127.0.0.0/8",
            ["Ingest:Cot:Tcp:Allow:0:HostileMarkers"] = "false",
        });
        var marker = CotParserTests.Event("a-h-G", uid: "H-1");
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value, "127.0.0.2");
        await IngestRig.SendAsync(client, marker + CotParserTests.Event(uid: "U1"));

        var delivered = await rig.Port.WaitForAsync(2);

        Assert.DoesNotContain(delivered, d => d.Threat is not null);
        Assert.Equal("U1", Assert.Single(delivered, d => d.Report is not null).Report!.UnitId);
        var refused = Assert.Single(delivered, d => d.Refused is not null).Refused!;
        Assert.Equal(
            (RejectReason.NotAllowed, "hostile marker from cot:H-1@127.0.0.2 may not set the threat: HostileMarkers is off for 127.0.0.0/8 (Ingest:Cot:Tcp:Allow:0)", marker),
            (refused.Reason, refused.Detail, refused.Raw));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_marker_dropped_by_an_officer_of_another_incident_sets_that_incidents_threat_and_its_deletion_goes_there_too()
    {
        var routes = new EnrolledUnits(new Dictionary<string, string> { ["ANDROID-A7"] = "walk-1", ["ANDROID-589520ccfcd20f01"] = "walk-1" });
        await using var rig = await IngestRig.StartAsync(routes: routes);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event("a-h-G", uid: "H-2", how: "h-g-i-g-o", detail: "<link uid='ANDROID-A7' type='a-f-G-U-C' relation='p-p'/>"));
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Deletion());
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event("a-h-G", uid: "H-3"));

        var delivered = await rig.Port.WaitForAsync(3);

        Assert.Equal([("walk-1", "H-2"), ("walk-1", "H-2"), ("drill-1", "H-3")],
            delivered.Select(d => (d.Incident, d.Threat?.Marker ?? d.DeletedMarker)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_device_enrolled_nowhere_reports_and_marks_in_the_open_incident_whose_site_it_stands_on()
    {
        // Two drills: the listener's, and one whose site lies east of longitude -104.9. Another drill's commander's tablet,
        // enrolled as no unit, drops its subject's marker there, and a late joiner's phone reports there before anyone
        // enrolled it; an officer enrolled in the listener's incident reports from the same ground all the same.
        var routes = new EnrolledUnits(new Dictionary<string, string> { ["ANDROID-A7"] = "drill-1" })
        {
            Sites = (at, listeners) => listeners == "drill-1" && at.Longitude > -104.9 ? "drill-east" : null,
        };
        await using var rig = await IngestRig.StartAsync(routes: routes);
        const string east = "<point lat='39.7392' lon='-104.8' hae='1609.3' ce='4.5' le='9999999.0'/>";
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event("a-h-G", uid: "H-C1", how: "h-g-i-g-o", point: east, detail: "<link uid='ANDROID-cmdrC' type='a-f-G-U-C' relation='p-p'/>"));
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: "ANDROID-f1", point: east));
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: "ANDROID-A7", point: east));
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: "ANDROID-w2"));

        var delivered = await rig.Port.WaitForAsync(4);

        Assert.Equal([("drill-east", "H-C1"), ("drill-east", "ANDROID-f1"), ("drill-1", "ANDROID-A7"), ("drill-1", "ANDROID-w2")],
            delivered.Select(d => (d.Incident, d.Threat?.Marker ?? d.Report?.UnitId)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_deletion_sent_under_a_uid_of_its_own_goes_to_the_incident_of_the_device_it_links_to_or_its_connection_speaks_for()
    {
        // As a phone of another incident deletes the marker its officer dropped: under a uid that is no unit's, the marker
        // in one link and the phone in a p-p link; and, with the marker's link only, on the phone's own connection.
        var routes = new EnrolledUnits(new Dictionary<string, string> { ["ANDROID-h8"] = "walk-1" });
        await using var rig = await IngestRig.StartAsync(routes: routes);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Deletion(uid: "9f2c41e0-delete",
            link: "<link uid='H-2' relation='none' type='a-h-G'/><link uid='ANDROID-h8' relation='p-p' type='a-f-G-U-C'/>"));
        await rig.Port.WaitForAsync(1);
        using var phone = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value);
        await IngestRig.SendAsync(phone, CotParserTests.Event(uid: "ANDROID-h8") + CotParserTests.Deletion(uid: "5d0b77aa-delete"));

        var delivered = await rig.Port.WaitForAsync(3);

        Assert.Equal([("walk-1", "H-2"), ("walk-1", null), ("walk-1", "H-2")], delivered.Select(d => (d.Incident, d.DeletedMarker)));
        Assert.Equal([("cot:ANDROID-h8@127.0.0.1", "ANDROID-h8"), ("cot:ANDROID-h8@127.0.0.1", "ANDROID-h8")],
            delivered.Where(d => d.DeletedMarker is not null).Select(d => (d.Actor, d.Device)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_deletion_the_incident_it_is_routed_to_does_not_hold_goes_to_the_open_incident_whose_threat_its_marker_placed()
    {
        // Two incidents open, the marker's not the listener's: a deletion with only the marker's link, from a device
        // enrolled nowhere, was refused by the listener's incident while the other's threat stood with no word of it.
        var routes = new EnrolledUnits(new Dictionary<string, string>(), new Dictionary<string, string> { ["H-2"] = "walk-1" });
        await using var rig = await IngestRig.StartAsync(routes: routes);
        rig.Port.DeletionAnswer = (incident, marker) => incident == "walk-1" ? null
            : new Rejection(RejectReason.NotAPosition, $"deletion of map item {marker}, which placed no threat here, is not a position");
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Deletion(uid: "9f2c41e0-delete"));
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Deletion(uid: "9f2c41e0-delete", link: "<link uid='ROUTE-1' relation='none' type='b-m-r'/>"));

        var delivered = await rig.Port.WaitForAsync(4);

        // The listener's incident is asked first and records nothing of H-2; a map item no incident's threat came from is
        // refused and recorded there, as always.
        Assert.Equal([("drill-1", "H-2", null), ("walk-1", "H-2", null), ("drill-1", "ROUTE-1", null), ("drill-1", null, RejectReason.NotAPosition)],
            delivered.Select(d => (d.Incident, d.DeletedMarker, d.Refused?.Reason)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_marker_refused_as_it_is_read_is_recorded_in_the_incident_of_the_officer_who_placed_it()
    {
        // A marker with no number for a position, or at 0,0 with no fix, says nothing of where the threat is, but the
        // officer's commander is the one who must hear his device placed it: not the listener's incident.
        var routes = new EnrolledUnits(new Dictionary<string, string> { ["ANDROID-A7"] = "walk-1" });
        await using var rig = await IngestRig.StartAsync(routes: routes, overrides: new()
        {
            ["Ingest:Cot:Tcp:Allow:0:Address"] = "127.0.0.0/8",
            ["Ingest:Cot:Tcp:Allow:0:HostileMarkers"] = "false",
        });
        const string Link = "<link uid='ANDROID-A7' type='a-f-G-U-C' relation='p-p'/>";
        var nan = CotParserTests.Event("a-h-G", uid: "H-4", how: "h-g-i-g-o", point: "<point lat='NaN' lon='-104.9903' hae='0' ce='9999999' le='9999999'/>", detail: Link);
        var nowhere = CotParserTests.Event("a-h-G", uid: "H-5", how: "h-g-i-g-o", point: "<point lat='0' lon='0' hae='0' ce='9999999' le='9999999'/>", detail: Link);
        var unlinked = CotParserTests.Event("a-h-G", uid: "H-6", point: "<point lat='0' lon='0' hae='0' ce='9999999' le='9999999'/>");
        var notAllowed = CotParserTests.Event("a-h-G", uid: "H-7", how: "h-g-i-g-o", detail: Link);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, nan);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, nowhere);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, unlinked);
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value, "127.0.0.2");
        await IngestRig.SendAsync(client, notAllowed);

        var delivered = await rig.Port.WaitForAsync(4);

        Assert.Equal(
            [("walk-1", RejectReason.InvalidCoordinates, null, nan), ("walk-1", RejectReason.NoFix, null, nowhere), ("drill-1", RejectReason.NoFix, null, unlinked), ("walk-1", RejectReason.NotAllowed, null, notAllowed)],
            delivered.OrderBy(d => d.Refused!.Raw.Contains("H-4") ? 0 : d.Refused!.Raw.Contains("H-5") ? 1 : d.Refused!.Raw.Contains("H-6") ? 2 : 3)
                .Select(d => (d.Incident, d.Refused!.Reason, d.Refused.UnitId, d.Refused.Raw)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_marker_the_incident_refuses_is_recorded_there_with_its_text()
    {
        await using var rig = await IngestRig.StartAsync();
        rig.Port.ThreatAnswer = threat => new Rejection(RejectReason.InvalidCoordinates, $"threat {threat.ThreatId} at 39.7392,-104.9903 is 578 km from site Meadowlark Flats School: a threat is placed within 10 km of it");
        var marker = CotParserTests.Event("a-h-G", uid: "H-1");
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, marker);

        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal("H-1", delivered[0].Threat?.Marker);
        Assert.Equal(("drill-1", RejectReason.InvalidCoordinates, marker), (delivered[1].Incident, delivered[1].Refused?.Reason, delivered[1].Refused?.Raw));
        Assert.StartsWith("threat T1 at 39.7392,-104.9903 is 578 km from site", delivered[1].Refused?.Detail, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_marker_sent_again_as_the_threat_stands_is_no_refusal_and_nothing_is_recorded_of_it()
    {
        // ATAK broadcasts its markers every minute or so: the incident answers the one that changes nothing a duplicate.
        await using var rig = await IngestRig.StartAsync();
        var sent = 0;
        rig.Port.ThreatAnswer = threat => ++sent > 1 ? new Rejection(RejectReason.Duplicate, $"threat {threat.ThreatId} already stands as sent, active: nothing recorded") : null;
        var marker = CotParserTests.Event("a-h-G", uid: "H-1");
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, marker);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, marker);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event(uid: "U1"));

        var delivered = await rig.Port.WaitForUnitAsync("U1");

        Assert.Equal(["H-1", "H-1"], delivered.Where(d => d.Threat is not null).Select(d => d.Threat!.Marker));
        Assert.DoesNotContain(delivered, d => d.Refused is not null);
        Assert.Equal(3, delivered.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_deleted_marker_is_told_to_the_incident_with_the_deleting_device_as_the_actor()
    {
        // Sent under the uid of a unit enrolled here: that uid is the device's.
        var routes = new EnrolledUnits(new Dictionary<string, string> { ["ANDROID-589520ccfcd20f01"] = "drill-1" });
        await using var rig = await IngestRig.StartAsync(routes: routes);
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Event("a-h-G", uid: "H-2"), from: "127.0.0.4");
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Deletion(), from: "127.0.0.4");

        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal("H-2", delivered[0].Threat?.Marker);
        Assert.Equal(("H-2", "cot:ANDROID-589520ccfcd20f01@127.0.0.4", "ANDROID-589520ccfcd20f01"), (delivered[1].DeletedMarker, delivered[1].Actor, delivered[1].Device));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_deletion_sent_under_a_uid_of_its_own_names_the_device_it_links_to_or_else_where_it_came_from_never_its_own_uid()
    {
        // As ATAK deletes a marker: under a uid made for the deletion. With a p-p link to the phone, the phone is named
        // (enrolled nowhere, by its uid); with only the marker's link, the address it came from.
        await using var rig = await IngestRig.StartAsync();
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Deletion(uid: "HOSTILE-1-del-1796489645",
            link: "<link uid='H-2' relation='none' type='a-h-G'/><link uid='ANDROID-u7' relation='p-p' type='a-f-G-U-C'/>"), from: "127.0.0.4");
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, CotParserTests.Deletion(uid: "HOSTILE-1-del-1796489646"), from: "127.0.0.4");

        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal([("H-2", "cot:ANDROID-u7@127.0.0.4", "ANDROID-u7"), ("H-2", "cot@127.0.0.4", null)],
            delivered.Select(d => (d.DeletedMarker, d.Actor, d.Device)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_deleted_map_item_that_placed_no_threat_is_refused_as_the_incident_says_and_recorded_with_its_text()
    {
        await using var rig = await IngestRig.StartAsync();
        rig.Port.DeletionAnswer = (_, marker) => new Rejection(RejectReason.NotAPosition, $"deletion of map item {marker}, which placed no threat here, is not a position");
        var deletion = CotParserTests.Deletion(link: "<link uid='ROUTE-1' relation='none' type='b-m-r'/>");
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, deletion);

        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal("ROUTE-1", delivered[0].DeletedMarker);
        var refused = delivered[1].Refused;
        Assert.Equal((RejectReason.NotAPosition, "deletion of map item ROUTE-1, which placed no threat here, is not a position", deletion, "ANDROID-589520ccfcd20f01"),
            (refused?.Reason, refused?.Detail, refused?.Raw, refused?.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hand_placed_marker_of_a_units_type_is_told_to_the_incident_and_refused_as_always_where_it_placed_no_threat()
    {
        await using var rig = await IngestRig.StartAsync(new()
        {
            ["Ingest:Cot:Tcp:Allow:0:Address"] = "127.0.0.2/32",
            ["Ingest:Cot:Tcp:Allow:0:HostileMarkers"] = "false",
        });
        rig.Port.DeletionAnswer = (_, marker) => new Rejection(RejectReason.NotAPosition, $"deletion of map item {marker}, which placed no threat here, is not a position");
        var changed = CotParserTests.Event("a-u-G", uid: "H-2", how: "h-g-i-g-o");
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, changed, from: "127.0.0.4");
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value, "127.0.0.2");
        await IngestRig.SendAsync(client, changed);

        var delivered = await rig.Port.WaitForAsync(3);

        // From loopback, which may place the threat, the incident is asked, once; what it refuses is refused as it always
        // was, and from a source that may not, at once.
        var asked = Assert.Single(delivered, d => d.DeletedMarker is not null);
        Assert.Equal(("H-2", "unknown"), (asked.DeletedMarker, asked.Became));
        var refused = delivered.Where(d => d.Refused is not null).Select(d => (d.Refused!.Reason, d.Refused.Detail, d.Refused.Raw)).ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, r => Assert.Equal((RejectReason.NotAPosition, "event H-2 is a marker placed by hand (how h-g-i-g-o), not a unit's own position", changed), r));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_deletion_sent_long_ago_is_refused_as_a_stale_fix_is_and_never_reaches_the_threat()
    {
        await using var rig = await IngestRig.StartAsync();
        var deletion = CotParserTests.Deletion(time: "time='2020-12-16T19:59:34Z' start='2020-12-16T19:59:34Z'");
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, deletion);

        var refused = Assert.Single(await rig.Port.WaitForAsync(1)).Refused;

        Assert.Equal((RejectReason.TooOld, deletion), (refused?.Reason, refused?.Raw));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_deletion_from_a_source_that_may_not_place_the_threat_is_refused_and_recorded()
    {
        await using var rig = await IngestRig.StartAsync(new()
        {
            ["Ingest:Cot:Tcp:Allow:0:Address"] = "127.0.0.0/8",
            ["Ingest:Cot:Tcp:Allow:0:HostileMarkers"] = "false",
        });
        var deletion = CotParserTests.Deletion();
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value, "127.0.0.2");
        await IngestRig.SendAsync(client, deletion);

        var refused = Assert.Single(await rig.Port.WaitForAsync(1)).Refused;

        Assert.Equal(
            (RejectReason.NotAllowed, "marker deletion from cot:ANDROID-589520ccfcd20f01@127.0.0.2 may not touch the threat: HostileMarkers is off for 127.0.0.0/8 (Ingest:Cot:Tcp:Allow:0)"),
            (refused?.Reason, refused?.Detail));
    }
}

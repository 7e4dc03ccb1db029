using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;

namespace Command.Ingest.Tests.Listeners;

/// <summary>
/// A deletion naming a unit's own device is its sign-off: ATAK sends one when its user disconnects, and a TAK server
/// for a client whose connection it lost. It goes to the incident the unit is enrolled in, from any source that may
/// report for the unit.
/// </summary>
public sealed class SignOffTests
{
    private static readonly EnrolledUnits Enrolled = new(new Dictionary<string, string> { ["ANDROID-7f3a"] = "drill-east" });

    // The incidents have the units the routes know, and no other.
    private static Rejection? Has(string unit) =>
        unit is "ANDROID-7f3a" or "ANDROID-9b1c" ? null : new Rejection(RejectReason.UnknownUnit, $"unit '{unit}' is not enrolled: its device's sign-off is not taken");

    private static async Task<IngestRig> StartAsync(Dictionary<string, string?>? overrides = null, IUnitBindings? bindings = null, IUnitRoutes? routes = null)
    {
        var rig = await IngestRig.StartAsync(overrides, bindings, routes ?? Enrolled);
        rig.Port.SignOffAnswer = Has;
        return rig;
    }

    /// <summary>What a TAK server sends when it loses a client: a deletion under a uid of its own, linked p-p to the client's last position's type.</summary>
    internal static string ServerSaysOffline(string client = "ANDROID-7f3a", string time = "2026-03-14T15:00:00Z") =>
        $"<event version='2.0' uid='6c2d0f1e-4b7a-4a57-9d1e-0b8c1f2e3a4d' type='t-x-d-d' how='h-g-i-g-o' time='{time}' start='{time}' stale='2026-03-14T15:03:00Z'>"
        + $"<point lat='0.0' lon='0.0' hae='9999999.0' ce='9999999.0' le='9999999.0'/><detail><link uid='{client}' type='a-f-G-U-C' relation='p-p'/></detail></event>";

    [Fact(Timeout = 30_000)]
    public async Task A_servers_word_that_a_client_went_offline_signs_its_unit_off_in_the_incident_it_is_enrolled_in()
    {
        // The server is on an address that may report units' positions but not place the threat: a sign-off needs no more.
        await using var rig = await StartAsync(new()
        {
            ["Ingest:Cot:Tcp:Allow:0:Address"] = "127.0.0.2/32",
            ["Ingest:Cot:Tcp:Allow:0:HostileMarkers"] = "false",
        });
        using var client = await IngestRig.ConnectAsync(rig.Listener<CotTcpListener>().BoundPort!.Value, "127.0.0.2");
        await IngestRig.SendAsync(client, Cot.CotParserTests.Event(uid: "ANDROID-7f3a") + ServerSaysOffline());

        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal(("drill-east", "ANDROID-7f3a"), (delivered[0].Incident, delivered[0].Report?.UnitId));
        Assert.Equal(("drill-east", "ANDROID-7f3a", "cot:6c2d0f1e-4b7a-4a57-9d1e-0b8c1f2e3a4d@127.0.0.2"), (delivered[1].Incident, delivered[1].SignedOff, delivered[1].Actor));
        Assert.DoesNotContain(delivered, d => d.DeletedMarker is not null || d.Refused is not null);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_device_that_signs_itself_off_from_a_source_that_may_place_the_threat_is_signed_off_not_taken_for_a_marker()
    {
        await using var rig = await StartAsync();
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, Cot.CotParserTests.Deletion(link: "<link uid='ANDROID-7f3a' type='a-f-G-U-C' relation='p-p'/>"));

        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("drill-east", "ANDROID-7f3a"), (delivered.Incident, delivered.SignedOff));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_unit_enrolled_on_its_first_report_before_its_route_is_known_is_signed_off_in_the_listeners_incident()
    {
        // Its route was looked up, and found nowhere, before its first report enrolled it where the listener sends.
        await using var rig = await StartAsync(routes: new ListenerIncidentOnly());
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, ServerSaysOffline());

        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("drill-1", "ANDROID-7f3a"), (delivered.Incident, delivered.SignedOff));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_deletion_naming_no_enrolled_unit_is_a_map_items_as_it_always_was()
    {
        await using var rig = await StartAsync();
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, ServerSaysOffline(client: "ANDROID-0000"));

        var delivered = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("drill-1", "ANDROID-0000", null), (delivered.Incident, delivered.DeletedMarker, delivered.SignedOff));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_sign_off_for_a_unit_bound_to_another_device_is_refused_and_recorded_in_its_units_incident()
    {
        await using var rig = await StartAsync(bindings: new BoundUnits("ANDROID-7f3a", "token:alpha-phone"));
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, ServerSaysOffline());

        var refused = Assert.Single(await rig.Port.WaitForAsync(1));

        Assert.Equal(("drill-east", RejectReason.UnitBoundToDevice, "sign-off of unit 'ANDROID-7f3a': unit 'ANDROID-7f3a' takes positions only from token:alpha-phone", null),
            (refused.Incident, refused.Refused?.Reason, refused.Refused?.Detail, refused.Refused?.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_sign_off_sent_long_ago_is_refused_as_any_deletion_from_long_ago_is()
    {
        await using var rig = await StartAsync();
        var late = ServerSaysOffline(time: "2026-03-14T14:50:00Z");
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, late);

        var refused = Assert.Single(await rig.Port.WaitForAsync(1)).Refused;

        Assert.Equal((RejectReason.TooOld, late, "6c2d0f1e-4b7a-4a57-9d1e-0b8c1f2e3a4d"), (refused?.Reason, refused?.Raw, refused?.UnitId));
    }

    [Fact(Timeout = 30_000)]
    public async Task What_the_incident_refuses_of_a_sign_off_is_recorded_with_its_text()
    {
        await using var rig = await StartAsync();
        rig.Port.SignOffAnswer = unit => new Rejection(RejectReason.Duplicate, $"unit '{unit}' signed off at 14:59:00Z and has not reported since");
        var offline = ServerSaysOffline();
        await IngestRig.SendDatagramAsync(rig.CotUdpPort, offline);

        var delivered = await rig.Port.WaitForAsync(2);

        Assert.Equal("ANDROID-7f3a", delivered[0].SignedOff);
        Assert.Equal((RejectReason.Duplicate, "sign-off of unit 'ANDROID-7f3a': unit 'ANDROID-7f3a' signed off at 14:59:00Z and has not reported since", offline),
            (delivered[1].Refused?.Reason, delivered[1].Refused?.Detail, delivered[1].Refused?.Raw));
    }

    private sealed class BoundUnits(string unitId, string actor) : IUnitBindings
    {
        public string? BoundTo(string unit) => unit == unitId ? actor : null;
    }
}

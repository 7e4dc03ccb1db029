using System.Net;
using System.Text;
using Command.Domain.Validation;
using Command.Ingest.Http;
using Command.Ingest.Listeners;
using Command.Ingest.OsmAnd;
using Command.Ingest.Tests.Listeners;
using Command.Ingest.Tests.OsmAnd;

namespace Command.Ingest.Tests.Http;

/// <summary>The OsmAnd endpoint on its own listener: what it reads, and how it answers the phone.</summary>
public sealed class OsmAndEndpointTests : IAsyncLifetime
{
    private IngestApp? rig;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client => rig!.OsmAnd;

    private FakeIncidentPort Port => rig!.Incidents;

    public async ValueTask InitializeAsync() => rig = await IngestApp.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        if (rig is not null)
        {
            await rig.DisposeAsync();
        }
    }

    [Fact]
    public async Task Get_with_query_is_answered_200_with_an_empty_body()
    {
        var response = await Client.GetAsync("/?id=phone1&lat=39.7392&lon=-104.9903&timestamp=1773500390&speed=2", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(Ct));
        var delivered = Assert.Single(Port.Snapshot());
        Assert.Equal(("drill-phones", "phone1"), (delivered.Incident, delivered.Report?.UnitId));
    }

    [Fact]
    public async Task Post_form_and_post_with_query_are_both_read()
    {
        using var form = new StringContent("id=phone2&lat=39.7&lon=-104.9&timestamp=1773500390", Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/", form, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/?id=phone3&lat=39.7&lon=-104.9&timestamp=1773500390", null, Ct)).StatusCode);
        Assert.Equal(["phone2", "phone3"], Port.Snapshot().Select(d => d.Report!.UnitId));
    }

    [Fact]
    public async Task A_location_sent_with_its_altitude_after_it_is_read_for_its_latitude_and_longitude()
    {
        var response = await Client.GetAsync("/?id=phone4&location=39.7392,-104.9903,1609.3&timestamp=1773500390", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivered = Assert.Single(Port.Snapshot());
        Assert.Equal(("phone4", 39.7392, -104.9903), (delivered.Report?.UnitId, delivered.Report?.Position.Latitude, delivered.Report?.Position.Longitude));
    }

    [Fact]
    public async Task Post_json_body_is_read()
    {
        using var json = new StringContent(OsmAndParserTests.Json, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/", json, Ct)).StatusCode);
        Assert.Equal("phone-7", Assert.Single(Port.Snapshot()).Report?.UnitId);
    }

    [Fact]
    public async Task A_phone_whose_unit_is_enrolled_in_an_incident_reports_there()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/?id={IngestApp.EnrolledPhone}&lat=39.7&lon=-104.9&timestamp=1773500390", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/?id=phone9&lat=39.7&lon=-104.9&timestamp=1773500390", Ct)).StatusCode);
        Assert.Equal(["drill-east", "drill-phones"], Port.Snapshot().Select(d => d.Incident));
        // Each says the endpoint it came through, so that a silence while it was throttled is read as such after the drill.
        Assert.Equal([OsmAndEndpoint.Section, OsmAndEndpoint.Section], Port.Snapshot().Select(d => d.Report!.Via));
        // The incident the phone is enrolled in hears of the endpoint's standing too.
        Assert.Equal(["drill-east"], rig!.Sources.Feeds(OsmAndEndpoint.Section));
    }

    [Fact]
    public void The_endpoint_stands_among_the_sources_of_reports_on_the_port_it_bound()
    {
        var listed = Assert.Single(rig!.Sources.All(), s => s.Section == "Ingest:OsmAnd");

        Assert.Equal(($"OsmAnd (Traccar Client) over HTTP on port {rig.OsmAndPort}", SourceCondition.Listening, "drill-phones", false),
            (listed.Name, listed.Condition, listed.Incident, listed.Shared));
    }

    [Fact]
    public async Task A_report_sent_as_the_app_stops_tracking_stands_as_long_as_the_endpoint_is_set_to_take_it()
    {
        using var json = new StringContent(OsmAndParserTests.StoppedJson, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/", json, Ct)).StatusCode);
        var report = Assert.Single(Port.Snapshot()).Report!;
        Assert.Equal((0.0, report.FixTime.AddMinutes(4)), (report.SpeedMps, report.StaleAt));
    }

    [Fact]
    public async Task A_report_refused_for_what_it_is_is_answered_200_with_its_reason_and_recorded_with_its_raw_text()
    {
        // The app sends a report again until it is answered 2xx, before any later one: answered 400, this one would be
        // sent every 30 s for ever, and the phone's later fixes never.
        var response = await Client.GetAsync("/?id=phone1&lat=39.7392", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("missing-field: request has no lat and lon", await response.Content.ReadAsStringAsync(Ct));
        var refused = Assert.Single(Port.Snapshot()).Refused;
        Assert.Equal((RejectReason.MissingField, "id=phone1&lat=39.7392"), (refused?.Reason, refused?.Raw));
    }

    [Theory]
    [InlineData("no")]
    [InlineData("0")]
    public async Task A_fix_a_bridge_marks_not_valid_is_refused_as_no_fix_naming_the_value_it_sent(string valid)
    {
        // Traccar takes a fix as valid only where "valid" says true or 1: a bridge's "no" had its not-valid fix put on the board.
        var response = await Client.GetAsync($"/?id=phone1&lat=39.7&lon=-104.9&timestamp=1773500390&valid={valid}", Ct);

        var detail = $"the device marked the fix not valid: valid '{valid}' (only true or 1 is a valid fix)";
        Assert.Equal((HttpStatusCode.OK, $"no-fix: {detail}"), (response.StatusCode, await response.Content.ReadAsStringAsync(Ct)));
        var refused = Assert.Single(Port.Snapshot()).Refused;
        Assert.Equal((RejectReason.NoFix, detail, "phone1"), (refused?.Reason, refused?.Detail, refused?.UnitId));
    }

    [Fact]
    public async Task A_parameter_sent_twice_in_the_query_or_the_form_has_its_last_value_and_the_fix_is_taken()
    {
        // Joined with a comma, "valid=1&valid=1" was refused as a fix not valid, and "lat=1&lat=1" as not a number.
        var query = await Client.GetAsync("/?id=phone1&lat=39.7&lat=39.7&lon=-104.9&timestamp=1773500390&valid=1&valid=1", Ct);
        using var form = new StringContent("id=phone2&lat=39.8&lon=-104.8&lon=-104.8&timestamp=1773500390&valid=true&valid=true", Encoding.UTF8, "application/x-www-form-urlencoded");
        var posted = await Client.PostAsync("/", form, Ct);

        Assert.Equal((HttpStatusCode.OK, "", HttpStatusCode.OK, ""),
            (query.StatusCode, await query.Content.ReadAsStringAsync(Ct), posted.StatusCode, await posted.Content.ReadAsStringAsync(Ct)));
        Assert.Equal([("phone1", 39.7, -104.9), ("phone2", 39.8, -104.8)],
            Port.Snapshot().Select(d => (d.Report!.UnitId, d.Report.Position.Latitude, d.Report.Position.Longitude)));
    }

    [Theory]
    [InlineData(RejectReason.Duplicate, HttpStatusCode.OK)]
    [InlineData(RejectReason.OutOfOrder, HttpStatusCode.OK)]
    [InlineData(RejectReason.ImpliedSpeed, HttpStatusCode.OK)]
    [InlineData(RejectReason.UnknownUnit, HttpStatusCode.BadRequest)]
    [InlineData(RejectReason.UnknownIncident, HttpStatusCode.BadRequest)]
    [InlineData(RejectReason.Closed, HttpStatusCode.BadRequest)]
    [InlineData(RejectReason.EnrolledElsewhere, HttpStatusCode.BadRequest)]
    [InlineData(RejectReason.Unavailable, HttpStatusCode.ServiceUnavailable)]
    public async Task The_incident_s_refusal_is_answered_so_that_the_app_sends_again_only_what_may_yet_be_taken(RejectReason reason, HttpStatusCode expected)
    {
        Port.Answer = _ => new Rejection(reason, "as the incident says");
        var response = await Client.GetAsync("/?id=phone1&lat=39.7&lon=-104.9&timestamp=1773500390", Ct);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(new Rejection(reason, "as the incident says").ToString(), await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(reason == RejectReason.Unavailable, response.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task A_report_held_on_the_phone_past_the_age_limit_does_not_hold_up_the_ones_behind_it()
    {
        // Out of signal in the building for six minutes, the phone sends what it kept, oldest first.
        var now = IngestRig.Now.ToUnixTimeSeconds();
        var old = await Client.GetAsync($"/?id=phone1&lat=39.7&lon=-104.9&timestamp={now - 360}", Ct);
        var fresh = await Client.GetAsync($"/?id=phone1&lat=39.7001&lon=-104.9&timestamp={now - 2}", Ct);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (old.StatusCode, fresh.StatusCode));
        Assert.StartsWith("too-old: ", await old.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("", await fresh.Content.ReadAsStringAsync(Ct));
        Assert.Equal(RejectReason.TooOld, Port.Snapshot()[0].Refused?.Reason);
        Assert.Equal(39.7001, Port.Snapshot()[1].Report!.Position.Latitude);
    }

    [Fact]
    public async Task Body_over_the_limit_is_oversized_and_not_recorded()
    {
        using var big = new StringContent("id=p&lat=1&lon=2&pad=" + new string('x', 2000), Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await Client.PostAsync("/", big, Ct);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "oversized: body is longer than the 1024-byte limit"), (response.StatusCode, await response.Content.ReadAsStringAsync(Ct)));
        Assert.Empty(Port.Snapshot());
    }

    [Fact]
    public async Task Identifier_no_admin_issued_is_refused_and_not_recorded()
    {
        var response = await Client.GetAsync($"/?id={OpenDoors.Unknown}&lat=39.7392&lon=-104.9903&timestamp=1773500390", Ct);
        Assert.Equal((HttpStatusCode.Forbidden, "unknown-device: no live device credential has this identifier"), (response.StatusCode, await response.Content.ReadAsStringAsync(Ct)));
        Assert.Empty(Port.Snapshot());
    }

    [Theory]
    [InlineData("{\"device_id\":\"phone-7\",\"location\":")]
    [InlineData("{\"device_id\":\"phone-7\",\"location\":{\"timestamp\":\"2026-03-14T14:59:50Z\",\"coords\":{\"latitude\":NaN,\"longitude\":-104.9903}}}")]
    public async Task Json_body_that_does_not_parse_is_malformed_not_an_unknown_device(string body)
    {
        using var json = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await Client.PostAsync("/", json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("malformed: body is not JSON: ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(Port.Snapshot());
    }

    [Theory]
    [InlineData("[{\"device_id\":\"phone-7\",\"location\":{\"timestamp\":\"2026-03-14T14:59:50Z\",\"coords\":{\"latitude\":39.7,\"longitude\":-104.9}}}]", "application/json", "malformed: the body must be an object (was an array)")]
    [InlineData(" [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "text/plain", "malformed: body is not JSON: ")]
    [InlineData("\"phone-7\"", "application/json; charset=utf-8", "malformed: the body must be an object (was a string)")]
    public async Task A_body_that_is_json_but_no_location_object_is_malformed_not_a_form_naming_no_device(string body, string type, string said)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);

        var response = await Client.PostAsync("/", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(said, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(Port.Snapshot());
    }

    [Fact]
    public async Task Flooding_phone_is_told_when_to_try_again()
    {
        HttpResponseMessage response;
        var sent = 0;
        do
        {
            response = await Client.GetAsync($"/?id={OpenDoors.Unknown}&lat=39.7392&lon=-104.9903", Ct);
        }
        while (response.StatusCode != HttpStatusCode.TooManyRequests && ++sent < 100);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.EndsWith("; try again in 1 s", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phones_that_share_an_address_each_have_their_own_limit()
    {
        // A site's Wi-Fi puts every phone behind one address: one phone past its own limit (5 here) does not stop the others.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await Client.GetAsync($"/?id=phone1&lat=39.7&lon=-104.9&timestamp={1773500390 + i}", Ct)).StatusCode);
        }

        var other = await Client.GetAsync("/?id=phone2&lat=39.7&lon=-104.9&timestamp=1773500390", Ct);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(6, Port.Snapshot().Count);
    }

    [Fact]
    public async Task One_phone_flooding_past_what_its_address_may_send_leaves_the_other_phones_there_reporting()
    {
        // A stuck phone behind a site's Wi-Fi resends as fast as it can: more than the address may send (60 here).
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 80; i++)
        {
            answers.Add((await Client.GetAsync($"/?id=phone1&lat=39.7&lon=-104.9&timestamp={1773500390 + i}", Ct)).StatusCode);
        }

        var other = await Client.GetAsync("/?id=phone2&lat=39.7&lon=-104.9&timestamp=1773500390", Ct);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 75)], answers);
        Assert.Equal((HttpStatusCode.OK, ""), (other.StatusCode, await other.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(6, Port.Snapshot().Count);
    }

    [Fact]
    public async Task An_address_sending_identifiers_no_admin_issued_is_held_to_its_rate_and_then_refused_before_a_body_is_read()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            answers.Add((await Client.GetAsync($"/?id={OpenDoors.Unknown}&lat=39.7&lon=-104.9", Ct)).StatusCode);
        }

        using var big = new StringContent("id=phone1&lat=1&lon=2&pad=" + new string('x', 2000), Encoding.UTF8, "application/x-www-form-urlencoded");
        var next = await Client.PostAsync("/", big, Ct);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Forbidden, 60)], answers);
        Assert.Equal(
            (HttpStatusCode.TooManyRequests, "rate-limited: 127.0.0.1 is sending requests that prove no device faster than its rate limit; try again in 1 s"),
            (next.StatusCode, await next.Content.ReadAsStringAsync(Ct)));
        // The phones behind that address are refused with it: the board says so, and which setting sets the limit.
        var throttled = Assert.Single(rig!.Sources.All(), s => s.Section == OsmAndEndpoint.Section);
        Assert.Equal(SourceCondition.Throttled, throttled.Condition);
        Assert.Equal(
            "127.0.0.1 sends requests that prove no device faster than its rate limit (Ingest:OsmAnd:AddressRate); every request from it is refused until it slows, so the phones that share its address (a site's Wi-Fi, a carrier's NAT) go stale",
            throttled.Detail);
    }

    [Fact]
    public void A_rate_that_could_not_work_is_named()
    {
        Assert.Equal("Ingest:OsmAnd:DeviceRate:PerSecond must be a positive number, not 0",
            new OsmAndOptions { DeviceRate = new() { PerSecond = 0, Burst = 40 } }.Problem());
        Assert.Null(new OsmAndOptions().Problem());
    }

    [Fact]
    public async Task Fix_too_old_for_the_screen_is_refused_by_the_intake()
    {
        var response = await Client.GetAsync("/?id=phone1&lat=39.7392&lon=-104.9903&timestamp=1773400000", Ct);
        Assert.Equal("too-old: fix is 100400 s old (limit 300 s)", await response.Content.ReadAsStringAsync(Ct));
    }
}

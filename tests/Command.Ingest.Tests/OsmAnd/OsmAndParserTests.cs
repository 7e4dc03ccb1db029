using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Json;
using Command.Ingest.OsmAnd;

namespace Command.Ingest.Tests.OsmAnd;

public sealed class OsmAndParserTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> Query(string text) =>
        text.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Traccar_client_query_decodes_every_field_with_speed_in_knots()
    {
        var raw = "id=123456&timestamp=1773500390&lat=39.7392&lon=-104.9903&speed=3.5&bearing=271.5&altitude=1609.3&accuracy=4.0&batt=87.0";
        var report = OsmAndParser.ParseQuery(Query(raw), raw, Received).Report;
        var expected = new PositionReport("123456", ReportSource.OsmAnd, DateTimeOffset.FromUnixTimeSeconds(1773500390), new GeoPoint(39.7392, -104.9903),
            1609.3, 4.0, 3.5 * (1852.0 / 3600), 271.5);
        Assert.Equal(expected, report);
    }

    [Theory]
    [InlineData("1773500390", 1773500390000)]
    [InlineData("1773500390123", 1773500390123)]
    [InlineData("2026-03-14T14:59:50.123Z", 1773500390123)]
    [InlineData("2026-03-14T15:59:50.123+01:00", 1773500390123)]
    public void Timestamp_may_be_seconds_milliseconds_or_iso(string timestamp, long epochMs)
    {
        var report = OsmAndParser.ParseQuery(Query($"deviceid=P1&lat=1&lon=2&timestamp={Uri.EscapeDataString(timestamp)}"), "", Received).Report;
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(epochMs), report?.FixTime);
    }

    [Fact]
    public void Missing_timestamp_is_the_receiving_clock_and_heading_and_location_are_accepted()
    {
        var report = OsmAndParser.ParseQuery(Query("id=P1&location=39.7392,-104.9903&heading=90"), "", Received).Report;
        Assert.Equal((Received, new GeoPoint(39.7392, -104.9903), 90.0), (report?.FixTime, report?.Position, report?.CourseDeg));
    }

    [Theory]
    [InlineData("39.7392,-104.9903,1609.3")]
    [InlineData("39.7392,-104.9903,1609.3,12")]
    public void Location_with_more_than_two_values_gives_its_first_two_as_traccar_reads_it(string location)
    {
        var report = OsmAndParser.ParseQuery(Query($"id=P1&location={location}"), "", Received).Report;

        Assert.Equal((new GeoPoint(39.7392, -104.9903), (double?)null), (report?.Position, report?.AltitudeM));
    }

    [Theory]
    [InlineData("lat=1&lon=2", RejectReason.MissingField, "request has no id or deviceid")]
    [InlineData("id=P1&lat=1", RejectReason.MissingField, "request has no lat and lon")]
    [InlineData("id=P1&lat=north&lon=2", RejectReason.InvalidCoordinates, "lat 'north' / lon '2' is not a number")]
    [InlineData("id=P1&lat=1&lon=2&timestamp=soon", RejectReason.Malformed, "timestamp 'soon' is not epoch seconds, epoch milliseconds or ISO 8601")]
    [InlineData("id=P1&lat=1&lon=2&speed=fast", RejectReason.InvalidValue, "speed 'fast' is not a number")]
    [InlineData("id=P1&lat=1&lon=2&speed=350", RejectReason.InvalidValue, "speed 350 kn is not a ground speed of 0-291 kn (150 m/s)")]
    [InlineData("id=P1&lat=1&lon=2&speed=-3", RejectReason.InvalidValue, "speed -3 kn is not a ground speed of 0-291 kn (150 m/s)")]
    [InlineData("id=P1&lat=1&lon=2&valid=false", RejectReason.NoFix, "the device marked the fix not valid: valid 'false' (only true or 1 is a valid fix)")]
    [InlineData("id=P1&lat=1&lon=2&valid=False", RejectReason.NoFix, "the device marked the fix not valid: valid 'False' (only true or 1 is a valid fix)")]
    [InlineData("id=P1&lat=1&lon=2&valid=FALSE", RejectReason.NoFix, "the device marked the fix not valid: valid 'FALSE' (only true or 1 is a valid fix)")]
    [InlineData("id=P1&lat=1&lon=2&valid=0", RejectReason.NoFix, "the device marked the fix not valid: valid '0' (only true or 1 is a valid fix)")]
    [InlineData("id=P1&lat=1&lon=2&valid=no", RejectReason.NoFix, "the device marked the fix not valid: valid 'no' (only true or 1 is a valid fix)")]
    [InlineData("id=P1&lat=1&lon=2&valid=V", RejectReason.NoFix, "the device marked the fix not valid: valid 'V' (only true or 1 is a valid fix)")]
    [InlineData("id=P1&lat=1&lon=2&valid=", RejectReason.NoFix, "the device marked the fix not valid: valid '' (only true or 1 is a valid fix)")]
    public void Bad_queries_have_their_reason(string raw, RejectReason reason, string detail)
    {
        Assert.Equal(new Rejection(reason, detail), OsmAndParser.ParseQuery(Query(raw), raw, Received).Rejection);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("1")]
    public void A_fix_marked_valid_as_traccar_reads_it_is_taken(string valid)
    {
        var raw = $"id=P1&lat=1&lon=2&valid={valid}";

        Assert.Equal(new GeoPoint(1, 2), OsmAndParser.ParseQuery(Query(raw), raw, Received).Report?.Position);
    }

    [Theory]
    [InlineData("id=P1&lat=1&lon=2&valid=1&valid=1", 1.0, 2.0)]
    [InlineData("id=P1&lat=5&lat=1&lon=2&lon=2&valid=0&valid=true", 1.0, 2.0)]
    [InlineData("id=P1&LAT=7&lat=1&lon=2", 1.0, 2.0)]
    public void A_parameter_sent_twice_has_its_last_value_as_traccar_reads_it(string raw, double lat, double lon)
    {
        Assert.Equal(new GeoPoint(lat, lon), OsmAndParser.ParseQuery(OsmAndFields.Read(raw), raw, Received).Report?.Position);
    }

    [Fact]
    public void A_fix_whose_last_valid_says_not_valid_is_refused_naming_that_value()
    {
        var raw = "id=P1&lat=1&lon=2&valid=1&valid=0";

        var detail = "the device marked the fix not valid: valid '0' (only true or 1 is a valid fix)";
        Assert.Equal(new Rejection(RejectReason.NoFix, detail), OsmAndParser.ParseQuery(OsmAndFields.Read(raw), raw, Received).Rejection);
    }

    [Fact]
    public void A_field_of_the_form_body_stands_over_the_query_s()
    {
        var fields = OsmAndFields.Read("?id=P1&lat=5&lon=2", "lat=1");

        Assert.Equal(new GeoPoint(1, 2), OsmAndParser.ParseQuery(fields, "", Received).Report?.Position);
    }

    internal const string Json = """
        {"location":{"timestamp":"2026-03-14T14:59:50.500Z","coords":{"latitude":39.7392,"longitude":-104.9903,"accuracy":6.2,"speed":1.4,"heading":182.0,"altitude":1610.0},
         "is_moving":true,"odometer":0,"event":"motionchange","battery":{"level":0.87,"is_charging":false},"activity":{"type":"on_foot"}},"device_id":"phone-7"}
        """;

    /// <summary><see cref="Json"/> as the app sends it when its stop detection stops tracking.</summary>
    internal static readonly string StoppedJson = Json.Replace("\"is_moving\":true", "\"is_moving\":false", StringComparison.Ordinal);

    [Fact]
    public void Json_body_decodes_with_speed_in_metres_per_second()
    {
        var report = OsmAndJson.Parse(Json, Received).Report;
        var expected = new PositionReport("phone-7", ReportSource.OsmAnd, new DateTimeOffset(2026, 3, 14, 14, 59, 50, 500, TimeSpan.Zero),
            new GeoPoint(39.7392, -104.9903), 1610.0, 6.2, 1.4, 182.0);
        Assert.Equal(expected, report);
    }

    [Fact]
    public void Json_holding_half_a_surrogate_pair_is_refused_as_malformed()
    {
        var incoming = OsmAndJson.Parse("""{"device_id":"p\ud800","location":{"coords":{"latitude":1,"longitude":2}}}""", Received);

        Assert.Equal((RejectReason.Malformed, "a field of the body " + JsonText.NotText), (incoming.Rejection?.Reason, incoming.Rejection?.Detail));
    }

    [Fact]
    public void Json_negative_speed_and_heading_mean_unknown()
    {
        var report = OsmAndJson.Parse("""{"device_id":"p","location":{"coords":{"latitude":1,"longitude":2,"speed":-1,"heading":-1}}}""", Received).Report;
        Assert.Equal((null, null, Received), (report?.SpeedMps, report?.CourseDeg, report?.FixTime));
    }

    [Fact]
    public void Json_sent_as_stop_detection_stops_tracking_says_the_phone_stands_still_and_its_fix_stands()
    {
        // The app has seen the phone still for minutes and will send nothing more until it moves: a GPS speed sampled
        // as it says so is not what it says.
        var report = OsmAndJson.Parse(StoppedJson, Received, TimeSpan.FromMinutes(10)).Report!;
        Assert.Equal((0.0, report.FixTime.AddMinutes(10)), (report.SpeedMps, report.StaleAt));
    }

    [Theory]
    [InlineData("\"is_moving\":true", 10)]
    [InlineData("\"is_moving\":\"false\"", 10)]
    [InlineData("\"moving\":false", 10)]
    [InlineData("\"is_moving\":false", 0)]
    public void Json_says_nothing_of_standing_still_unless_stop_detection_stopped_and_the_endpoint_reads_it(string moving, int standsMinutes)
    {
        var report = OsmAndJson.Parse(Json.Replace("\"is_moving\":true", moving, StringComparison.Ordinal), Received, TimeSpan.FromMinutes(standsMinutes)).Report!;
        Assert.Equal((1.4, (DateTimeOffset?)null), (report.SpeedMps, report.StaleAt));
    }

    [Theory]
    [InlineData("{\"device_id\":\"p\",", RejectReason.Malformed)]
    [InlineData("[]", RejectReason.Malformed)]
    [InlineData("{\"location\":{}}", RejectReason.MissingField)]
    [InlineData("{\"device_id\":\"p\"}", RejectReason.MissingField)]
    [InlineData("{\"device_id\":\"p\",\"location\":{\"coords\":{\"latitude\":1}}}", RejectReason.MissingField)]
    [InlineData("{\"device_id\":\"p\",\"location\":{\"coords\":null}}", RejectReason.MissingField)]
    [InlineData("{\"device_id\":\"p\",\"location\":{\"timestamp\":\"later\",\"coords\":{\"latitude\":1,\"longitude\":2}}}", RejectReason.Malformed)]
    public void Bad_json_has_its_reason(string body, RejectReason reason)
    {
        Assert.Equal(reason, OsmAndJson.Parse(body, Received).Rejection?.Reason);
    }

    [Theory]
    [InlineData("{\"device_id\":\"p\",\"location\":{\"coords\":{\"latitude\":\"39.99\",\"longitude\":2}}}", RejectReason.InvalidCoordinates, "location.coords.latitude must be a number (was a string)")]
    [InlineData("{\"device_id\":\"p\",\"location\":{\"coords\":{\"latitude\":1,\"longitude\":[2]}}}", RejectReason.InvalidCoordinates, "location.coords.longitude must be a number (was an array)")]
    [InlineData("{\"device_id\":{\"id\":\"p\"},\"location\":{\"coords\":{\"latitude\":1,\"longitude\":2}}}", RejectReason.Malformed, "device_id must be text (was an object)")]
    [InlineData("{\"device_id\":\"p\",\"location\":\"39.99,-105\"}", RejectReason.Malformed, "location must be an object (was a string)")]
    [InlineData("{\"device_id\":\"p\",\"location\":{\"coords\":[1,2]}}", RejectReason.Malformed, "location.coords must be an object (was an array)")]
    [InlineData("{\"device_id\":\"p\",\"location\":{\"timestamp\":true,\"coords\":{\"latitude\":1,\"longitude\":2}}}", RejectReason.Malformed, "location.timestamp must be an ISO 8601 time in a string (was true)")]
    [InlineData("{\"device_id\":\"p\",\"location\":{\"coords\":{\"latitude\":1,\"longitude\":2,\"speed\":\"fast\"}}}", RejectReason.InvalidValue, "location.coords.speed must be a number (was a string)")]
    [InlineData("{\"device_id\":\"p\",\"location\":{\"coords\":{\"latitude\":1,\"longitude\":2,\"heading\":true}}}", RejectReason.InvalidValue, "location.coords.heading must be a number (was true)")]
    public void Json_field_of_the_wrong_kind_is_named_and_never_called_missing(string body, RejectReason reason, string detail)
    {
        Assert.Equal(new Rejection(reason, detail), OsmAndJson.Parse(body, Received).Rejection);
    }
}

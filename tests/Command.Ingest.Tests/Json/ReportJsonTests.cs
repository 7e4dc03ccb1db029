using System.Text.Json;
using Command.Domain.Reports;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Json;

namespace Command.Ingest.Tests.Json;

public sealed class ReportJsonTests
{
    private const string Good = "\"unitId\":\"P1\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0";

    [Theory]
    [InlineData("\"source\":\"fax\"," + Good, RejectReason.InvalidValue, "source 'fax' is not one of json, simulator, cot, nmea, aprs, osmand")]
    [InlineData("\"unitId\":7,\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0", RejectReason.Malformed, "unitId must be text, in quotes (was a number)")]
    [InlineData("\"unitId\":\" \",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0", RejectReason.MissingField, "unitId is required")]
    [InlineData("\"unitId\":null,\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0", RejectReason.MissingField, "unitId is required")]
    [InlineData("\"unitId\":\"P1\",\"fixTime\":12345,\"lat\":44.0,\"lon\":-100.0", RejectReason.Malformed, "fixTime must be an ISO 8601 time in a string (was a number)")]
    [InlineData("\"source\":5," + Good, RejectReason.Malformed, "source must be text, in quotes (was a number)")]
    [InlineData(Good + ",\"callsign\":{\"name\":\"Patrol\"}", RejectReason.Malformed, "callsign must be text, in quotes (was an object)")]
    [InlineData(Good + ",\"role\":1", RejectReason.Malformed, "role must be text, in quotes (was a number)")]
    [InlineData(Good + ",\"altitudeDatum\":false", RejectReason.Malformed, "altitudeDatum must be text, in quotes (was false)")]
    [InlineData("\"unitId\":\"P1\",\"lat\":44.0,\"lon\":-100.0", RejectReason.MissingField, "fixTime is required (ISO 8601)")]
    [InlineData("\"unitId\":\"P1\",\"fixTime\":\"soon\",\"lat\":44.0,\"lon\":-100.0", RejectReason.Malformed, "fixTime 'soon' is not an ISO 8601 time")]
    [InlineData("\"unitId\":\"P1\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":\"38.85\",\"lon\":-100.0", RejectReason.InvalidCoordinates, "lat must be a number (was a string)")]
    [InlineData("\"unitId\":\"P1\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":\"NaN\",\"lon\":-100.0", RejectReason.InvalidCoordinates, "lat must be a number (was a string)")]
    [InlineData("\"unitId\":\"P1\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":[1]", RejectReason.InvalidCoordinates, "lon must be a number (was an array)")]
    [InlineData("\"unitId\":\"P1\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0", RejectReason.MissingField, "lat and lon are required numbers")]
    [InlineData("\"unitId\":\"P1\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":null,\"lon\":-100.0", RejectReason.MissingField, "lat and lon are required numbers")]
    [InlineData(Good + ",\"altitudeM\":\"high\"", RejectReason.Malformed, "altitudeM must be a number (was a string)")]
    [InlineData(Good + ",\"accuracyM\":true", RejectReason.Malformed, "accuracyM must be a number (was true)")]
    [InlineData(Good + ",\"speedMps\":[1]", RejectReason.Malformed, "speedMps must be a number (was an array)")]
    [InlineData(Good + ",\"courseDeg\":{}", RejectReason.Malformed, "courseDeg must be a number (was an object)")]
    [InlineData(Good + ",\"verticalAccuracyM\":\"1\"", RejectReason.Malformed, "verticalAccuracyM must be a number (was a string)")]
    [InlineData(Good + ",\"speedMps\":\"fast\",\"altitudeM\":\"high\"", RejectReason.Malformed, "altitudeM must be a number (was a string)")]
    [InlineData(Good + ",\"staleAt\":300", RejectReason.Malformed, "staleAt must be an ISO 8601 time in a string")]
    [InlineData(Good + ",\"staleAt\":\"in five minutes\"", RejectReason.Malformed, "staleAt 'in five minutes' is not an ISO 8601 time")]
    [InlineData(Good + ",\"role\":\"sniper\"", RejectReason.InvalidValue, "role 'sniper' is not one of unassigned, contact, perimeter, staging, medical, rescue-task-force, command")]
    public void A_bad_report_is_refused_for_its_first_bad_field(string fields, RejectReason reason, string detail)
    {
        var item = Parse("{" + fields + "}");

        Assert.Null(item.Report);
        Assert.Equal(new Rejection(reason, detail), item.Rejection);
        Assert.Equal("{" + fields + "}", item.Raw);
    }

    [Fact]
    public void Every_field_is_read()
    {
        var item = Parse("{\"source\":\"cot\"," + Good + ",\"altitudeM\":12.5,\"accuracyM\":null,\"speedMps\":1.5,\"courseDeg\":90,\"callsign\":\"Patrol 1\",\"role\":\"contact\"}");

        Assert.Equal(
            new PositionReport("P1", ReportSource.CoT, new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero), new(44.0, -100.0), 12.5, null, 1.5, 90, "Patrol 1", UnitRole.Contact),
            item.Report);
    }

    [Theory]
    [InlineData(",\"accuracy\":3,\"speed\":2.0,\"course\":90", "accuracy")]
    [InlineData(",\"heading\":90", "heading")]
    [InlineData(",\"note\":{\"a\":[1,{\"b\":2}]},\"speedMps\":1.5", "note")]
    public void A_report_with_a_field_it_does_not_take_is_refused_by_that_name(string extra, string field)
    {
        var item = Parse("{" + Good + extra + "}");

        Assert.Null(item.Report);
        Assert.Equal(
            new Rejection(RejectReason.UnknownField, $"a report takes no field '{field}'; check its spelling: its fields are unitId, fixTime, lat, lon, altitudeM, altitudeDatum, verticalAccuracyM, floor, accuracyM, speedMps, courseDeg, callsign, role, source, staleAt"),
            item.Rejection);
        Assert.Equal("P1", item.UnitId);
    }

    [Theory]
    [InlineData("{\"unitId\":\"J12\",\"unitId\":\"J13\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0}", "unitId", null)]
    [InlineData("{" + Good + ",\"lat\":45.0}", "lat", "P1")]
    [InlineData("{" + Good + ",\"speedMps\":null,\"speedMps\":2}", "speedMps", "P1")]
    public void A_report_that_gives_a_field_twice_is_refused_naming_it(string json, string field, string? unitId)
    {
        var item = Parse(json);

        Assert.Null(item.Report);
        Assert.Equal(new Rejection(RejectReason.Malformed, $"'{field}' is given twice; a report names each field once"), item.Rejection);
        Assert.Equal(unitId, item.UnitId);
    }

    [Theory]
    [InlineData("2026-03-14T15:00:00Z", "2026-03-14T15:00:00+00:00")]
    [InlineData("2026-03-14T15:00:00.1234567+02:00", "2026-03-14T15:00:00.1234567+02:00")]
    [InlineData("2026-03-14T15:00:00-05:30", "2026-03-14T15:00:00-05:30")]
    [InlineData("2026-03-14T15:00:00", "2026-03-14T15:00:00+00:00")]
    [InlineData("2026-03-14 15:00:00Z", "2026-03-14T15:00:00+00:00")]
    public void Fix_times_with_or_without_an_offset_are_read_and_one_without_is_utc(string sent, string expected)
    {
        var item = Parse("{\"unitId\":\"P1\",\"fixTime\":\"" + sent + "\",\"lat\":44.0,\"lon\":-100.0}");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), item.Report!.FixTime);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, item.Report.FixTime.Offset);
    }

    [Fact]
    public void How_long_a_fix_stands_is_read_from_stale_at()
    {
        var item = Parse("{" + Good + ",\"staleAt\":\"2026-03-14T15:06:15Z\"}");

        Assert.Equal(new DateTimeOffset(2026, 3, 14, 15, 6, 15, TimeSpan.Zero), item.Report?.StaleAt);
        Assert.Null(Parse("{" + Good + ",\"staleAt\":null}").Report?.StaleAt);
    }

    private static IncomingReport Parse(string json) => ReportJson.Parse(System.Text.Encoding.UTF8.GetBytes(json));
}

using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Ingest.Cot;

namespace Command.Ingest.Tests.Cot;

public sealed class TakProtocolTests
{
    private static readonly CotParser Parser = new(CotOptions.Default);

    [Theory]
    [InlineData("atak-self-report.cot")]
    [InlineData("itak-unknown-marker.cot")]
    [InlineData("atak-marker-2525.cot")]
    [InlineData("atak-geofence-circle.cot")]
    public void A_real_event_reads_the_same_in_tak_protocol_as_in_xml(string file)
    {
        var xml = TestData.Text("cot", file);
        var fromXml = Parser.Parse(xml);

        var fromTak = Parser.ParseTak(TakProto.FromXml(xml));

        Assert.NotNull(fromTak);
        Assert.Equal(fromXml.Report?.Report, fromTak.Report?.Report);
        Assert.Equal(fromXml.Report?.Rejection, fromTak.Report?.Rejection);
        Assert.Equal(fromXml.Report?.UnitId, fromTak.Report?.UnitId);
        Assert.Equal(fromXml.Threat, fromTak.Threat);
    }

    [Fact]
    public void A_self_report_with_its_contact_group_and_track_as_messages_reads_every_field()
    {
        var xml = CotParserTests.Event(detail: "<contact callsign='MEDIC 2' endpoint='*:-1:stcp'/><__group name='Cyan' role='Medic'/><track speed='1.4' course='212.5'/><status battery='64'/>");
        var datagram = TakProto.FromXml(xml);

        var incoming = Parser.ParseTak(datagram)?.Report;

        var expected = new PositionReport("U1", ReportSource.CoT, new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero), new GeoPoint(39.7392, -104.9903),
            1609.3, 4.5, 1.4, 212.5, "MEDIC 2", UnitRole.Medical, AltitudeDatum: AltitudeDatum.Ellipsoid,
            StaleAt: new DateTimeOffset(2026, 3, 14, 15, 5, 0, TimeSpan.Zero));
        Assert.Equal(expected, incoming?.Report);
        Assert.Equal($"TAK protocol v1, {datagram.Length} bytes, base64: {Convert.ToBase64String(datagram)}", incoming?.Raw);
    }

    [Fact]
    public void The_protocols_999999_for_an_unknown_hae_ce_and_le_is_unknown()
    {
        var xml = CotParserTests.Event(point: "<point lat='38.8566' lon='-77.0636' hae='9999999.0' ce='9999999.0' le='9999999.0'/>");

        var report = Parser.ParseTak(TakProto.FromXml(xml))?.Report?.Report;

        Assert.Equal(new GeoPoint(38.8566, -77.0636), report?.Position);
        Assert.Null(report?.AltitudeM);
        Assert.Null(report?.AccuracyM);
        Assert.Null(report?.VerticalAccuracyM);
    }

    [Fact]
    public void An_infinite_hae_is_refused_as_in_xml_not_taken_for_unknown()
    {
        var xml = CotParserTests.Event(point: "<point lat='39.7392' lon='-104.9903' hae='Infinity' ce='4.5' le='9999999.0'/>");
        var withoutHae = TakProto.Event(System.Xml.Linq.XElement.Parse(CotParserTests.Event(point: "<point lat='39.7392' lon='-104.9903' ce='4.5' le='9999999.0'/>")));
        var cotEvent = new TakProto.Writer().Double(12, double.PositiveInfinity).ToArray();

        var rejection = Parser.ParseTak(TakProto.Mesh(TakProto.Message([.. withoutHae, .. cotEvent])))?.Report?.Rejection;

        Assert.Equal(RejectReason.InvalidValue, rejection?.Reason);
        Assert.Equal(Parser.Parse(xml).Report?.Rejection, rejection);
    }

    [Fact]
    public void A_device_reporting_where_its_user_set_it_has_no_fix_in_tak_protocol_as_in_xml()
    {
        var xml = CotParserTests.Event(how: "h-e", detail: "<contact callsign='GEMINI'/><precisionlocation geopointsrc='User' altsrc='DTED0'/>");

        var rejection = Parser.ParseTak(TakProto.FromXml(xml))?.Report?.Rejection;

        Assert.Equal(RejectReason.NoFix, rejection?.Reason);
        Assert.Equal(Parser.Parse(xml).Report?.Rejection, rejection);
    }

    [Fact]
    public void A_phone_standing_still_says_speed_zero_by_leaving_it_out()
    {
        var xml = CotParserTests.Event(detail: "<track speed='0.0' course='0.0'/>");

        var report = Parser.ParseTak(TakProto.FromXml(xml))?.Report?.Report;

        Assert.Equal((0.0, 0.0), (report?.SpeedMps, report?.CourseDeg));
    }

    [Fact]
    public void A_hostile_marker_in_tak_protocol_places_the_threat_as_its_xml_does()
    {
        var xml = CotParserTests.Event("a-h-G", uid: "H9", how: "h-g-i-g-o", point: "<point lat='39.74' lon='-104.99' hae='9999999.0' ce='9999999.0' le='9999999.0'/>",
            detail: "<link uid='ANDROID-1' type='a-f-G-U-C' relation='p-p'/><contact callsign='shooter'/>");

        var outcome = Parser.ParseTak(TakProto.FromXml(xml));

        Assert.Equal(Parser.Parse(xml).Threat, outcome?.Threat);
        Assert.Equal(("T1", (double?)null), (outcome?.Threat?.ThreatId, outcome?.Threat?.UncertaintyM));
        Assert.Equal(("cot:H9", "ANDROID-1"), (outcome?.Actor, outcome?.PlacedBy));
    }

    [Fact]
    public void A_friendly_marker_whose_link_to_its_maker_is_in_the_xml_detail_is_not_a_units_position()
    {
        var xml = CotParserTests.Event(how: "h-e", detail: "<link uid='ANDROID-589520ccfcd20f01' type='a-f-G-U-C' parent_callsign='HOPE' relation='p-p'/>");

        var rejection = Parser.ParseTak(TakProto.FromXml(xml))?.Report?.Rejection;

        Assert.Equal(new Rejection(RejectReason.NotAPosition, "event U1 is a marker produced by HOPE (link relation p-p), not a unit's own position"), rejection);
    }

    [Fact]
    public void Where_a_sender_puts_an_element_both_as_a_message_and_as_xml_the_xml_stands()
    {
        var cotEvent = TakProto.Event(System.Xml.Linq.XElement.Parse(CotParserTests.Event()));
        var detail = new TakProto.Writer().String(1, "<contact callsign='FROM XML'/>")
            .Bytes(2, new TakProto.Writer().String(2, "FROM MESSAGE").ToArray()).ToArray();

        var report = Parser.ParseTak(TakProto.Mesh(TakProto.Message([.. cotEvent, .. new TakProto.Writer().Bytes(15, detail).ToArray()])))?.Report?.Report;

        Assert.Equal("FROM XML", report?.Callsign);
    }

    [Fact]
    public void A_911_alert_reads_the_same_in_tak_protocol_as_in_xml()
    {
        var xml = CotParserTests.Alert();

        var outcome = Parser.ParseTak(TakProto.FromXml(xml));

        Assert.Equal(Parser.Parse(xml).Alert, outcome?.Alert);
        Assert.NotNull(outcome?.Alert);
    }

    [Fact]
    public void A_hostile_markers_name_and_remarks_read_the_same_in_tak_protocol_as_in_xml()
    {
        var xml = CotParserTests.Event("a-h-G", uid: "H9", detail: "<contact callsign='Shooter'/><remarks>male, black hoodie</remarks>");

        var threat = Parser.ParseTak(TakProto.FromXml(xml))?.Threat;

        Assert.Equal(("Shooter", "male, black hoodie"), (threat?.Name, threat?.Remarks));
        Assert.Equal(Parser.Parse(xml).Threat, threat);
    }

    [Fact]
    public void A_marker_deletion_reads_the_same_in_tak_protocol_as_in_xml()
    {
        var xml = CotParserTests.Deletion();

        var outcome = Parser.ParseTak(TakProto.FromXml(xml));

        Assert.Equal(new Ingest.Intake.DeletedMarker("H-2", "ANDROID-589520ccfcd20f01"), outcome?.Deletion);
        Assert.Equal(Parser.Parse(xml).Deletion, outcome?.Deletion);
    }

    [Fact]
    public void A_devices_announcement_of_the_versions_it_reads_is_no_report()
    {
        Assert.Null(Parser.ParseTak(TakProto.Mesh(TakProto.Message(null, TakProto.Control(1, 1)))));
    }

    [Fact]
    public void A_control_sent_with_an_event_does_not_stop_the_event()
    {
        var cotEvent = TakProto.Event(System.Xml.Linq.XElement.Parse(CotParserTests.Event(uid: "U7")));

        var incoming = Parser.ParseTak(TakProto.Mesh(TakProto.Message(cotEvent, TakProto.Control(1, 1))))?.Report;

        Assert.Equal("U7", incoming?.Report?.UnitId);
    }

    [Fact]
    public void Fields_a_tak_server_or_a_later_version_adds_are_passed_over()
    {
        var cotEvent = TakProto.Event(System.Xml.Linq.XElement.Parse(CotParserTests.Event(uid: "U8")));
        // TAK Server's submissionTime and creationTime (3, 4), a caveat (16), and a fixed32 of some later field.
        var message = new TakProto.Writer().Bytes(2, [.. cotEvent, .. new TakProto.Writer().String(16, "FOUO").Any(20, 5, 1, 2, 3, 4).ToArray()])
            .Varint(3, 1_773_500_400_000).Varint(4, 1_773_500_400_000).ToArray();

        var incoming = Parser.ParseTak(TakProto.Mesh(message))?.Report;

        Assert.Equal(("U8", new GeoPoint(39.7392, -104.9903)), (incoming?.Report?.UnitId, incoming?.Report?.Position));
    }

    [Fact]
    public void Another_version_of_the_protocol_is_refused_naming_it()
    {
        var datagram = TakProto.Mesh(TakProto.Message(TakProto.Event(System.Xml.Linq.XElement.Parse(CotParserTests.Event()))), version: 2);

        var incoming = Parser.ParseTak(datagram)?.Report;

        Assert.Equal(new Rejection(RejectReason.Malformed, "TAK protocol version 2 is not read here (version 1 is)"), incoming?.Rejection);
        Assert.StartsWith($"TAK protocol v2, {datagram.Length} bytes, base64: ", incoming?.Raw);
    }

    public static TheoryData<string, byte[], string> Broken => new()
    {
        { "header missing", [], "not a TAK protocol message: TAK protocol header: the message does not start with the byte 0xBF" },
        { "header cut short", [0xBF, 0x81], "not a TAK protocol message: TAK protocol header: a number runs past the end (at byte 1 of 1)" },
        { "header not closed", [0xBF, 0x01, 0x0A], "not a TAK protocol message: TAK protocol header: the version is not followed by the closing byte 0xBF" },
        { "event longer than the message", [0xBF, 0x01, 0xBF, 0x12, 0x40, 0x0A, 0x01, 0x61], "not a TAK protocol message: TakMessage: field 2 says 64 bytes, 3 are left (at byte 2 of 5)" },
        { "double cut short", [0xBF, 0x01, 0xBF, 0x12, 0x05, 0x51, 0x00, 0x00, 0x00, 0x00], "not a TAK protocol message: CotEvent: field 10 runs past the end (at byte 1 of 5)" },
        { "uid of the wrong wire type", [0xBF, 0x01, 0xBF, 0x12, 0x02, 0x28, 0x01], "not a TAK protocol message: CotEvent: field 5 has wire type 0, not 2 (at byte 1 of 2)" },
        { "a group's wire type", [0xBF, 0x01, 0xBF, 0x1B], "not a TAK protocol message: TakMessage: field 3 has wire type 3, which no TAK message uses (at byte 1 of 1)" },
        { "field number zero", [0xBF, 0x01, 0xBF, 0x02, 0x00], "not a TAK protocol message: TakMessage: field number 0 is not a field (at byte 1 of 2)" },
        { "uid not UTF-8", [0xBF, 0x01, 0xBF, 0x12, 0x04, 0x2A, 0x02, 0xC3, 0x28], "not a TAK protocol message: CotEvent: field 5 is not UTF-8 text (at byte 4 of 4)" },
        { "a number of eleven bytes", [0xBF, 0x01, 0xBF, 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "not a TAK protocol message: TakMessage: a number is longer than ten bytes (at byte 11 of 12)" },
        { "send time after 9999", [0xBF, 0x01, 0xBF, 0x12, 0x0B, 0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "not a TAK protocol message: CotEvent: sendTime 18446744073709551615 ms since 1970 is after the year 9999" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_message_is_refused_saying_where(string what, byte[] datagram, string detail)
    {
        var incoming = Parser.ParseTak(datagram)?.Report;

        Assert.True(incoming?.Rejection == new Rejection(RejectReason.Malformed, detail), $"{what}: {incoming?.Rejection}");
        Assert.Equal($"TAK protocol{(what.StartsWith("header", StringComparison.Ordinal) ? "" : " v1")}, {datagram.Length} bytes, base64: {Convert.ToBase64String(datagram)}", incoming?.Raw);
    }

    [Fact]
    public void A_detail_whose_xml_is_not_well_formed_is_refused_as_such()
    {
        var cotEvent = TakProto.Event(System.Xml.Linq.XElement.Parse(CotParserTests.Event()));
        var detail = new TakProto.Writer().String(1, "<contact callsign='A'").ToArray();

        var rejection = Parser.ParseTak(TakProto.Mesh(TakProto.Message([.. cotEvent, .. new TakProto.Writer().Bytes(15, detail).ToArray()])))?.Report?.Rejection;

        Assert.Equal(RejectReason.Malformed, rejection?.Reason);
        Assert.StartsWith("TAK protocol message's detail is not well-formed XML: ", rejection?.Detail);
    }

    [Fact]
    public void A_message_larger_than_an_event_may_be_is_refused_as_oversized()
    {
        var parser = new CotParser(CotOptions.Default with { MaxEventChars = 64 });
        var datagram = TakProto.FromXml(CotParserTests.Event());

        var rejection = parser.ParseTak(datagram)?.Report?.Rejection;

        Assert.Equal(new Rejection(RejectReason.Oversized, $"message is {datagram.Length} bytes (limit 64)"), rejection);
    }

    [Fact]
    public void An_event_with_no_position_is_a_device_without_a_fix_as_in_xml()
    {
        var xml = CotParserTests.Event(point: "<point lat='0' lon='0' hae='9999999.0' ce='9999999.0' le='9999999.0'/>");

        Assert.Equal(RejectReason.NoFix, Parser.ParseTak(TakProto.FromXml(xml))?.Report?.Rejection?.Reason);
    }

    [Fact]
    public void A_track_speed_that_is_not_a_number_is_refused_as_its_xml_is()
    {
        var xml = CotParserTests.Event(detail: "<track speed='NaN' course='45'/>");

        var rejection = Parser.ParseTak(TakProto.FromXml(xml))?.Report?.Rejection;

        Assert.Equal(new Rejection(RejectReason.InvalidValue, "event U1 track: speed 'NaN' is not a finite number"), rejection);
        Assert.Equal(Parser.Parse(xml).Report?.Rejection, rejection);
    }
}

using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Threats;
using Command.Domain.Units;
using Command.Domain.Validation;
using Command.Ingest.Cot;
using Command.Ingest.Intake;

namespace Command.Ingest.Tests.Cot;

public sealed class CotParserTests
{
    private static readonly CotParser Parser = new(CotOptions.Default);

    internal static string Event(string type = "a-f-G-U-C", string uid = "U1", string point = "<point lat='39.7392' lon='-104.9903' hae='1609.3' ce='4.5' le='9999999.0'/>", string detail = "", string time = "time='2026-03-14T15:00:00Z'",
        string stale = "2026-03-14T15:05:00Z", string how = "m-g") =>
        $"<event version='2.0' uid='{uid}' type='{type}' how='{how}' {time} start='2026-03-14T15:00:00Z' stale='{stale}'>{point}<detail>{detail}</detail></event>";

    [Fact]
    public void Atak_self_report_decodes_every_field()
    {
        var xml = TestData.Text("cot", "atak-self-report.cot");
        var outcome = Parser.Parse(xml);
        var expected = new PositionReport("ANDROID-deadbeef", ReportSource.CoT, new DateTimeOffset(2021, 2, 27, 20, 32, 24, 771, TimeSpan.Zero),
            new GeoPoint(1.234567, -3.141592), -25.7, 9.9, 0.0, 80.24833892285461, "JENNY", null, AltitudeDatum: AltitudeDatum.Ellipsoid,
            // Standing still through a TAK server, ATAK says its fix stands for 375 s: twice its 180 s, and 15 s.
            StaleAt: new DateTimeOffset(2021, 2, 27, 20, 38, 39, 771, TimeSpan.Zero));
        Assert.Equal(expected, outcome.Report?.Report);
        Assert.Null(outcome.Threat);
        Assert.Equal(xml, outcome.Report?.Raw);
    }

    [Theory]
    [InlineData("itak-unknown-marker.cot", "EB77220E-6299-4CA3-95FC-0200BD9FE78A")]
    [InlineData("atak-marker-2525.cot", "a0c524c6-0422-4382-9981-e39d1dc71730")]
    public void Unknown_ground_marker_placed_by_hand_is_not_a_units_position(string file, string uid)
    {
        var incoming = Parser.Parse(TestData.Text("cot", file)).Report;
        Assert.Equal(new Rejection(RejectReason.NotAPosition, $"event {uid} is a marker placed by hand (how h-g-i-g-o), not a unit's own position"), incoming?.Rejection);
        Assert.Equal(uid, incoming?.UnitId);
    }

    [Fact]
    public void Friendly_marker_produced_by_another_entity_is_not_a_units_position()
    {
        var xml = Event("a-f-G-U-C", how: "h-e", detail: "<link uid='ANDROID-589520ccfcd20f01' type='a-f-G-U-C' parent_callsign='HOPE' relation='p-p'/>");
        Assert.Equal(new Rejection(RejectReason.NotAPosition, "event U1 is a marker produced by HOPE (link relation p-p), not a unit's own position"),
            Parser.Parse(xml).Report?.Rejection);
    }

    [Fact]
    public void Hostile_marker_placed_by_hand_is_still_the_threat()
    {
        var outcome = Parser.Parse(Event("a-h-G", uid: "H9", how: "h-g-i-g-o", detail: "<link uid='ANDROID-1' type='a-f-G-U-C' relation='p-p'/>"));
        Assert.Equal("T1", outcome.Threat?.ThreatId);
    }

    [Fact]
    public void Unit_with_unknown_hae_and_ce_has_null_altitude_and_accuracy()
    {
        var report = Parser.Parse(Event(point: "<point lat='38.8566' lon='-77.0636' hae='9999999.0' ce='9999999.0' le='9999999.0'/>",
            detail: "<link uid='parent-map' type='b-m-p' relation='p-c'/>")).Report?.Report;
        Assert.Equal(new GeoPoint(38.8566, -77.0636), report?.Position);
        Assert.Null(report?.AltitudeM);
        Assert.Null(report?.AccuracyM);
    }

    [Fact]
    public void An_itak_report_saying_speed_minus_one_has_no_speed_and_no_course()
    {
        // As iTAK on an iPad reports itself: no GPS fix of its own to say a speed by, so -1, and a course of 0.
        var report = Parser.Parse(Event(point: "<point lat='40.4159' lon='0.4243' hae='0.0' ce='9999999.0' le='9999999.0'/>",
            detail: "<contact callsign='Papa Uniform' endpoint='*:-1:stcp'/><__group name='Cyan' role='Team Member'/><takv device='iPad' platform='iTAK' os='16.2' version='2.4.1'/><track speed='-1.0' course='0.0'/>")).Report;

        Assert.NotNull(report?.Report);
        Assert.Equal((null, null, "Papa Uniform"), (report.Report.SpeedMps, report.Report.CourseDeg, report.Report.Callsign));
        Assert.Null(InputLimits.Check(report.Report));
    }

    [Fact]
    public void A_device_reporting_where_its_user_set_it_has_no_fix()
    {
        // As an ATAK or WinTAK device with no GPS reports itself: human estimated, its position's source its user.
        var incoming = Parser.Parse(Event(how: "h-e", point: "<point lat='37.9541' lon='-87.9717' hae='80.8' ce='9999999' le='9999999'/>",
            detail: "<contact endpoint='192.168.167.167:4242:tcp' callsign='GEMINI'/><__group role='Team Member' name='Cyan'/><track course='114.6' speed='0.0'/><precisionlocation geopointsrc='User' altsrc='DTED0'/>")).Report;

        Assert.Equal(new Rejection(RejectReason.NoFix,
            "event U1's device has no fix of its own: its position was set by hand (how h-e, precisionlocation geopointsrc User)"), incoming?.Rejection);
        Assert.Equal("U1", incoming?.UnitId);
    }

    [Theory]
    [InlineData("m-g", "User")]
    [InlineData("h-e", "GPS")]
    [InlineData("h-e", "???")]
    public void A_position_set_by_hand_takes_both_its_how_and_its_source_saying_so(string how, string source)
    {
        var report = Parser.Parse(Event(how: how, detail: $"<precisionlocation geopointsrc='{source}' altsrc='GPS'/>")).Report;

        Assert.Equal(("U1", null), (report?.Report?.UnitId, report?.Rejection));
    }

    internal static string Alert(string type = "b-a-o-tbl", string emergency = "<emergency type='911 Alert'>ALPHA 7</emergency>", string link = "<link uid='ANDROID-7f3a' type='a-f-G-U-C' relation='p-p'/>") =>
        $"<event version='2.0' uid='ANDROID-7f3a-9-1-1' type='{type}' how='h-e' time='2026-03-14T15:00:00Z' start='2026-03-14T15:00:00Z' stale='2026-03-14T15:10:00Z'>"
        + $"<point lat='39.7392' lon='-104.9903' hae='1609.3' ce='9.9' le='9999999.0'/><detail>{link}<contact callsign='ALPHA 7-Alert'/>{emergency}</detail></event>";

    [Fact]
    public void An_atak_911_alert_is_its_units_alert_from_where_it_was()
    {
        var outcome = Parser.Parse(Alert());

        Assert.Equal(new UnitAlert("ANDROID-7f3a", "911 Alert", false, new GeoPoint(39.7392, -104.9903)), outcome.Alert);
        Assert.Equal(("cot:ANDROID-7f3a", new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero), null, null), (outcome.Actor, outcome.Time, outcome.Report, outcome.Threat));
    }

    [Theory]
    [InlineData("b-a-o-can", "<emergency cancel='true'>ALPHA 7</emergency>", "Alert", true)]
    [InlineData("b-a-o-opn", "", "Troops In Contact", false)]
    [InlineData("b-a-o-pan", "<emergency type='Ring The Bell'>ALPHA 7</emergency>", "Ring The Bell", false)]
    [InlineData("b-a-o-tbl", "<emergency type='911&#x9;Alert'>ALPHA 7</emergency>", "911 Alert", false)]
    public void Alerts_are_named_as_their_device_names_them_or_by_their_type(string type, string emergency, string kind, bool cancelled)
    {
        var alert = Parser.Parse(Alert(type, emergency)).Alert;

        Assert.Equal(("ANDROID-7f3a", kind, cancelled), (alert?.UnitId, alert?.Kind, alert?.Cancelled));
    }

    [Fact]
    public void An_alert_with_no_link_to_its_device_is_the_unit_its_uid_names()
    {
        Assert.Equal("ANDROID-7f3a", Parser.Parse(Alert(link: "")).Alert?.UnitId);
    }

    // As ATAK deletes a map item: under the deleting device's uid, the item in a link, its point and errors unknown.
    internal static string Deletion(string link = "<link uid='H-2' relation='none' type='a-h-G'/>", string time = "time='2026-03-14T15:00:00Z' start='2026-03-14T15:00:00Z'",
        string uid = "ANDROID-589520ccfcd20f01") =>
        $"<event version='2.0' uid='{uid}' type='t-x-d-d' how='h-g-i-g-o' {time} stale='2026-03-14T15:00:20Z'>"
        + $"<point lat='0.0' lon='0.0' hae='9999999.0' ce='9999999.0' le='9999999.0'/><detail>{link}<__forcedelete/></detail></event>";

    [Fact]
    public void A_deletion_names_the_marker_its_link_names_and_the_device_that_sent_it()
    {
        var outcome = Parser.Parse(Deletion());

        Assert.Equal(new DeletedMarker("H-2", "ANDROID-589520ccfcd20f01"), outcome.Deletion);
        Assert.Equal(("cot:ANDROID-589520ccfcd20f01", new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero), null, null, null),
            (outcome.Actor, outcome.Time, outcome.Report, outcome.Threat, outcome.Alert));
    }

    [Fact]
    public void A_deletion_linked_to_a_device_besides_its_marker_names_that_device()
    {
        var deletion = Deletion(uid: "9f2c41e0-delete", link: "<link uid='H-2' relation='none' type='a-h-G'/><link uid='ANDROID-h8' relation='p-p' type='a-f-G-U-C'/>");

        Assert.Equal(new DeletedMarker("H-2", "9f2c41e0-delete", Linked: "ANDROID-h8"), Parser.Parse(deletion).Deletion);
    }

    [Fact]
    public void A_marker_marked_as_other_than_hostile_is_no_position_and_says_what_it_marks_now()
    {
        // As ATAK sends a hostile marker its user changed to unknown: the same uid, a unit's type, placed by hand.
        var outcome = Parser.Parse(Event("a-u-G", uid: "H-2", how: "h-g-i-g-o", detail: "<link uid='ANDROID-1' type='a-f-G-U-C' parent_callsign='ALPHA 7' relation='p-p'/>"));

        Assert.Equal(RejectReason.NotAPosition, outcome.Report?.Rejection?.Reason);
        Assert.Equal(new DeletedMarker("H-2", "ANDROID-1", "unknown"), outcome.Deletion);
        Assert.Equal("cot:H-2", outcome.Actor);
        Assert.Equal("friendly", Parser.Parse(Event("a-f-G", uid: "H-2", how: "h-g-i-g-o")).Deletion?.Became);
        Assert.Equal("neutral", Parser.Parse(Event("a-n-G", uid: "H-2", how: "h-g-i-g-o")).Deletion?.Became);
    }

    [Fact]
    public void A_deletion_with_no_link_deletes_what_its_own_uid_names()
    {
        Assert.Equal("ANDROID-589520ccfcd20f01", Parser.Parse(Deletion(link: "")).Deletion?.Marker);
    }

    [Fact]
    public void A_deletion_with_no_time_is_refused_by_name()
    {
        var refused = Parser.Parse(Deletion(time: "")).Report;

        Assert.Null(Parser.Parse(Deletion(time: "")).Deletion);
        Assert.Equal((RejectReason.MissingField, "deletion of H-2 has no time it was sent (an ISO 8601 time or start attribute)", "ANDROID-589520ccfcd20f01"),
            (refused?.Rejection?.Reason, refused?.Rejection?.Detail, refused?.UnitId));
    }

    [Fact]
    public void A_ping_is_no_report_and_no_refusal()
    {
        var outcome = Parser.Parse(Event(CotOutcome.PingType, uid: "ANDROID-1-ping", point: "<point lat='0.0' lon='0.0' hae='0.0' ce='9999999.0' le='9999999.0'/>"));

        Assert.Equal((true, null, null), (outcome.Ping, outcome.Report, outcome.Threat));
    }

    [Fact]
    public void The_tak_protocols_999999_for_unknown_is_unknown_in_xml_too()
    {
        var report = Parser.Parse(Event(point: "<point lat='38.8566' lon='-77.0636' hae='999999' ce='999999.0' le='999999'/>")).Report?.Report;

        Assert.Equal((new GeoPoint(38.8566, -77.0636), null, null, null), (report?.Position, report?.AltitudeM, report?.AccuracyM, report?.VerticalAccuracyM));
    }

    [Theory]
    [InlineData("hae='1e308' ce='5' le='3'", "event U1 point: hae 1E+308 m is outside -1000 to 10000 m (9999999 for unknown)")]
    [InlineData("hae='100' ce='1e308' le='3'", "event U1 point: ce 1E+308 m is outside 0 to 5000 m (9999999 for unknown)")]
    [InlineData("hae='100' ce='5' le='99999999'", "event U1 point: le 99999999 m is outside 0 to 500 m (9999999 for unknown)")]
    public void A_measure_past_unknowns_marker_is_refused_as_out_of_range_not_taken_as_unknown(string measures, string detail)
    {
        var incoming = Parser.Parse(Event(point: $"<point lat='39.7' lon='-104.9' {measures}/>")).Report;

        Assert.Equal(new Rejection(RejectReason.InvalidValue, detail), incoming?.Rejection);
    }

    [Fact]
    public void Geofence_circle_is_not_a_position_with_its_type_named()
    {
        var incoming = Parser.Parse(TestData.Text("cot", "atak-geofence-circle.cot")).Report;
        Assert.Equal(new Rejection(RejectReason.NotAPosition, "event type u-d-c-c is not a ground unit or a hostile marker"), incoming?.Rejection);
        Assert.Equal("d0be1c6b-4d86-40ec-bf8f-0e94b621eb3b", incoming?.UnitId);
    }

    [Theory]
    [InlineData("b-m-p-s-p-i")]
    [InlineData("a-f-A-M-F")]
    [InlineData("a-s-G")]
    [InlineData("a-f")]
    public void Non_unit_types_are_not_positions(string type)
    {
        Assert.Equal(RejectReason.NotAPosition, Parser.Parse(Event(type)).Report?.Rejection?.Reason);
    }

    [Theory]
    [InlineData("a-f-G-U-C")]
    [InlineData("a-a-G")]
    [InlineData("a-n-G-E-V")]
    [InlineData("a-u-G")]
    public void Friendly_neutral_and_unknown_ground_atoms_are_units(string type)
    {
        Assert.Equal("U1", Parser.Parse(Event(type)).Report?.Report?.UnitId);
    }

    [Theory]
    [InlineData("Medic", UnitRole.Medical)]
    [InlineData("HQ", UnitRole.Command)]
    [InlineData("Sniper", UnitRole.Perimeter)]
    [InlineData("Forward Observer", UnitRole.Perimeter)]
    [InlineData("Team Member", null)]
    [InlineData("Team Lead", null)]
    [InlineData("K9", null)]
    [InlineData("RTO", null)]
    public void Tak_team_role_becomes_a_role_hint(string takRole, UnitRole? hint)
    {
        var xml = Event(detail: $"<contact callsign='Alpha 1'/><__group role='{takRole}' name='Cyan'/><track speed='1.5' course='270'/>");
        var report = Parser.Parse(xml).Report?.Report;
        Assert.Equal(hint, report?.RoleHint);
        Assert.Equal("Alpha 1", report?.Callsign);
        Assert.Equal(1.5, report?.SpeedMps);
        Assert.Equal(270, report?.CourseDeg);
    }

    [Fact]
    public void Hostile_marker_becomes_the_active_threat_with_ce_as_uncertainty()
    {
        var outcome = Parser.Parse(Event("a-h-G", uid: "H9", detail: "<contact callsign='Shooter'/>"));
        Assert.Null(outcome.Report);
        // CoT's hae is above the ellipsoid: with its datum the marker's floor can be worked out against a building's.
        Assert.Equal(new Threat("T1", new GeoPoint(39.7392, -104.9903), 4.5, ThreatPhase.Active, null, new DateTimeOffset(2026, 3, 14, 15, 5, 0, TimeSpan.Zero),
            1609.3, AltitudeDatum.Ellipsoid, Marker: "H9", Name: "Shooter"), outcome.Threat);
        Assert.Equal("cot:H9", outcome.Actor);
    }

    [Fact]
    public void Hostile_marker_brings_its_name_and_its_authors_remarks_and_what_follows_them_is_still_read()
    {
        var outcome = Parser.Parse(Event("a-h-G", uid: "H9", how: "h-g-i-g-o",
            detail: "<contact callsign='Shooter'/><remarks source='BAO.F.ATAK.ANDROID-1' time='2026-03-14T15:00:00Z'>male,  black hoodie,\n rifle</remarks>"
                + "<link uid='ANDROID-1' type='a-f-G-U-C' parent_callsign='ALPHA 7' relation='p-p'/>"));

        Assert.Equal(("Shooter", "male, black hoodie, rifle"), (outcome.Threat?.Name, outcome.Threat?.Remarks));
        Assert.Equal("ALPHA 7", outcome.PlacedBy);
    }

    [Fact]
    public void A_hostile_marker_whose_uid_is_too_long_to_record_still_places_the_threat_without_it()
    {
        var threat = Parser.Parse(Event("a-h-G", uid: new string('H', 90))).Threat;

        Assert.Equal(("T1", null), (threat?.ThreatId, threat?.Marker));
        Assert.Null(InputLimits.Check(threat!));
    }

    [Fact]
    public void A_units_callsign_is_cleaned_and_cut_not_a_reason_to_lose_its_position()
    {
        var report = Parser.Parse(Event(detail: $"<contact callsign='ALPHA&#x9;7 {new string('x', 80)}'/>")).Report?.Report;

        Assert.NotNull(report);
        Assert.StartsWith("ALPHA 7 xxx", report.Callsign, StringComparison.Ordinal);
        Assert.Equal(InputLimits.MaxCallsignChars, report.Callsign!.Length);
        Assert.Null(InputLimits.Check(report));
    }

    [Fact]
    public void An_event_whose_uid_holds_control_characters_is_refused_by_name()
    {
        var refused = Parser.Parse(Event("a-h-G", uid: "H&#x9;1")).Report?.Rejection;

        Assert.Equal(new Rejection(RejectReason.InvalidValue, "event uid holds control characters"), refused);
    }

    [Fact]
    public void An_event_whose_uid_holds_a_character_that_draws_nothing_is_refused_by_name()
    {
        // Cleaned, "P&#x200b;1" would become "P1", and report for a unit it is not.
        Assert.Equal(new Rejection(RejectReason.InvalidValue, "event uid holds an invisible formatting character (U+202E)"),
            Parser.Parse(Event(uid: "&#x202e;21 madA")).Report?.Rejection);
        Assert.Equal(new Rejection(RejectReason.InvalidValue, "event uid holds an invisible formatting character (U+200B)"),
            Parser.Parse(Event("a-h-G", uid: "P&#x200b;1")).Report?.Rejection);
    }

    [Fact]
    public void A_units_callsign_is_cleaned_of_what_would_show_it_turned_round_or_as_another()
    {
        var report = Parser.Parse(Event(detail: "<contact callsign='&#x202e;Adam&#x200b; 12&#x2069;&#xfeff;'/>")).Report?.Report;

        Assert.Equal("Adam 12", report?.Callsign);
        Assert.Null(InputLimits.Check(report!));
    }

    [Fact]
    public void A_units_callsign_sent_with_its_accent_apart_is_kept_as_the_one_typed_whole()
    {
        var report = Parser.Parse(Event(detail: "<contact callsign='Pe&#x301;rez 1'/>")).Report?.Report;

        Assert.Equal("P\u00e9rez 1", report?.Callsign);
    }

    [Fact]
    public void A_markers_name_and_maker_are_cleaned_of_invisible_characters_and_its_remarks_keep_only_the_joiners()
    {
        var outcome = Parser.Parse(Event("a-h-G", uid: "H9", how: "h-g-i-g-o",
            detail: "<contact callsign='&#x2067;Shooter&#x2069;'/><remarks>&#x202e;rifle, &#x1f469;&#x200d;&#x1f692; hurt</remarks>"
                + "<link uid='ANDROID-1' type='a-f-G-U-C' parent_callsign='ALPHA&#x200f; 7' relation='p-p'/>"));

        Assert.Equal(("Shooter", "rifle, \ud83d\udc69\u200d\ud83d\ude92 hurt", "ALPHA 7"), (outcome.Threat?.Name, outcome.Threat?.Remarks, outcome.PlacedBy));
        Assert.Null(InputLimits.Check(outcome.Threat!));
    }

    [Fact]
    public void An_alert_whose_link_names_its_unit_with_a_character_that_draws_nothing_is_refused_by_name()
    {
        var outcome = Parser.Parse(Alert(link: "<link uid='ANDROID&#x202d;-7f3a' type='a-f-G-U-C' relation='p-p'/>"));

        Assert.Null(outcome.Alert);
        Assert.Equal(new Rejection(RejectReason.InvalidValue, "alert's link uid holds an invisible formatting character (U+202D)"), outcome.Report?.Rejection);
        Assert.Equal(new Rejection(RejectReason.InvalidValue, "alert's link uid holds control characters"),
            Parser.Parse(Alert(link: "<link uid='ANDROID&#x9;-7f3a' type='a-f-G-U-C' relation='p-p'/>")).Report?.Rejection);
    }

    [Fact]
    public void A_markers_remarks_are_cut_to_a_line_and_cleaned_of_control_characters_not_refused()
    {
        var outcome = Parser.Parse(Event("a-h-G", uid: "H9", detail: $"<contact callsign='Sho&#x85;oter'/><remarks>first&#x9;line<b>bold</b>{new string('x', 600)}</remarks>"));

        Assert.Null(outcome.Report);
        Assert.Equal("Sho oter", outcome.Threat?.Name);
        Assert.Equal(200, outcome.Threat?.Remarks?.Length);
        Assert.StartsWith("first linebold" + "xxx", outcome.Threat?.Remarks, StringComparison.Ordinal);
        Assert.EndsWith("x…", outcome.Threat?.Remarks, StringComparison.Ordinal);
        Assert.Null(Domain.Validation.InputLimits.Check(outcome.Threat!));
    }

    [Fact]
    public void Hostile_marker_with_unknown_ce_has_unknown_uncertainty_and_its_uid_when_asked()
    {
        var parser = new CotParser(CotOptions.Default with { ThreatPerUid = true });
        var outcome = parser.Parse(Event("a-h-G-U-C-I", uid: "H9", point: "<point lat='39.7' lon='-104.9' hae='9999999' ce='9999999' le='9999999'/>"));
        Assert.Equal("H9", outcome.Threat?.ThreatId);
        // A hand-placed marker does not say how uncertain it is: unknown, never a silent 50 m circle.
        Assert.NotNull(outcome.Threat);
        Assert.Null(outcome.Threat.UncertaintyM);
        Assert.Equal("cot:H9", outcome.Actor);
    }

    [Theory]
    [InlineData("ce", "Infinity")]
    [InlineData("ce", "NaN")]
    [InlineData("le", "-Infinity")]
    [InlineData("hae", "Infinity")]
    public void A_measure_that_is_not_a_finite_number_is_refused_by_name(string name, string value)
    {
        var measures = new Dictionary<string, string> { ["hae"] = "100", ["ce"] = "5", ["le"] = "3" };
        measures[name] = value;
        var point = $"<point lat='39.7' lon='-104.9' {string.Join(' ', measures.Select(m => $"{m.Key}='{m.Value}'"))}/>";
        var incoming = Parser.Parse(Event(point: point)).Report;
        Assert.Equal(new Rejection(RejectReason.InvalidValue, $"event U1 point: {name} '{value}' is not a finite number"), incoming?.Rejection);
    }

    [Fact]
    public void A_stated_accuracy_of_zero_is_unknown_as_itak_writes_it()
    {
        var report = Parser.Parse(Event(point: "<point lat='54.338986' lon='9.755263' hae='0.0' ce='0.0' le='0.0'/>")).Report?.Report;
        Assert.Equal((0.0, null, null), (report?.AltitudeM, report?.AccuracyM, report?.VerticalAccuracyM));
        var threat = Parser.Parse(Event("a-h-G", point: "<point lat='54.338986' lon='9.755263' hae='0.0' ce='0.0' le='0.0'/>")).Threat;
        Assert.Equal((0.0, null, null), (threat?.AltitudeM, threat?.UncertaintyM, threat?.VerticalAccuracyM));
    }

    [Fact]
    public void Point_zero_zero_with_unknown_ce_is_no_fix()
    {
        var incoming = Parser.Parse(Event(point: "<point lat='0.0' lon='0.0' hae='9999999.0' ce='9999999.0' le='9999999.0'/>")).Report;
        Assert.Equal(new Rejection(RejectReason.NoFix, "point 0,0 with unknown ce is a device without a fix"), incoming?.Rejection);
        Assert.Equal("U1", incoming?.UnitId);
    }

    [Fact]
    public void A_byte_order_mark_is_an_encoding_mark_not_content()
    {
        var xml = "\uFEFF" + Event();
        var outcome = Parser.Parse(xml);
        Assert.Equal("U1", outcome.Report?.Report?.UnitId);
        Assert.Equal(xml, outcome.Report?.Raw);
    }

    [Theory]
    [InlineData("2026-03-14T15:06:15Z", "2026-03-14T15:06:15+00:00")]
    [InlineData("2026-03-14T15:00:00Z", null)]
    [InlineData("2026-03-14T14:59:00Z", null)]
    [InlineData("soon", null)]
    public void A_units_stale_says_how_long_its_fix_stands_unless_it_is_stale_on_arrival(string stale, string? standsUntil)
    {
        var report = Parser.Parse(Event(stale: stale)).Report?.Report;

        Assert.NotNull(report);
        Assert.Equal(standsUntil is null ? null : DateTimeOffset.Parse(standsUntil, System.Globalization.CultureInfo.InvariantCulture), report.StaleAt);
    }

    [Fact]
    public void Start_is_used_when_time_is_missing()
    {
        var report = Parser.Parse(Event(time: "")).Report?.Report;
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero), report?.FixTime);
    }

    [Theory]
    [InlineData("<event uid='U1' type='a-f-G'", RejectReason.Malformed)]
    [InlineData("<evnt uid='U1' type='a-f-G'/>", RejectReason.Malformed)]
    [InlineData("<event type='a-f-G' time='2026-03-14T15:00:00Z'><point lat='1' lon='2'/></event>", RejectReason.MissingField)]
    [InlineData("<event uid='U1' time='2026-03-14T15:00:00Z'><point lat='1' lon='2'/></event>", RejectReason.MissingField)]
    [InlineData("<event uid='U1' type='a-f-G' time='2026-03-14T15:00:00Z'/>", RejectReason.MissingField)]
    [InlineData("<event uid='U1' type='a-f-G'><point lat='1' lon='2'/></event>", RejectReason.MissingField)]
    [InlineData("<event uid='U1' type='a-f-G' time='yesterday'><point lat='1' lon='2'/></event>", RejectReason.Malformed)]
    [InlineData("<event uid='U1' type='a-f-G' time='2026-03-14T15:00:00Z'><point lat='north' lon='2'/></event>", RejectReason.InvalidCoordinates)]
    [InlineData("<event uid='U1' type='a-h-G' time='2026-03-14T15:00:00Z'><point lat='91' lon='2' ce='3'/></event>", RejectReason.InvalidCoordinates)]
    public void Malformed_and_truncated_events_have_their_reason(string xml, RejectReason reason)
    {
        Assert.Equal(reason, Parser.Parse(xml).Report?.Rejection?.Reason);
    }

    [Theory]
    [InlineData("<?xml version='1.0'?><!DOCTYPE event [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]><event uid='&b;' type='a-f-G'/>")]
    [InlineData("\uFEFF<?xml version='1.0'?>\n<!-- a drill -->\n<!DOCTYPE event SYSTEM 'cot.dtd'><event uid='U1' type='a-f-G'/>")]
    public void Document_type_declarations_are_refused_so_entities_cannot_expand(string xml)
    {
        Assert.Equal(new Rejection(RejectReason.Malformed, "document type declarations (DTD) are not accepted"), Parser.Parse(xml).Report?.Rejection);
    }

    [Theory]
    [InlineData("time='12/01/2026'", RejectReason.Malformed, "event time '12/01/2026' is not an ISO 8601 time")]
    [InlineData("time='2026-03-14 15:00:00Z'", RejectReason.Malformed, "event time '2026-03-14 15:00:00Z' is not an ISO 8601 time")]
    [InlineData("time='Sat, 14 Mar 2026 15:00:00 GMT'", RejectReason.Malformed, "event time 'Sat, 14 Mar 2026 15:00:00 GMT' is not an ISO 8601 time")]
    [InlineData("time='2026-03-14T15:00:00.12345678xZ'", RejectReason.Malformed, "event time '2026-03-14T15:00:00.12345678xZ' is not an ISO 8601 time")]
    [InlineData("", RejectReason.MissingField, "event U1 has no time (neither a time nor a start attribute)")]
    public void Event_time_must_be_an_iso_8601_time_and_its_absence_is_named(string time, RejectReason reason, string detail)
    {
        var xml = $"<event uid='U1' type='a-f-G' {time}><point lat='39.7' lon='-104.9' ce='5'/></event>";
        Assert.Equal(new Rejection(reason, detail), Parser.Parse(xml).Report?.Rejection);
    }

    [Theory]
    [InlineData("2026-03-14T15:00:00Z")]
    [InlineData("2026-03-14T15:00:00.000Z")]
    [InlineData("2026-03-14T16:00:00+01:00")]
    [InlineData("2026-03-14T15:00:00")]
    [InlineData("2026-03-14T15:00:00.000000000Z")]
    [InlineData("2026-03-14T16:00:00.00000000049+01:00")]
    public void Event_time_is_read_as_an_xml_date_time_in_utc_unless_it_says_otherwise(string time)
    {
        var report = Parser.Parse(Event(time: $"time='{time}'")).Report?.Report;
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero), report?.FixTime);
    }

    [Fact]
    public void Event_times_with_nine_decimals_as_go_and_java_write_them_are_read_to_the_tenth_of_a_microsecond()
    {
        var report = Parser.Parse(Event(time: "time='2026-03-14T15:00:00.123456789Z'")).Report?.Report;
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), report?.FixTime);
    }

    [Fact]
    public void Event_over_the_limit_is_oversized_and_recorded_clipped()
    {
        var parser = new CotParser(CotOptions.Default with { MaxEventChars = 1000 });
        var xml = Event(detail: $"<remarks>{new string('x', 2000)}</remarks>");
        var incoming = parser.Parse(xml).Report;
        Assert.Equal(new Rejection(RejectReason.Oversized, $"event is {xml.Length} characters (limit 1000)"), incoming?.Rejection);
        Assert.Equal(1025, incoming?.Raw.Length);
    }

    [Theory]
    [InlineData("NaN", "45", "speed 'NaN' is not a finite number")]
    [InlineData("abc", "xyz", "speed 'abc' is not a finite number")]
    [InlineData("1.5", "xyz", "course 'xyz' is not a finite number")]
    [InlineData("-1.0", "Infinity", "course 'Infinity' is not a finite number")]
    public void A_track_speed_or_course_that_is_not_a_finite_number_is_refused_by_name(string speed, string course, string detail)
    {
        // Dropped, the fix was taken as one that says nothing of the unit's motion, and nobody heard why.
        var incoming = Parser.Parse(Event(detail: $"<track speed='{speed}' course='{course}'/>")).Report;

        Assert.Null(incoming?.Report);
        Assert.Equal(new Rejection(RejectReason.InvalidValue, $"event U1 track: {detail}"), incoming?.Rejection);
    }

    [Theory]
    [InlineData("9999999.0", null)]
    [InlineData("1e308", 1e308)]
    public void A_track_speed_is_unknown_only_at_unknowns_marker_and_any_other_is_left_to_the_incidents_limits(string speed, double? taken)
    {
        var report = Parser.Parse(Event(detail: $"<track speed='{speed}' course='45'/>")).Report?.Report;

        Assert.Equal(taken, report?.SpeedMps);
        Assert.Equal(taken is null ? null : RejectReason.InvalidValue, InputLimits.Check(new Domain.Events.PositionAccepted(report!))?.Reason);
    }

    [Fact]
    public void A_hostile_markers_track_is_not_read_so_a_garbled_one_still_places_the_threat()
    {
        var outcome = Parser.Parse(Event("a-h-G", uid: "H1", detail: "<track speed='NaN' course='abc'/>"));

        Assert.Equal("T1", outcome.Threat?.ThreatId);
    }
}

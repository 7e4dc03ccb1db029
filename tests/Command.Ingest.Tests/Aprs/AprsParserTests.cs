using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Aprs;

namespace Command.Ingest.Tests.Aprs;

public sealed class AprsParserTests
{
    private static readonly AprsParser Parser = new(AprsOptions.Default);
    private static readonly DateTimeOffset Received = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private const double Knots = 1852.0 / 3600.0;

    [Fact]
    public void Uncompressed_position_without_timestamp_was_taken_when_received()
    {
        var incoming = Parser.Parse("N0AWA>APDR16,TCPIP*,qAC,T2ROMANIA:=3618.04N/08648.73Wu170/058/A=000537 Have a wonderful day", Received);
        var expected = new PositionReport("N0AWA", ReportSource.Aprs, Received, new GeoPoint(36 + (18.04 / 60), -(86 + (48.73 / 60))),
            537 * 0.3048, null, 58 * Knots, 170, "N0AWA", AltitudeDatum: AltitudeDatum.MeanSeaLevel);
        Assert.Equal(expected, incoming.Report);
    }

    [Theory]
    [InlineData("K2WX>APRS,qAR,IGATE:!3839.12N/09825.86W_220/004g005t077r000p000P000h50b09900", 38.652, -98.431)]
    [InlineData("K2WX>APRS,qAR,IGATE:!/5L!!<*e7_7P[g005t077r000p000P000h50b09900", 49.5, -72.75)]
    public void A_weather_station_position_carries_its_wind_not_a_course_and_speed(string line, double lat, double lon)
    {
        // Beside the weather symbol, the course/speed slot holds the wind's direction and speed: the station was put on the
        // board moving at the wind's speed, toward where the wind blows from.
        var report = Parser.Parse(line, Received).Report;

        Assert.Equal((lat, lon, (double?)null, (double?)null), (Math.Round(report!.Position.Latitude, 4), Math.Round(report.Position.Longitude, 4), report.SpeedMps, report.CourseDeg));
    }

    [Fact]
    public void A_callsign_sent_in_lower_case_reports_for_the_unit_its_upper_case_names()
    {
        // Callsigns are upper case by the spec: "k1abc-9" typed into a client is the tracker heard over the air as "K1ABC-9".
        var lower = Parser.Parse("k1abc-9>APRS:=4903.50N/07201.75W>", Received);
        var refused = Parser.Parse("k1abc-9>APRS:=4903.50N/07201.75W>170/600", Received);

        Assert.Equal(("K1ABC-9", "K1ABC-9"), (lower.Report?.UnitId, lower.Report?.Callsign));
        Assert.Equal("K1ABC-9", refused.UnitId);
    }

    [Fact]
    public void A_speed_no_ground_unit_makes_is_refused_in_the_knots_the_beacon_gave()
    {
        var incoming = Parser.Parse("N0AWA>APDR16,TCPIP*,qAC,T2ROMANIA:=3618.04N/08648.73Wu170/600/A=000537", Received);

        Assert.Equal((RejectReason.InvalidValue, "speed 600 kn is not a ground speed of 0-291 kn (150 m/s)", "N0AWA"),
            (incoming.Rejection?.Reason, incoming.Rejection?.Detail, incoming.UnitId));
    }

    [Fact]
    public void A_beacon_stamped_in_the_senders_local_time_is_timed_as_received_whatever_hour_it_says()
    {
        // A tracker set to local time an hour east of UTC (16:00 at 15:00 UTC), and one an hour west: the packet does
        // not say the zone, so the stamp says nothing of the instant. Read as UTC, each was an hour ahead or behind.
        var east = Parser.Parse("DL2XYZ-7>APRS,WIDE1-1,qAR,IGATE:@141600/4903.50N/07201.75W>Perimeter Sued", Received).Report?.FixTime;
        var west = Parser.Parse("K1ABC-9>APRS:/141400/4903.50N/07201.75W>", Received.AddSeconds(8)).Report?.FixTime;
        var notAStamp = Parser.Parse("K1ABC-9>APRS:@001600/4903.50N/07201.75W>", Received).Rejection;

        Assert.Equal((Received, Received.AddSeconds(8)), (east, west));
        Assert.Equal((RejectReason.Malformed, "timestamp '001600/' is not DDHHMMz, DDHHMM/ or HHMMSSh"), (notAStamp?.Reason, notAStamp?.Detail));
    }

    [Fact]
    public void Beacons_stamped_with_the_same_minute_and_received_within_it_keep_their_own_times()
    {
        // A tracker on the move beaconing every few seconds with a DHM zulu stamp: each says only the minute.
        var times = new[] { 5, 7, 9, 11 }
            .Select(s => Parser.Parse("K1ABC-9>APRS:@141500z4903.50N/07201.75W>", Received.AddSeconds(s)).Report?.FixTime)
            .ToList();
        var late = Parser.Parse("K1ABC-9>APRS:@141500z4903.50N/07201.75W>", Received.AddMinutes(3)).Report?.FixTime;

        Assert.Equal([Received.AddSeconds(5), Received.AddSeconds(7), Received.AddSeconds(9), Received.AddSeconds(11)], times);
        // Received minutes after its minute (relayed late), it keeps the minute it says.
        Assert.Equal(Received, late);
    }

    [Fact]
    public void Position_with_dhm_zulu_timestamp_resolves_against_the_receiving_month()
    {
        var report = Parser.Parse("NI4CE-10>APMI06,TCPIP*,qAC,T2PANAMA:@140623z2724.49N/08214.96W_032/000g000t064r000p000P000h00b10149U2k", Received).Report;
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 6, 23, 0, TimeSpan.Zero), report?.FixTime);
        Assert.Equal(new GeoPoint(27 + (24.49 / 60), -(82 + (14.96 / 60))), report?.Position);
        // A weather station: its 032/000 is the wind, calm from 32 degrees, and no course or speed of its own.
        Assert.Equal(("NI4CE-10", (double?)null, (double?)null), (report?.UnitId, report?.CourseDeg, report?.SpeedMps));
    }

    [Fact]
    public void Day_31_received_on_the_first_is_last_month()
    {
        var report = Parser.Parse("K1ABC-9>APRS:/312355z4903.50N/07201.75W>", new DateTimeOffset(2026, 4, 1, 0, 10, 0, TimeSpan.Zero)).Report;
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 23, 55, 0, TimeSpan.Zero), report?.FixTime);
    }

    [Fact]
    public void Hms_timestamp_just_before_midnight_received_after_it_is_the_previous_day()
    {
        var report = Parser.Parse("K1ABC-9>APRS:/235950h4903.50N/07201.75W>", new DateTimeOffset(2026, 3, 15, 0, 0, 5, TimeSpan.Zero)).Report;
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 23, 59, 50, TimeSpan.Zero), report?.FixTime);
    }

    [Theory]
    [InlineData("4903.5 N/07201.7 W", 49 + (3.55 / 60), -(72 + (1.75 / 60)), 92.6)]
    [InlineData("4903.  N/07201.  W", 49 + (3.5 / 60), -(72 + (1.5 / 60)), 926)]
    [InlineData("490 .  N/0720 .  W", 49 + (5.0 / 60), -(72 + (5.0 / 60)), 9260)]
    [InlineData("49  .  N/072  .  W", 49 + (30.0 / 60), -(72 + (30.0 / 60)), 55560)]
    public void Ambiguous_position_is_the_centre_of_its_box_with_accuracy_widened(string position, double lat, double lon, double accuracy)
    {
        var report = Parser.Parse($"K1ABC-9>APRS:!{position}>", Received).Report;
        Assert.Equal(lat, report!.Position.Latitude, 12);
        Assert.Equal(lon, report.Position.Longitude, 12);
        Assert.Equal(accuracy, report.AccuracyM!.Value, 9);
    }

    [Fact]
    public void Compressed_position_decodes_base91_course_and_speed()
    {
        // The APRS 1.01 specification's example: 49°30'N 72°45'W, course 88, speed 36.2 knots.
        var report = Parser.Parse("K1ABC>APRS:!/5L!!<*e7>7P[", Received).Report;
        Assert.Equal(49.5, report!.Position.Latitude, 4);
        Assert.Equal(-72.75, report.Position.Longitude, 4);
        Assert.Equal(88, report.CourseDeg);
        Assert.Equal((Math.Pow(1.08, 'P' - 33) - 1) * Knots, report.SpeedMps);
    }

    [Fact]
    public void Compressed_position_from_gga_carries_altitude()
    {
        // The specification's example: cs "S]" with a GGA compression type is 10004 feet.
        var report = Parser.Parse("K1ABC>APRS:!/5L!!<*e7>S]2", Received).Report;
        Assert.Equal(Math.Pow(1.002, (('S' - 33) * 91) + (']' - 33)) * 0.3048, report?.AltitudeM);
        Assert.Null(report?.CourseDeg);
    }

    [Fact]
    public void Mic_e_stationary_decodes_the_destination_latitude()
    {
        var report = Parser.Parse("OH7LZB-13>SX15S6,TCPIP*,qAC,FOURTH:'I',l \u001C>/]", Received).Report;
        Assert.Equal(new GeoPoint(-(38 + (15.36 / 60)), 145 + (11.16 / 60)), report?.Position);
        Assert.Equal((0.0, (double?)null), (report?.SpeedMps, report?.CourseDeg));
        Assert.Equal(("OH7LZB-13", Received), (report?.UnitId, report?.FixTime));
    }

    [Fact]
    public void Mic_e_moving_decodes_speed_course_and_altitude()
    {
        var report = Parser.Parse("OH7LZB-2>TQ4W2V,WIDE2-1,qAo,OH7LZB:`c51!f?>/]\"3x}=", Received).Report;
        Assert.Equal(new GeoPoint(41 + (47.26 / 60), -(71 + (25.21 / 60))), report?.Position);
        Assert.Equal(57 * Knots, report?.SpeedMps);
        Assert.Equal(35, report?.CourseDeg);
        Assert.Equal(6, report?.AltitudeM);
    }

    [Fact]
    public void A_third_party_packet_is_the_position_of_the_station_it_carries()
    {
        // An IGate gating a tracker's beacon to RF (or a D-STAR gateway) wraps it in its own header: the tracker is
        // the unit, and the line is kept whole as it came.
        const string line = "N0GW>APRS,WIDE2-1:}K1ABC-9>APRS,TCPIP,N0GW*:=3618.04N/08648.73Wu170/058/A=000537";
        var incoming = Parser.Parse(line, Received);

        var expected = new PositionReport("K1ABC-9", ReportSource.Aprs, Received, new GeoPoint(36 + (18.04 / 60), -(86 + (48.73 / 60))),
            537 * 0.3048, null, 58 * Knots, 170, "K1ABC-9", AltitudeDatum: AltitudeDatum.MeanSeaLevel);
        Assert.Equal((expected, line), (incoming.Report, incoming.Raw));
    }

    [Fact]
    public void A_mic_e_beacon_in_a_third_party_packet_is_decoded_with_its_own_destination()
    {
        var report = Parser.Parse("N0GW>APDW16,WIDE2-1:}OH7LZB-2>TQ4W2V,TCPIP,N0GW*:`c51!f?>/]\"3x}=", Received).Report;

        Assert.Equal(("OH7LZB-2", new GeoPoint(41 + (47.26 / 60), -(71 + (25.21 / 60))), 57 * Knots),
            (report?.UnitId, report?.Position, report?.SpeedMps));
    }

    [Theory]
    [InlineData("W1XYZ-1>APN382:TheNet X1J4 (WIDE)!4903.50N/07201.75W#")]
    [InlineData("W1XYZ-1>APN382:TheNet X1J4 (WIDE) Hilltop digi 145.050!4903.50N/07201.75W#")]
    public void A_position_after_a_tncs_fixed_beacon_text_up_to_its_40th_character_is_the_stations(string line)
    {
        // APRS101 ch. 5: the '!' may stand anywhere up to the 40th character, after the unmodifiable text an X1J
        // digipeater begins its beacon with. It was refused as packet type 'T' (unknown).
        var report = Parser.Parse(line, Received).Report;

        Assert.Equal(("W1XYZ-1", new GeoPoint(49 + (3.50 / 60), -(72 + (1.75 / 60))), Received), (report?.UnitId, report?.Position, report?.FixTime));
    }

    [Theory]
    [InlineData("W1XYZ-1>APN382:TheNet X1J4 (WIDE) Hilltop digi 145.0500!4903.50N/07201.75W#", "packet type 'T' (unknown) carries no unit position")]
    [InlineData("W1XYZ-1>APRS:>Net tonight!4903.50N/07201.75W#", "packet type '>' (status) carries no unit position")]
    [InlineData("W1XYZ-1>APRS:T#005,199,000,255,073,123,01101001!4903.50N/07201.75W#", "packet type 'T' (telemetry) carries no unit position")]
    public void A_bang_past_the_40th_character_or_after_another_data_type_is_no_position(string line, string detail)
    {
        Assert.Equal(new Rejection(RejectReason.NotAPosition, detail), Parser.Parse(line, Received).Rejection);
    }

    [Fact]
    public void A_raw_nmea_rmc_from_a_gps_only_tracker_is_its_stations_position()
    {
        // APRS101 ch. 6: a tracker with nothing but a GPS puts its receiver's sentence on the air as the packet.
        var incoming = Parser.Parse("W1XYZ-9>GPS,WIDE1-1,qAR,N0GW-10:$GPRMC,145958,A,3944.350,N,10459.420,W,012.5,087.0,140326,011.0,E*68", Received);

        var expected = new PositionReport("W1XYZ-9", ReportSource.Aprs, Received.AddSeconds(-2), new GeoPoint(39 + (44.350 / 60), -(104 + (59.420 / 60))),
            null, null, 12.5 * Knots, 87, "W1XYZ-9");
        Assert.Equal((expected, ReportSource.Aprs), (incoming.Report, incoming.Source));
    }

    [Fact]
    public void A_raw_nmea_gga_is_dated_nearest_its_receiving_and_carries_its_altitude_and_accuracy()
    {
        var report = Parser.Parse("W1XYZ-9>GPS,qAR,N0GW-10:$GPGGA,145959,3944.351,N,10459.419,W,1,07,1.2,1609.3,M,-21.5,M,,*4F", Received).Report;

        Assert.Equal(("W1XYZ-9", Received.AddSeconds(-1), 1609.3 - 21.5, 6.0, AltitudeDatum.Ellipsoid),
            (report?.UnitId, report?.FixTime, Math.Round(report?.AltitudeM ?? 0, 1), Math.Round(report?.AccuracyM ?? 0, 1), report?.AltitudeDatum));
    }

    [Fact]
    public void A_raw_nmea_gns_is_dated_nearest_its_receiving_and_carries_its_altitude_and_accuracy()
    {
        // A multi-GNSS tracker set to send GNS in GGA's place: each of its beacons was refused as carrying no position.
        var report = Parser.Parse("W1XYZ-9>GPS,qAR,N0GW-10:$GNGNS,145959,3944.351,N,10459.419,W,AAN,07,1.2,1609.3,-21.5,,*35", Received).Report;

        Assert.Equal(("W1XYZ-9", Received.AddSeconds(-1), 1609.3 - 21.5, 6.0, AltitudeDatum.Ellipsoid, ReportSource.Aprs),
            (report?.UnitId, report?.FixTime, Math.Round(report?.AltitudeM ?? 0, 1), Math.Round(report?.AccuracyM ?? 0, 1), report?.AltitudeDatum, report?.Source));
    }

    [Fact]
    public void A_raw_nmea_gll_is_its_stations_position_dated_nearest_its_receiving()
    {
        // APRS101 ch. 6 names GLL among the sentences a raw NMEA beacon may carry.
        var incoming = Parser.Parse("W1XYZ-9>GPS,WIDE1-1:$GPGLL,3944.350,N,10459.420,W,145958,A,A*52", Received);

        var expected = new PositionReport("W1XYZ-9", ReportSource.Aprs, Received.AddSeconds(-2), new GeoPoint(39 + (44.350 / 60), -(104 + (59.420 / 60))),
            null, null, null, null, "W1XYZ-9");
        Assert.Equal(expected, incoming.Report);
    }

    [Theory]
    [InlineData("W1XYZ-9>GPS:$GPRMC,145958,A,3944.350,N,10459.420,W,012.5,087.0,140326,011.0,E", RejectReason.Malformed, "sentence has no checksum")]
    [InlineData("W1XYZ-9>GPS:$GPRMC,145958,A,3944.350,N,10459.420,W,012.5,087.0,140326,011.0,E*69", RejectReason.Malformed, "checksum is 69 but the sentence computes to 68")]
    [InlineData("W1XYZ-9>GPS:$GPRMC,145958,V,3944.350,N,10459.420,W,,,140326,,*1D", RejectReason.NoFix, "GPRMC status is 'V', not A (valid)")]
    [InlineData("W1XYZ-9>GPS:$GPRMC,145958,A,3944.350,N,10459.420,W,012.5,087.0,140326,011.0,E*6/Home", RejectReason.Malformed, "checksum '6/Home' is not two hex digits")]
    [InlineData("W1XYZ-9>GPS:$GNGLL,3944.350,N,10459.420,W,145958,V,N*54", RejectReason.NoFix, "GNGLL status is 'V', not A (valid)")]
    [InlineData("W1XYZ-9>GPS:$GNGNS,145959,3944.351,N,10459.419,W,AAN,00,1.2,1609.3,-21.5,,*32", RejectReason.NoFix, "GNGNS says mode AAN from 0 satellites in use")]
    [InlineData("W1XYZ-9>GPS:$GPVTG,087.0,T,,M,012.5,N,023.1,K*69", RejectReason.NotAPosition, "raw NMEA '$GPVTG' is no RMC, GGA, GLL or GNS sentence, so carries no position")]
    [InlineData("W1XYZ-9>APRS:$ULTW0000000001FF000427C70002CCD30001026E003A050F00040000", RejectReason.NotAPosition, "'$ULTW' is an Ultimeter weather station's readings, which carry no position")]
    [InlineData("W1XYZ-9>GPS:$W6SCR-6  :BITS.11111111", RejectReason.NotAPosition, "raw NMEA '$W6SCR' is no RMC, GGA, GLL or GNS sentence, so carries no position")]
    public void A_raw_nmea_sentence_that_gives_no_fix_is_refused_with_the_nmea_reason(string line, RejectReason reason, string detail)
    {
        // A sentence with no checksum is refused: APRS101 leaves raw NMEA to NMEA 0183 2.0, which requires RMC's, and
        // over the air a sentence without one cannot be told from a damaged one.
        var incoming = Parser.Parse(line, Received);

        Assert.Equal((new Rejection(reason, detail), "W1XYZ-9", ReportSource.Aprs), (incoming.Rejection, incoming.UnitId, incoming.Source));
    }

    [Fact]
    public void A_raw_nmea_beacon_with_a_comment_after_its_checksum_is_its_stations_position()
    {
        // TinyTrack and FreeTrak send their station's name after the sentence, as any packet may carry a comment after its
        // data: every such beacon was refused for what followed the checksum.
        var incoming = Parser.Parse("W1XYZ-9>APT311,WIDE1-1:$GPRMC,145958,A,3944.350,N,10459.420,W,012.5,087.0,140326,011.0,E*68/Home Station by TinyTrack3", Received);

        Assert.Equal(("W1XYZ-9", new GeoPoint(39 + (44.350 / 60), -(104 + (59.420 / 60)))), (incoming.Report?.UnitId, incoming.Report?.Position));
    }

    [Fact]
    public void A_raw_nmea_position_gated_as_a_third_party_packet_is_the_inner_stations()
    {
        var report = Parser.Parse("N0GW>APDW16,WIDE2-1:}W1XYZ-9>GPS,TCPIP,N0GW*:$GNRMC,145958.00,A,3944.35012,N,10459.42045,W,0.012,,140326,,,A*78", Received).Report;

        Assert.Equal(("W1XYZ-9", new GeoPoint(39 + (44.35012 / 60), -(104 + (59.42045 / 60)))), (report?.UnitId, report?.Position));
    }

    [Theory]
    [InlineData("N0GW>APRS:}K1ABC>APRS,TCPIP*:}W1AW>APRS:!4903.50N/07201.75W>", RejectReason.Malformed, "third-party packet holds another third-party packet", "K1ABC")]
    [InlineData("N0GW>APRS:}", RejectReason.Malformed, "third-party packet's inner packet is not SOURCE>DEST[,PATH]:payload", null)]
    [InlineData("N0GW>APRS:}no header", RejectReason.Malformed, "third-party packet's inner packet is not SOURCE>DEST[,PATH]:payload", null)]
    [InlineData("N0GW>APRS:}K1ABC>APRS,TCPIP*:>on the way", RejectReason.NotAPosition, "packet type '>' (status) carries no unit position", "K1ABC")]
    public void A_third_party_packet_is_judged_by_what_it_carries(string line, RejectReason reason, string detail, string? unit)
    {
        var incoming = Parser.Parse(line, Received);

        Assert.Equal((new Rejection(reason, detail), unit), (incoming.Rejection, incoming.UnitId));
    }

    [Theory]
    [InlineData("K1ABC>APRS::N0CALL   :hello{1", "packet type ':' (message) carries no unit position")]
    [InlineData("K1ABC>APRS:>on the way", "packet type '>' (status) carries no unit position")]
    [InlineData("K1ABC>APRS:T#005,199,000,255,073,123,01101001", "packet type 'T' (telemetry) carries no unit position")]
    [InlineData("K1ABC>APRS:;LEADER   *092345z4903.50N/07201.75W>", "packet type ';' (object) carries no unit position")]
    [InlineData("K1ABC>APRS:)AID #2!4903.50N/07201.75WA", "packet type ')' (item) carries no unit position")]
    public void Non_position_packets_are_not_positions(string line, string detail)
    {
        var incoming = Parser.Parse(line, Received);
        Assert.Equal(new Rejection(RejectReason.NotAPosition, detail), incoming.Rejection);
        Assert.Equal("K1ABC", incoming.UnitId);
    }

    [Theory]
    [InlineData("no header here", RejectReason.Malformed)]
    [InlineData("K1ABC>APRS:", RejectReason.Malformed)]
    [InlineData("K1 ABC>APRS:!4903.50N/07201.75W>", RejectReason.Malformed)]
    [InlineData("K1ABC>APRS:!4903.50N/0720", RejectReason.Malformed)]
    [InlineData("K1ABC>APRS:!4963.50N/07201.75W>", RejectReason.InvalidCoordinates)]
    [InlineData("K1ABC>APRS:!4903.50X/07201.75W>", RejectReason.InvalidCoordinates)]
    [InlineData("K1ABC>APRS:@322359z4903.50N/07201.75W>", RejectReason.Malformed)]
    [InlineData("K1ABC>APRS:!49 3.50N/07201.75W>", RejectReason.Malformed)]
    [InlineData("K1ABC>APRS:!", RejectReason.MissingField)]
    [InlineData("K1ABC>APRS:!/5L!", RejectReason.Malformed)]
    [InlineData("K1ABC>APRS:`c51!f", RejectReason.Malformed)]
    [InlineData("K1ABC>TQ4W2V:`c51!f?>", RejectReason.Malformed)]
    [InlineData("K1ABC>TQ4@2V:`c51!f?>/]", RejectReason.Malformed)]
    public void Malformed_and_truncated_packets_have_their_reason(string line, RejectReason reason)
    {
        Assert.Equal(reason, Parser.Parse(line, Received).Rejection?.Reason);
    }

    [Fact]
    public void Line_over_the_limit_is_oversized()
    {
        var line = "K1ABC>APRS:>" + new string('x', 600);
        Assert.Equal(new Rejection(RejectReason.Oversized, "line is 612 characters (limit 512)"), Parser.Parse(line, Received).Rejection);
    }
}

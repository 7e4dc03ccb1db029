using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Nmea;
using static System.FormattableString;

namespace Command.Ingest.Tests.Nmea;

public sealed class NmeaDecoderTests
{
    private static readonly DateTimeOffset Received = new(2014, 12, 31, 3, 8, 0, TimeSpan.Zero);

    internal static string WithChecksum(string body)
    {
        byte sum = 0;
        foreach (var c in body)
        {
            sum ^= (byte)c;
        }

        return FormattableString.Invariant($"${body}*{sum:X2}");
    }

    [Fact]
    public void Rmc_decodes_position_time_speed_and_course()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1", "Engine 3");
        var line = decoder.Decode("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D", Received);
        var expected = new PositionReport("GPS1", ReportSource.Nmea, new DateTimeOffset(2014, 12, 31, 3, 7, 19, TimeSpan.Zero),
            new GeoPoint(-(37 + (47.0873 / 60)), 175 + (18.8938 / 60)), null, null, 0.69 * 1852 / 3600, 181.39, "Engine 3");
        Assert.Equal(NmeaLineKind.Report, line.Kind);
        Assert.Equal(expected, line.Report?.Report);
    }

    [Fact]
    public void Gga_takes_the_last_rmc_date_and_reports_height_above_ellipsoid_and_hdop_accuracy()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        decoder.Decode("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D", Received);
        var report = decoder.Decode("$GPGGA,030720.000,3747.0875,S,17518.8938,E,1,08,1.1,59.8,M,23.7,M,,0000*70", Received.AddDays(40)).Report?.Report;
        Assert.Equal(new DateTimeOffset(2014, 12, 31, 3, 7, 20, TimeSpan.Zero), report?.FixTime);
        Assert.Equal(59.8 + 23.7, report?.AltitudeM);
        Assert.Equal(1.1 * 5, report?.AccuracyM);
    }

    [Fact]
    public void Gga_just_after_midnight_rolls_the_rmc_date_forward()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        decoder.Decode(WithChecksum("GPRMC,235959.000,A,3747.0873,S,17518.8938,E,0.0,0.0,311214,,,A"), Received);
        var report = decoder.Decode(WithChecksum("GPGGA,000000.000,3747.0875,S,17518.8938,E,1,08,1.1,59.8,M,23.7,M,,0000"), Received).Report?.Report;
        Assert.Equal(new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero), report?.FixTime);
    }

    [Fact]
    public void Rmc_with_its_date_left_out_takes_the_day_nearest_the_receiving_clock_and_does_not_date_the_gga_after_it()
    {
        // A receiver before its first almanac, or a bridge that drops the field: the fix, and the GGA paired with it, are kept.
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        var justAfterMidnight = new DateTimeOffset(2026, 3, 15, 0, 0, 5, TimeSpan.Zero);
        var rmc = decoder.Decode(WithChecksum("GPRMC,235958.000,A,3747.0873,S,17518.8938,E,0.0,0.0,,,,A"), justAfterMidnight).Report?.Report;
        var gga = decoder.Decode(WithChecksum("GPGGA,235958.000,3747.0875,S,17518.8938,E,1,08,1.1,59.8,M,,M,,0000"), justAfterMidnight).Report?.Report;

        Assert.Equal(new DateTimeOffset(2026, 3, 14, 23, 59, 58, TimeSpan.Zero), rmc?.FixTime);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 23, 59, 58, TimeSpan.Zero), gga?.FixTime);
        Assert.Equal(RejectReason.Malformed, decoder.Decode(WithChecksum("GPRMC,235958.000,A,3747.0873,S,17518.8938,E,0.0,0.0,3212,,,A"), justAfterMidnight).Report?.Rejection?.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_receiver_past_its_week_rollover_has_its_fixes_dated_forward_by_the_gps_eras_it_lags(int eras)
    {
        // Its firmware counts the week from an era gone by: every RMC is dated 1,024 weeks back (19.6 years), or 2,048.
        var now = new DateTimeOffset(2026, 12, 6, 22, 14, 3, TimeSpan.Zero);
        var said = now.AddSeconds(-2) - (ReportScreen.GpsWeekRollover * eras);
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");

        var rmc = decoder.Decode(WithChecksum(Invariant($"GPRMC,{said:HHmmss}.000,A,3747.0873,S,17518.8938,E,0.0,0.0,{said:ddMMyy},,,A")), now).Report?.Report;
        var gga = decoder.Decode(WithChecksum(Invariant($"GPGGA,{said:HHmmss}.000,3747.0875,S,17518.8938,E,1,08,1.1,59.8,M,,M,,0000")), now).Report?.Report;

        Assert.Equal(now.AddSeconds(-2), rmc?.FixTime);
        // The GGA of the same fix takes the RMC's date as put right.
        Assert.Equal(now.AddSeconds(-2), gga?.FixTime);
        // Both say so, for the after-action report to name the receiver: its firmware wants updating.
        Assert.Equal((eras, eras), (rmc?.WeekRolloverEras, gga?.WeekRolloverEras));
        // The one report of the fix says so too.
        var fix = Assert.Single(NmeaConnection.Read(
            [WithChecksum(Invariant($"GPRMC,{said:HHmmss}.000,A,3747.0873,S,17518.8938,E,0.0,0.0,{said:ddMMyy},,,A")),
             WithChecksum(Invariant($"GPGGA,{said:HHmmss}.000,3747.0875,S,17518.8938,E,1,08,1.1,59.8,M,,M,,0000"))], now)).Report!;
        Assert.Equal((now.AddSeconds(-2), 59.8, eras), (fix.FixTime, fix.AltitudeM, fix.WeekRolloverEras));
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(3)]
    [InlineData(-7200)]
    public void A_date_that_lags_by_anything_but_whole_gps_eras_is_left_as_the_receiver_said_it(int days)
    {
        // A clock set wrong, or a capture replayed: the screen judges its age, nothing here guesses at it.
        var now = new DateTimeOffset(2026, 12, 6, 22, 14, 3, TimeSpan.Zero);
        var said = now - ReportScreen.GpsWeekRollover + TimeSpan.FromDays(days);
        var rmc = new NmeaDecoder(NmeaOptions.Default, "GPS1")
            .Decode(WithChecksum(Invariant($"GPRMC,{said:HHmmss}.000,A,3747.0873,S,17518.8938,E,0.0,0.0,{said:ddMMyy},,,A")), now).Report?.Report;

        Assert.Equal(said, rmc?.FixTime);
        Assert.Null(rmc?.WeekRolloverEras);
    }

    [Fact]
    public void Gga_before_any_rmc_takes_the_day_nearest_the_receiving_clock()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        var justAfterMidnight = new DateTimeOffset(2026, 3, 15, 0, 0, 5, TimeSpan.Zero);
        var report = decoder.Decode(WithChecksum("GPGGA,235958.000,3747.0875,S,17518.8938,E,1,08,1.1,59.8,M,,M,,0000"), justAfterMidnight).Report?.Report;
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 23, 59, 58, TimeSpan.Zero), report?.FixTime);
        Assert.Equal(59.8, report?.AltitudeM);
        Assert.Null(report?.WeekRolloverEras);
    }

    [Theory]
    [InlineData("GPGLL,3747.0873,S,17518.8938,E,030719.000,A,A")]
    [InlineData("GNGLL,3747.0873,S,17518.8938,E,030719.000,A,D")]
    [InlineData("GLGLL,3747.0873,S,17518.8938,E,030719.000,A")]
    public void Gll_sent_alone_gives_its_position_at_the_time_of_day_nearest_the_receiving_clock(string body)
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1", "Engine 3");
        var line = decoder.Decode(WithChecksum(body), Received);

        var expected = new PositionReport("GPS1", ReportSource.Nmea, new DateTimeOffset(2014, 12, 31, 3, 7, 19, TimeSpan.Zero),
            new GeoPoint(-(37 + (47.0873 / 60)), 175 + (18.8938 / 60)), null, null, null, null, "Engine 3");
        Assert.Equal((expected, NmeaFixSentence.Gll, new TimeSpan(3, 7, 19)), (line.Report?.Report, line.Epoch?.Sentence, line.Epoch?.TimeOfDay));
    }

    [Theory]
    [InlineData("GPGLL,3747.0873,S,17518.8938,E,030719.000,V,N", RejectReason.NoFix, "GPGLL status is 'V', not A (valid)")]
    [InlineData("GPGLL,,,,,030719.000,V,N", RejectReason.NoFix, "GPGLL status is 'V', not A (valid)")]
    [InlineData("GNGLL,3747.0873,S,17518.8938,E,030719.000,A,N", RejectReason.NoFix, "GNGLL mode N (not valid) is not a position fix")]
    [InlineData("GPGLL,3747.0873,S,17518.8938,E,030719.000,A,E", RejectReason.NoFix, "GPGLL mode E (estimated) is not a position fix")]
    [InlineData("GPGLL,3747.0873,S,17518.8938,E", RejectReason.Malformed, "GPGLL has 5 fields, expected at least 7 (position, time and status)")]
    [InlineData("GPGLL,3747.0873,S,17518.8938,E,,A,A", RejectReason.Malformed, "GPGLL time '' is not hhmmss")]
    [InlineData("GPGLL,3767.0873,S,17518.8938,E,030719.000,A,A", RejectReason.InvalidCoordinates, "GPGLL position '3767.0873,S,17518.8938,E' is not ddmm.mm,N,dddmm.mm,E")]
    public void Gll_without_a_position_fix_has_its_reason(string body, RejectReason reason, string detail)
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum(body), Received);

        Assert.Equal((new Rejection(reason, detail), "GPS1"), (line.Report?.Rejection, line.Report?.UnitId));
    }

    [Fact]
    public void Gll_of_a_receiver_that_sends_rmc_or_gga_is_skipped_for_their_fuller_fix()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        decoder.Decode(WithChecksum("GPGGA,030719.000,3747.0873,S,17518.8938,E,1,08,1.1,59.9,M,23.7,M,,0000"), Received);

        Assert.Equal(NmeaLineKind.Skipped, decoder.Decode(WithChecksum("GPGLL,3747.0873,S,17518.8938,E,030719.000,A,A"), Received).Kind);
    }

    [Fact]
    public void Gns_sent_alone_gives_its_position_with_its_hdop_accuracy_and_altitude_as_a_gga_does()
    {
        // A BeiDou receiver's fix (gpsd's beidou-gb capture): GPS autonomous, GLONASS and Galileo none, BeiDou autonomous.
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1", "Engine 3");
        var line = decoder.Decode("$GNGNS,053232.438,3114.8789,N,12135.2442,E,ANNA,07,1.2,153.8,8.3,,0000*5F", new DateTimeOffset(2015, 3, 2, 5, 33, 0, TimeSpan.Zero));

        var expected = new PositionReport("GPS1", ReportSource.Nmea, new DateTimeOffset(2015, 3, 2, 5, 32, 32, 438, TimeSpan.Zero),
            new GeoPoint(31 + (14.8789 / 60), 121 + (35.2442 / 60)), 153.8 + 8.3, 1.2 * 5, null, null, "Engine 3", AltitudeDatum: AltitudeDatum.Ellipsoid);
        Assert.Equal((expected, NmeaFixSentence.Gns), (line.Report?.Report, line.Epoch?.Sentence));
    }

    [Theory]
    [InlineData("GNGNS,053229.438,,,,,NNNN,00,,,0.0,,0000", RejectReason.NoFix, "GNGNS mode is 'NNNN' (no fix in any constellation)")]
    [InlineData("GNGNS,053229.438,,,,,,00,,,0.0,,0000", RejectReason.NoFix, "GNGNS mode is '' (no fix in any constellation)")]
    [InlineData("GNGNS,053232.438,3114.8789,N,12135.2442,E,EN,07,1.2,153.8,8.3,,", RejectReason.NoFix, "GNGNS mode EN (estimated) is not a position fix")]
    [InlineData("GPGNS,053232.438,3114.8789,N,12135.2442,E,S,07,1.2,153.8,8.3,,", RejectReason.NoFix, "GPGNS mode S (simulator) is not a position fix")]
    [InlineData("GNGNS,053232.438,3114.8789,N,12135.2442,E,MS,07,1.2,153.8,8.3,,", RejectReason.NoFix, "GNGNS mode MS (manual input, simulator) is not a position fix")]
    [InlineData("GNGNS,053232.438,3114.8789,N,12135.2442,E,AN,00,1.2,153.8,8.3,,", RejectReason.NoFix, "GNGNS says mode AN from 0 satellites in use")]
    [InlineData("GPGNS,053232.438,3114.8789,N,12135.2442,E,D,0,1.2,153.8,8.3,,", RejectReason.NoFix, "GPGNS says mode D from 0 satellites in use")]
    [InlineData("GNGNS,053232.438,3114.8789,N,12135.2442,E,AN", RejectReason.Malformed, "GNGNS has 7 fields, expected at least 11")]
    [InlineData("GNGNS,,3114.8789,N,12135.2442,E,AN,07,1.2,153.8,8.3,,", RejectReason.Malformed, "GNGNS time '' is not hhmmss")]
    [InlineData("GNGNS,053232.438,3114.8789,N,12135.2442,E,DN,07,1.2,high,8.3,,", RejectReason.InvalidValue, "GNGNS altitude 'high' is not a number")]
    [InlineData("GNGNS,053232.438,3194.8789,N,12135.2442,E,AA,07,1.2,153.8,8.3,,", RejectReason.InvalidCoordinates, "GNGNS position '3194.8789,N,12135.2442,E' is not ddmm.mm,N,dddmm.mm,E")]
    public void Gns_without_a_measured_position_has_its_reason(string body, RejectReason reason, string detail)
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum(body), Received);

        Assert.Equal((new Rejection(reason, detail), "GPS1"), (line.Report?.Rejection, line.Report?.UnitId));
    }

    [Fact]
    public void Gns_too_poor_for_the_limit_is_refused_in_its_hdop()
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1", maxAccuracyM: 100).Decode(WithChecksum("GNGNS,053232.438,3114.8789,N,12135.2442,E,AN,07,50,153.8,8.3,,"), Received);

        Assert.Equal(new Rejection(RejectReason.PoorAccuracy, "GNGNS HDOP 50 (250 m at 5 m per HDOP) is worse than the 100 m limit"), line.Report?.Rejection);
    }

    [Fact]
    public void A_unit_line_behind_a_byte_order_mark_binds_the_connection()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default);

        Assert.Equal(NmeaLineKind.Identified, decoder.Decode("\uFEFFUNIT E3 Engine 3", Received).Kind);
        Assert.Equal("E3", decoder.UnitId);
    }

    [Fact]
    public void Gns_with_its_satellite_count_left_empty_is_read_as_a_gga_with_none_is()
    {
        var gga = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum("GPGGA,053232.438,3114.8789,N,12135.2442,E,1,,1.2,153.8,M,8.3,M,,"), Received);
        var gns = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum("GNGNS,053232.438,3114.8789,N,12135.2442,E,AN,,1.2,153.8,8.3,,"), Received);

        Assert.Equal(gga.Report?.Report, gns.Report?.Report);
        Assert.NotNull(gns.Report?.Report);
    }

    [Fact]
    public void Gns_beside_an_rmc_with_no_gga_is_read_for_the_accuracy_and_altitude_the_rmc_lacks()
    {
        // A u-blox receiver set to NMEA 4.1 with GNS in GGA's place sends RMC then GNS: its GNS was passed over, and each
        // of its fixes went on the board with no accuracy and no altitude.
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        decoder.Decode(WithChecksum("GNRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A"), Received);
        var gns = decoder.Decode(WithChecksum("GNGNS,030719.000,3747.0873,S,17518.8938,E,AA,08,1.1,59.9,23.7,,"), Received);

        Assert.Equal((NmeaFixSentence.Gns, 1.1 * 5, 59.9 + 23.7), (gns.Epoch?.Sentence, gns.Report?.Report?.AccuracyM, gns.Report?.Report?.AltitudeM));
    }

    [Fact]
    public void Gns_of_a_receiver_that_sends_gga_is_skipped_for_its_fix_and_gll_beside_gns_for_its()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        decoder.Decode(WithChecksum("GNGNS,030719.000,3747.0873,S,17518.8938,E,AA,08,1.1,59.9,23.7,,"), Received);
        Assert.Equal(NmeaLineKind.Skipped, decoder.Decode(WithChecksum("GNGLL,3747.0873,S,17518.8938,E,030719.000,A,A"), Received).Kind);
        decoder.Decode(WithChecksum("GPGGA,030720.000,3747.0873,S,17518.8938,E,1,08,1.1,59.9,M,23.7,M,,0000"), Received);

        Assert.Equal(NmeaLineKind.Skipped, decoder.Decode(WithChecksum("GNGNS,030720.000,3747.0873,S,17518.8938,E,AA,08,1.1,59.9,23.7,,"), Received).Kind);
    }

    [Fact]
    public void Each_sentence_of_a_fix_is_read_on_its_own_with_the_fix_it_belongs_to()
    {
        // Which makes the two one report is NmeaEpochs'.
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1", maxAccuracyM: 5);
        var time = new TimeSpan(3, 7, 19);
        var gga = decoder.Decode("$GPGGA,030719.000,3747.0873,S,17518.8938,E,1,08,1.1,59.9,M,23.7,M,,0000*7D", Received);
        var rmc = decoder.Decode("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D", Received);

        Assert.Equal((NmeaFixSentence.Gga, time, RejectReason.PoorAccuracy), (gga.Epoch?.Sentence, gga.Epoch?.TimeOfDay, gga.Report?.Rejection?.Reason));
        Assert.Equal((NmeaFixSentence.Rmc, time, true), (rmc.Epoch?.Sentence, rmc.Epoch?.TimeOfDay, rmc.Report?.Report is not null));
        Assert.Equal(NmeaLineKind.Skipped, decoder.Decode("$GPGSA,A,3,17,28,06,01,30,20,26,13,,,,,1.8,1.1,1.5*33", Received).Kind);
        Assert.Null(decoder.Decode("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7C", Received).Epoch);
    }

    [Theory]
    [InlineData("\0\0$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D")]
    [InlineData("\u00ff\u00fe~x$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D")]
    [InlineData("$GPGSV,3,1,11,23,87,270,,13,68,270,,24,60,270,$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D")]
    [InlineData("$GPGSA,A,3,17,28,06,01,30,20,26,13,,,,,1.8,1.1,1.5*33$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D")]
    public void A_whole_sentence_behind_line_noise_or_a_sentence_cut_off_is_read(string text)
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(text, Received);

        Assert.Equal((new DateTimeOffset(2014, 12, 31, 3, 7, 19, TimeSpan.Zero), text), (line.Report?.Report?.FixTime, line.Report?.Raw));
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("\0\0\r\n")]
    [InlineData(" \t\0")]
    [InlineData("\u001a")]
    [InlineData("\u0003\u0004")]
    public void A_sentence_followed_by_a_gateways_nul_or_control_bytes_after_its_checksum_is_read(string after)
    {
        // Some serial-to-TCP gateways end each sentence with a NUL before its line end: every fix was refused as a bad checksum.
        var text = "$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D" + after;

        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(text, Received);

        Assert.Equal((new DateTimeOffset(2014, 12, 31, 3, 7, 19, TimeSpan.Zero), (Rejection?)null), (line.Report?.Report?.FixTime, line.Report?.Rejection));
    }

    [Fact]
    public void A_unit_line_followed_by_a_nul_binds_the_unit_it_names()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default);

        Assert.Equal(NmeaLineKind.Identified, decoder.Decode("UNIT E3\0", Received).Kind);
        Assert.Equal("E3", decoder.Decode("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D\0", Received).Report?.Report?.UnitId);
    }

    [Theory]
    [InlineData("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7C", RejectReason.Malformed, "checksum is 7C but the sentence computes to 7D")]
    [InlineData("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7DX", RejectReason.Malformed, "'X' follows the checksum *7D, where only the line's end may")]
    [InlineData("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D\0x\0", RejectReason.Malformed, "'\\x00x' follows the checksum *7D, where only the line's end may")]
    [InlineData("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D 7D", RejectReason.Malformed, "' 7D' follows the checksum *7D, where only the line's end may")]
    [InlineData("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*\07D", RejectReason.Malformed, "checksum '\\x007D' is not two hex digits")]
    [InlineData("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,3112$GPRMC,030720.000,A,3747", RejectReason.Malformed, "sentence has no checksum")]
    [InlineData("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A", RejectReason.Malformed, "sentence has no checksum")]
    [InlineData("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7", RejectReason.Malformed, "checksum '7' is not two hex digits")]
    [InlineData("$GNRMC,053229.438,V,,,,,,,020315,,,N*56", RejectReason.NoFix, "GNRMC status is 'V', not A (valid)")]
    [InlineData("GPRMC,030719", RejectReason.Malformed, "line is not an NMEA sentence (no leading $)")]
    public void Bad_sentences_have_their_reason_and_numbers(string sentence, RejectReason reason, string detail)
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(sentence, Received);
        Assert.Equal(new Rejection(reason, detail), line.Report?.Rejection);
        Assert.Equal(sentence, line.Report?.Raw);
    }

    [Theory]
    [InlineData("GPGGA,030719.000,3747.0873,S,17518.8938,E,6,08,1.1,59.9,M,23.7,M,,0000", "GPGGA fix quality 6 (estimated) is not a position fix")]
    [InlineData("GPGGA,030719.000,3747.0873,S,17518.8938,E,7,08,1.1,59.9,M,23.7,M,,0000", "GPGGA fix quality 7 (manual input) is not a position fix")]
    [InlineData("GNGGA,030719.000,3747.0873,S,17518.8938,E,8,08,1.1,59.9,M,23.7,M,,0000", "GNGGA fix quality 8 (simulator) is not a position fix")]
    [InlineData("GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,E", "GPRMC mode E (estimated) is not a position fix")]
    [InlineData("GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,M", "GPRMC mode M (manual input) is not a position fix")]
    [InlineData("GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,2.5,W,S", "GPRMC mode S (simulator) is not a position fix")]
    [InlineData("GNRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,N,V", "GNRMC mode N (not valid) is not a position fix")]
    [InlineData("GPGGA,095304.802,2712.6520,S,15303.1397,E,1,00,17.0,3.0,M,42.2,M,,", "GPGGA says fix quality 1 from 0 satellites in use")]
    public void Fix_the_receiver_did_not_measure_is_no_fix(string body, string detail)
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum(body), Received);
        Assert.Equal(new Rejection(RejectReason.NoFix, detail), line.Report?.Rejection);
        Assert.Equal("GPS1", line.Report?.UnitId);
    }

    [Theory]
    [InlineData("GPGGA,030719.000,3747.0873,S,17518.8938,E,2,08,1.1,59.9,M,23.7,M,,0000")]
    [InlineData("GPGGA,030719.000,3747.0873,S,17518.8938,E,4,08,1.1,59.9,M,23.7,M,,0000")]
    [InlineData("GPGGA,030719.000,3747.0873,S,17518.8938,E,1,,1.1,59.9,M,23.7,M,,0000")]
    [InlineData("GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,D")]
    [InlineData("GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,")]
    public void Measured_fix_of_any_quality_or_mode_is_reported(string body)
    {
        Assert.NotNull(new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum(body), Received).Report?.Report);
    }

    [Theory]
    [InlineData("GPGGA,030719.000,,,,,0,00,99.9,,M,,M,,", RejectReason.NoFix)]
    [InlineData("GPGGA,030719.000,3747.0873,X,17518.8938,E,1,08,1.1,59.9,M,23.7,M,,0000", RejectReason.InvalidCoordinates)]
    [InlineData("GPGGA,0307,3747.0873,S,17518.8938,E,1,08,1.1,59.9,M,23.7,M,,0000", RejectReason.Malformed)]
    [InlineData("GPRMC,030719.000,A,3747.0873,S", RejectReason.Malformed)]
    [InlineData("GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,321214,,,A", RejectReason.Malformed)]
    [InlineData("GPRMC,030719.000,A,3767.0873,S,17518.8938,E,0.69,181.39,311214,,,A", RejectReason.InvalidCoordinates)]
    public void Truncated_and_invalid_fields_have_their_reason(string body, RejectReason reason)
    {
        Assert.Equal(reason, new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum(body), Received).Report?.Rejection?.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \t ")]
    [InlineData("# Name: Garmin Geko 201")]
    [InlineData("#")]
    [InlineData("  # SPDX-License-Identifier: BSD-2-clause")]
    public void Blank_and_comment_lines_are_skipped_not_refused(string line)
    {
        Assert.Equal(NmeaLine.Skipped, new NmeaDecoder(NmeaOptions.Default).Decode(line, Received));
    }

    [Theory]
    [InlineData("-5", "GPRMC speed -5 kn is not a ground speed of 0-291 kn (150 m/s)")]
    [InlineData("600", "GPRMC speed 600 kn is not a ground speed of 0-291 kn (150 m/s)")]
    [InlineData("291.6", "GPRMC speed 291.6 kn is not a ground speed of 0-291 kn (150 m/s)")]
    [InlineData("Infinity", "GPRMC speed Infinity kn is not a ground speed of 0-291 kn (150 m/s)")]
    [InlineData("NaN", "GPRMC speed NaN kn is not a ground speed of 0-291 kn (150 m/s)")]
    [InlineData("1e999", "GPRMC speed Infinity kn is not a ground speed of 0-291 kn (150 m/s)")]
    [InlineData("1e308", "GPRMC speed 1E+308 kn is not a ground speed of 0-291 kn (150 m/s)")]
    public void A_speed_out_of_range_is_refused_in_the_knots_the_sentence_gave(string speed, string detail)
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum($"GPRMC,030719.000,A,3747.0873,S,17518.8938,E,{speed},181.39,311214,,,A"), Received);

        Assert.Equal((RejectReason.InvalidValue, detail, "GPS1"), (line.Report!.Rejection?.Reason, line.Report.Rejection?.Detail, line.Report.UnitId));
    }

    [Theory]
    [InlineData("50", "GPGGA HDOP 50 (250 m at 5 m per HDOP) is worse than the 100 m limit")]
    [InlineData("20.5", "GPGGA HDOP 20.5 (102.5 m at 5 m per HDOP) is worse than the 100 m limit")]
    [InlineData("1e300", "GPGGA HDOP 1E+300 (5E+300 m at 5 m per HDOP) is worse than the 100 m limit")]
    public void A_fix_too_poor_to_take_is_refused_in_the_hdop_the_receiver_sent(string hdop, string detail)
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1", maxAccuracyM: 100).Decode(WithChecksum($"GPGGA,030719.000,3747.0873,S,17518.8938,E,1,08,{hdop},59.9,M,23.7,M,,0000"), Received);

        Assert.Equal((RejectReason.PoorAccuracy, detail, "GPS1"), (line.Report!.Rejection?.Reason, line.Report.Rejection?.Detail, line.Report.UnitId));
    }

    [Fact]
    public void A_fix_as_poor_as_the_limit_is_taken()
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1", maxAccuracyM: 100).Decode(WithChecksum("GPGGA,030719.000,3747.0873,S,17518.8938,E,1,08,20,59.9,M,23.7,M,,0000"), Received);

        Assert.Equal(100, line.Report!.Report!.AccuracyM);
    }

    [Fact]
    public void The_fastest_speed_a_report_may_say_is_taken()
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum("GPRMC,030719.000,A,3747.0873,S,17518.8938,E,291.5,181.39,311214,,,A"), Received);

        Assert.Null(ReportScreen.Check(line.Report!.Report!, Received, ValidationOptions.Default));
        Assert.Equal(291.5 * 1852 / 3600, line.Report.Report!.SpeedMps!.Value, 9);
    }

    [Theory]
    [InlineData("-1", "course -1 is not 0-360 degrees")]
    [InlineData("-Infinity", "course -Infinity is not 0-360 degrees")]
    [InlineData("NaN", "course NaN is not 0-360 degrees")]
    public void A_course_that_is_not_finite_is_refused_like_one_out_of_range(string course, string detail)
    {
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum($"GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,{course},311214,,,A"), Received);
        var refused = ReportScreen.Check(line.Report!.Report!, Received, ValidationOptions.Default);
        Assert.Equal(RejectReason.InvalidValue, refused?.Reason);
        Assert.StartsWith(detail, refused?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Sentence_without_checksum_is_read_when_checksums_are_optional()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default with { RequireChecksum = false }, "GPS1");
        Assert.Equal("GPS1", decoder.Decode("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A", Received).Report?.Report?.UnitId);
    }

    [Fact]
    public void Unbound_connection_refuses_fixes_until_it_identifies()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default);
        var before = decoder.Decode("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D", Received);
        Assert.Equal(new Rejection(RejectReason.MissingField, "the connection has not named its unit (send 'UNIT <id> [callsign]' first)"), before.Report?.Rejection);
        Assert.Equal(NmeaLineKind.Identified, decoder.Decode("UNIT E3 Engine 3", Received).Kind);
        var after = decoder.Decode("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D", Received).Report?.Report;
        Assert.Equal(("E3", "Engine 3"), (after?.UnitId, after?.Callsign));
    }

    [Fact]
    public void A_callsign_named_on_the_identification_line_is_cleaned_of_characters_that_draw_nothing()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default);
        decoder.Decode("UNIT E3 \u202eEngine\u200b 3", Received);

        var report = decoder.Decode("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D", Received).Report?.Report;

        Assert.Equal(("E3", "Engine 3"), (report?.UnitId, report?.Callsign));
    }

    [Fact]
    public void Identification_line_without_an_id_is_refused()
    {
        var line = new NmeaDecoder(NmeaOptions.Default).Decode("UNIT  ", Received);
        Assert.Equal(RejectReason.MissingField, line.Report?.Rejection?.Reason);
    }

    [Fact]
    public void Kenwood_fleetsync_names_its_own_unit()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        var report = decoder.Decode("$PKLDS,122434,A,4954.1474,N,11923.6044,W,001.1,194.9,130223,19.20,W00,100,1001,80,00,*60", Received).Report?.Report;
        var expected = new PositionReport("100-1001", ReportSource.Nmea, new DateTimeOffset(2023, 2, 13, 12, 24, 34, TimeSpan.Zero),
            new GeoPoint(49 + (54.1474 / 60), -(119 + (23.6044 / 60))), null, null, 1.1 * 1852 / 3600, 194.9, null);
        Assert.Equal(expected, report);
    }

    [Theory]
    [InlineData("GPRMC,030719.000,A,3747.0873,S,17518.8938,E,abc,181.39,311214,,,A", "GPRMC speed 'abc' is not a number")]
    [InlineData("GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,north,311214,,,A", "GPRMC course 'north' is not a number")]
    [InlineData("GPGGA,030719.000,3747.0873,S,17518.8938,E,1,08,x,12.0,M,19.6,M,,", "GPGGA HDOP 'x' is not a number")]
    [InlineData("GPGGA,030719.000,3747.0873,S,17518.8938,E,1,08,0.9,high,M,19.6,M,,", "GPGGA altitude 'high' is not a number")]
    public void A_field_that_holds_something_but_no_number_is_refused_by_name(string body, string detail)
    {
        // Read as nothing, the fix was taken with its course and no speed, and nobody heard why.
        var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(WithChecksum(body), Received);

        Assert.Null(line.Report?.Report);
        Assert.Equal(new Rejection(RejectReason.InvalidValue, detail), line.Report?.Rejection);
    }
}

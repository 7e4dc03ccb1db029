using System.Globalization;
using System.Text.Json;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Nmea;

namespace Command.Ingest.Tests.Nmea;

/// <summary>Every RMC and GGA of real receiver logs decodes to what gpsd itself decoded (its .chk files).</summary>
public sealed class GpsdLogTests
{
    private static readonly DateTimeOffset Received = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The bu353s4 capture starts with a GGA, which takes its day from the receiving clock.</summary>
    private static readonly DateTimeOffset CaptureDay = new(2014, 12, 31, 3, 10, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("bu353s4.log", 26)]
    [InlineData("beidou-gb.log", 5)]
    [InlineData("bu353-glonass.log", 1)]
    [InlineData("gr8013-w.log", 2)]
    [InlineData("garmin-geko201.log", 2)]
    [InlineData("haicom-305N.log", 146)]
    public void Decoded_positions_and_times_match_gpsd(string log, int comparisons)
    {
        var compared = 0;
        foreach (var (sentence, tpv) in Pairs(TestData.Lines("nmea", log + ".chk")))
        {
            var line = new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(sentence, Received);
            if (!Measured(tpv))
            {
                Assert.Equal(RejectReason.NoFix, line.Report?.Rejection?.Reason);
            }
            else
            {
                var report = line.Report?.Report;
                Assert.NotNull(report);
                Assert.Equal(tpv.GetProperty("lat").GetRawText(), report.Position.Latitude.ToString("F9", CultureInfo.InvariantCulture));
                Assert.Equal(tpv.GetProperty("lon").GetRawText(), report.Position.Longitude.ToString("F9", CultureInfo.InvariantCulture));
                if (sentence[3..6] == "RMC")
                {
                    Assert.Equal(DateTimeOffset.Parse(tpv.GetProperty("time").GetString()!, CultureInfo.InvariantCulture), report.FixTime);
                }
            }

            compared++;
        }

        Assert.Equal(comparisons, compared);
    }

    [Fact]
    public void A_whole_log_on_one_connection_reports_each_fix_once_in_order()
    {
        var times = NmeaConnection.Read(TestData.Lines("nmea", "bu353s4.log"), CaptureDay).Select(r => r.Report!.FixTime);

        Assert.Equal(Enumerable.Range(0, 25).Select(s => new DateTimeOffset(2014, 12, 31, 3, 7, 19 + s, TimeSpan.Zero)), times);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_beidou_receiver_sending_gns_alone_or_beside_rmc_and_gga_reports_each_fix_once_where_gpsd_put_it(bool gnsAlone)
    {
        var lines = TestData.Lines("nmea", "beidou-gb.log").Where(l => !gnsAlone || l.StartsWith("$GNGNS", StringComparison.Ordinal));
        var reports = NmeaConnection.Read(lines, new DateTimeOffset(2015, 3, 2, 5, 34, 0, TimeSpan.Zero));

        // Alone, GNS's HDOP and altitude are kept as GGA's are; beside them, RMC's speed joins them.
        double? knots = gnsAlone ? null : 0.26 * Knots.ToMps;
        Assert.Equal(
            [("31.247981667", "121.587403333", 6.0, 162.1, knots), ("31.248035000", "121.587380000", 6.0, 175.5, gnsAlone ? null : 0.07 * Knots.ToMps)],
            reports.Where(r => r.Report is not null).Select(r => (F9(r.Report!.Position.Latitude), F9(r.Report.Position.Longitude), r.Report.AccuracyM!.Value, Math.Round(r.Report.AltitudeM!.Value, 6), r.Report.SpeedMps)));
        // Its fixes before them, from no satellite, are each refused as no fix, saying why.
        Assert.Equal(Enumerable.Repeat((RejectReason?)RejectReason.NoFix, 3), reports.Where(r => r.Report is null).Select(r => r.Rejection?.Reason));
        Assert.Equal(gnsAlone ? "GNGNS mode is 'NNNN' (no fix in any constellation)" : "GPGGA fix quality is '0' (no fix)", reports[0].Rejection?.Detail);
    }

    [Fact]
    public void A_beidou_receiver_sending_rmc_and_gns_without_gga_reports_each_fix_once_with_the_gns_accuracy_and_altitude()
    {
        var lines = TestData.Lines("nmea", "beidou-gb.log").Where(l => !l.StartsWith("$GPGGA", StringComparison.Ordinal));
        var reports = NmeaConnection.Read(lines, new DateTimeOffset(2015, 3, 2, 5, 34, 0, TimeSpan.Zero));

        Assert.Equal(
            [("31.247981667", "121.587403333", 6.0, 162.1, 0.26 * Knots.ToMps), ("31.248035000", "121.587380000", 6.0, 175.5, 0.07 * Knots.ToMps)],
            reports.Where(r => r.Report is not null).Select(r => (F9(r.Report!.Position.Latitude), F9(r.Report.Position.Longitude), r.Report.AccuracyM!.Value, Math.Round(r.Report.AltitudeM!.Value, 6), r.Report.SpeedMps!.Value)));
        Assert.Equal(Enumerable.Repeat("GNGNS mode is 'NNNN' (no fix in any constellation)", 3), reports.Where(r => r.Report is null).Select(r => r.Rejection?.Detail));
    }

    /// <summary>
    /// A GPS-320FW spoofed to just past its week rollover and restarted: sentences cut short, run together and with
    /// broken checksums, then void fixes dated 2006 and 1999 as it finds its week again.
    /// </summary>
    [Fact]
    public void A_receiver_rebooting_through_broken_sentences_reports_only_the_fixes_it_measured_and_names_what_it_refused()
    {
        var reports = NmeaConnection.Read(TestData.Lines("nmea", "gp-320fw-2019-04-07-coldboot.log"), new DateTimeOffset(2019, 4, 7, 0, 5, 0, TimeSpan.Zero));

        // Its two fixes before the reboot, where gpsd put them (the first a GGA alone, dated by the receiving clock).
        Assert.Equal(
            [(new DateTimeOffset(2019, 4, 7, 0, 3, 43, 30, TimeSpan.Zero), "48.149988333", "11.584663333", 7.0),
             (new DateTimeOffset(2019, 4, 7, 0, 3, 45, 30, TimeSpan.Zero), "48.149988333", "11.584663333", 7.0)],
            reports.Where(r => r.Report is not null).Select(r => (r.Report!.FixTime, F9(r.Report.Position.Latitude), F9(r.Report.Position.Longitude), Math.Round(r.Report.AccuracyM ?? 0, 6))));
        // Everything else is refused as a sentence that cannot be read, or one without a fix, saying which.
        var refused = reports.Where(r => r.Report is null).Select(r => r.Rejection!).ToList();
        Assert.All(refused, r => Assert.Contains(r.Reason, new[] { RejectReason.Malformed, RejectReason.NoFix }));
        Assert.Contains(refused, r => r.Detail == "checksum is 05 but the sentence computes to 60");
        Assert.Contains(refused, r => r.Detail == "GPRMC status is 'V', not A (valid)");
        Assert.Contains(refused, r => r.Detail == "line is not an NMEA sentence (no leading $)");
    }

    [Fact]
    public void A_receiver_in_simulator_mode_puts_nothing_on_the_board()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        var lines = TestData.Lines("nmea", "garmin-geko201.log").Where(l => l.StartsWith('$')).Select(text => (text, decoder.Decode(text, Received))).ToList();

        Assert.DoesNotContain(lines, l => l.Item2.Report?.Report is not null);
        var details = lines.Where(l => l.text[3..6] is "RMC" or "GGA").Select(l => l.Item2.Report?.Rejection).Select(r => (r?.Reason, r?.Detail)).Distinct();
        Assert.Equal<(RejectReason?, string?)>(
        [
            (RejectReason.NoFix, "GPRMC status is 'V', not A (valid)"),
            (RejectReason.NoFix, "GPGGA fix quality 8 (simulator) is not a position fix"),
        ], details);
    }

    [Fact]
    public void A_capture_replayed_whole_with_its_header_and_blank_lines_refuses_only_its_sentences()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        var lines = TestData.Lines("nmea", "garmin-geko201.log").SelectMany(l => new[] { l, "", "  " }).ToList();
        var refused = lines.Where(l => decoder.Decode(l, Received).Report is not null).ToList();

        Assert.NotEmpty(refused);
        Assert.All(refused, l => Assert.StartsWith("$", l, StringComparison.Ordinal));
    }

    private static string F9(double degrees) => degrees.ToString("F9", CultureInfo.InvariantCulture);

    /// <summary>
    /// A fix gpsd decoded in 2D or 3D from a measurement: not one it marks dead reckoning (status 5) or simulated (8),
    /// which the ingest refuses as no fix.
    /// </summary>
    private static bool Measured(JsonElement tpv) =>
        tpv.GetProperty("mode").GetInt32() >= 2 && !(tpv.TryGetProperty("status", out var status) && status.GetInt32() is 5 or 8);

    /// <summary>Each RMC/GGA sentence echoed in a .chk with the TPV gpsd printed straight after it.</summary>
    private static IEnumerable<(string Sentence, JsonElement Tpv)> Pairs(string[] chk)
    {
        string? sentence = null;
        foreach (var text in chk)
        {
            if (text.StartsWith('$'))
            {
                sentence = text.Length > 6 && text[3..6] is "RMC" or "GGA" ? text : null;
            }
            else if (sentence is not null && text.Contains("\"class\":\"TPV\"", StringComparison.Ordinal))
            {
                var tpv = JsonDocument.Parse(text).RootElement.Clone();
                if (tpv.GetProperty("mode").GetInt32() < 2 || tpv.TryGetProperty("lat", out _))
                {
                    yield return (sentence, tpv);
                }

                sentence = null;
            }
        }
    }
}

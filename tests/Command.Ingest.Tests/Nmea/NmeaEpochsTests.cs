using Command.Domain.Geometry;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Nmea;
using static Command.Ingest.Tests.Nmea.NmeaDecoderTests;

namespace Command.Ingest.Tests.Nmea;

public sealed class NmeaEpochsTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static readonly string Rmc = WithChecksum("GPRMC,145958.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A");
    private static readonly string Gga = WithChecksum("GPGGA,145958.000,3944.3520,N,10459.4180,W,1,08,1.2,1600.0,M,-20.0,M,,");

    /// <summary>The one report of the fix at 14:59:58 that <see cref="Rmc"/> and <see cref="Gga"/> give together.</summary>
    private static readonly PositionReport Both = new("GPS1", ReportSource.Nmea, new DateTimeOffset(2026, 3, 14, 14, 59, 58, TimeSpan.Zero),
        new GeoPoint(39 + (44.3520 / 60), -(104 + (59.4180 / 60))), 1600.0 + -20.0, 1.2 * 5, 1.0 * Knots.ToMps, 90.0, AltitudeDatum: AltitudeDatum.Ellipsoid);

    [Fact]
    public void An_rmc_then_its_gga_make_one_report_with_the_speed_course_date_accuracy_and_altitude()
    {
        var reports = NmeaConnection.Read([Rmc, Gga], Received);

        Assert.Equal(Both, Assert.Single(reports).Report);
        Assert.Equal($"{Rmc}\n{Gga}", reports[0].Raw);
    }

    [Fact]
    public void A_gga_then_its_rmc_make_the_same_one_report()
    {
        var reports = NmeaConnection.Read([Gga, Rmc], Received);

        Assert.Equal(Both, Assert.Single(reports).Report);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_rmc_and_its_gns_where_no_gga_is_sent_make_the_one_report_an_rmc_and_gga_make(bool rmcFirst)
    {
        // A receiver set to send GNS in GGA's place: its fixes went on the board with RMC's speed and no accuracy or altitude.
        var gns = WithChecksum("GNGNS,145958.000,3944.3520,N,10459.4180,W,AAN,08,1.2,1600.0,-20.0,,");

        var reports = NmeaConnection.Read(rmcFirst ? [Rmc, gns] : [gns, Rmc], Received);

        Assert.Equal(Both, Assert.Single(reports).Report);
        Assert.Equal(rmcFirst ? $"{Rmc}\n{gns}" : $"{gns}\n{Rmc}", reports[0].Raw);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_gns_from_no_satellite_is_its_fixs_one_refusal_beside_its_rmc(bool rmcFirst)
    {
        var gns = WithChecksum("GNGNS,145958.000,3944.3520,N,10459.4180,W,AAN,00,1.2,1600.0,-20.0,,");

        var reports = NmeaConnection.Read(rmcFirst ? [Rmc, gns] : [gns, Rmc], Received);

        var refused = Assert.Single(reports);
        Assert.Equal((null, new Rejection(RejectReason.NoFix, "GNGNS says mode AAN from 0 satellites in use"), gns), (refused.Report, refused.Rejection, refused.Raw));
    }

    [Fact]
    public void A_u_blox_receiver_sending_rmc_before_gga_has_each_fix_reported_once_with_both()
    {
        // A Navisys GR-8013W (u-blox 8) standing still in Berlin, as gpsd decoded it: altHAE 104.7, 104.5, 104.3 m.
        var reports = NmeaConnection.Read(TestData.Lines("nmea", "gr8013-w.log"), Received).Select(r => r.Report!).ToList();

        Assert.Equal(
        [
            (new DateTimeOffset(2015, 6, 19, 18, 11, 41, TimeSpan.Zero), 62.6 + 42.1, 0.031 * Knots.ToMps),
            (new DateTimeOffset(2015, 6, 19, 18, 11, 42, TimeSpan.Zero), 62.4 + 42.1, 0.027 * Knots.ToMps),
            (new DateTimeOffset(2015, 6, 19, 18, 11, 43, TimeSpan.Zero), 62.2 + 42.1, 0.011 * Knots.ToMps),
        ], reports.Select(r => (r.FixTime, r.AltitudeM!.Value, r.SpeedMps!.Value)));
        Assert.All(reports, r => Assert.Equal((0.93 * 5, AltitudeDatum.Ellipsoid), (r.AccuracyM, r.AltitudeDatum)));
    }

    [Fact]
    public void A_sirf_receiver_sending_gga_before_rmc_has_each_fix_reported_once_with_both()
    {
        var reports = NmeaConnection.Read(TestData.Lines("nmea", "bu353s4.log"), Received).Select(r => r.Report!).ToList();

        Assert.Equal(Enumerable.Range(0, 25).Select(s => new DateTimeOffset(2014, 12, 31, 3, 7, 19 + s, TimeSpan.Zero)), reports.Select(r => r.FixTime));
        Assert.All(reports, r => Assert.True(r is { AccuracyM: 1.1 * 5, SpeedMps: not null, CourseDeg: not null, AltitudeM: not null }, r.ToString()));
    }

    [Fact]
    public void A_gga_too_poor_to_take_refuses_its_fix_and_its_rmc_is_not_taken_without_it()
    {
        // A Haicom HI-305N (SiRF-II) sends GGA then RMC; for four seconds its HDOP was 21.1, 105.5 m. Its RMC, which
        // carries no accuracy, was taken for each of them as a fix with none.
        var reports = NmeaConnection.Read(TestData.Lines("nmea", "haicom-305N.log"), Received, maxAccuracyM: 100);

        var poor = reports.Where(r => r.Rejection?.Reason == RejectReason.PoorAccuracy).ToList();
        Assert.Equal(4, poor.Count);
        Assert.All(poor, r => Assert.Equal("GPGGA HDOP 21.1 (105.5 m at 5 m per HDOP) is worse than the 100 m limit", r.Rejection?.Detail));
        var fixes = reports.Where(r => r.Report is not null).Select(r => r.Report!).ToList();
        Assert.NotEmpty(fixes);
        Assert.All(fixes, f => Assert.True(f is { AccuracyM: <= 100, SpeedMps: not null }, f.ToString()));
        Assert.Equal(fixes.Count, fixes.Select(f => f.FixTime).Distinct().Count());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_refusal_of_either_sentence_stands_for_its_fix_once(bool rmcFirst)
    {
        var poorGga = WithChecksum("GPGGA,145958.000,3944.3520,N,10459.4180,W,1,04,30.0,1600.0,M,-20.0,M,,");

        var reports = NmeaConnection.Read(rmcFirst ? [Rmc, poorGga] : [poorGga, Rmc], Received, maxAccuracyM: 100);

        var refused = Assert.Single(reports);
        Assert.Equal((null, RejectReason.PoorAccuracy, poorGga), (refused.Report, refused.Rejection?.Reason, refused.Raw));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_sentence_with_a_broken_checksum_is_refused_on_its_own_and_its_partner_reported_without_it(bool rmcFirst)
    {
        var broken = Gga[..^2] + "00";

        var reports = NmeaConnection.Read(rmcFirst ? [Rmc, broken] : [broken, Rmc], Received);

        Assert.Equal(2, reports.Count);
        Assert.Equal(RejectReason.Malformed, Assert.Single(reports, r => r.Rejection is not null).Rejection?.Reason);
        Assert.Equal(Both with { AltitudeM = null, AltitudeDatum = null, AccuracyM = null }, Assert.Single(reports, r => r.Report is not null).Report);
    }

    [Fact]
    public void A_first_sentence_whose_partner_never_comes_is_due_after_the_wait_and_reported_alone_once()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        var epochs = new NmeaEpochs(TimeSpan.FromSeconds(1));

        Assert.Null(epochs.Take(decoder.Decode(Rmc, Received), Received));
        Assert.Equal(Received.AddSeconds(1), epochs.Due);
        Assert.Equal(Both with { AltitudeM = null, AltitudeDatum = null, AccuracyM = null }, epochs.Release()?.Report);
        Assert.Null(epochs.Due);

        // Its partner, late: the fix was reported, and is not reported again.
        Assert.Null(epochs.Take(decoder.Decode(Gga, Received.AddSeconds(2)), Received.AddSeconds(2)));
        Assert.Null(epochs.Release());
    }

    [Fact]
    public void A_receiver_sending_only_gga_waits_for_nothing_once_it_has_ended_two_fixes_alone()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        var epochs = new NmeaEpochs(TimeSpan.FromSeconds(1));
        IncomingReport? Take(int second) => epochs.Take(decoder.Decode(WithChecksum($"GPGGA,14595{second}.000,3944.3520,N,10459.4180,W,1,08,1.2,1600.0,M,-20.0,M,,"), Received), Received);

        Assert.Null(Take(5));
        Assert.Equal(55, Take(6)?.Report?.FixTime.Second);
        Assert.Equal(Received.AddSeconds(1), epochs.Due);
        Assert.Equal(56, Take(7)?.Report?.FixTime.Second);
        Assert.Equal(Received, epochs.Due);
        Assert.Equal(57, epochs.Release()?.Report?.FixTime.Second);
        Assert.Equal(58, Take(8)?.Report?.FixTime.Second);
        Assert.Equal(59, Take(9)?.Report?.FixTime.Second);
        Assert.Null(epochs.Due);
    }

    [Fact]
    public void A_receiver_sending_only_rmc_has_each_fix_reported_once_in_order_with_its_speed()
    {
        var lines = Enumerable.Range(0, 6).Select(s => WithChecksum($"GPRMC,14595{s}.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A"));

        var reports = NmeaConnection.Read(lines, Received).Select(r => r.Report!).ToList();

        Assert.Equal([50, 51, 52, 53, 54, 55], reports.Select(r => r.FixTime.Second));
        Assert.All(reports, r => Assert.Equal((1.0 * Knots.ToMps, (double?)null), (r.SpeedMps, r.AccuracyM)));
    }

    [Fact]
    public void A_connection_that_starts_between_a_fixs_sentences_pairs_the_next_ones()
    {
        // Connected after a fix's RMC: its GGA comes alone, then each fix's two.
        string[] lines = [WithChecksum("GPGGA,145957.000,3944.3520,N,10459.4180,W,1,08,1.2,1600.0,M,-20.0,M,,"), Rmc, Gga];

        var reports = NmeaConnection.Read(lines, Received);

        Assert.Equal([(57, 6.0, (double?)null), (58, 6.0, 1.0 * Knots.ToMps)], reports.Select(r => (r.Report!.FixTime.Second, r.Report.AccuracyM!.Value, r.Report.SpeedMps)));
    }

    [Fact]
    public void A_unit_named_anew_has_the_fix_held_for_the_last_unit_reported_as_that_units()
    {
        var reports = NmeaConnection.Read(["UNIT E3", Rmc, "UNIT E4", Gga], Received, unitId: null);

        Assert.Equal([("E3", (double?)null), ("E4", (double?)6.0)], reports.Select(r => (r.Report!.UnitId, r.Report.AccuracyM)));
    }

    [Fact]
    public void With_no_wait_the_first_sentence_of_a_fix_is_reported_and_its_second_skipped()
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        var epochs = new NmeaEpochs(TimeSpan.Zero);

        Assert.Equal(Both with { AltitudeM = null, AltitudeDatum = null, AccuracyM = null }, epochs.Take(decoder.Decode(Rmc, Received), Received)?.Report);
        Assert.Null(epochs.Take(decoder.Decode(Gga, Received), Received));
        Assert.Null(epochs.Take(decoder.Decode(WithChecksum("GPGSA,A,3,04,05,09,12,,,,,,,,,2.5,1.3,2.1"), Received), Received));
        Assert.Null(epochs.Due);
    }
}

using System.Net.Sockets;
using Command.Domain.Reports;
using Command.Domain.Validation;
using Command.Ingest.Intake;
using Command.Ingest.Listeners;
using static Command.Ingest.Tests.Nmea.NmeaDecoderTests;

namespace Command.Ingest.Tests.Listeners;

/// <summary>A receiver's RMC and GGA of one fix reach the incident as one report, on the NMEA listener.</summary>
public sealed class NmeaFixTests
{
    private static string Rmc(int second) => WithChecksum($"GPRMC,14595{second}.000,A,3944.3520,N,10459.4180,W,1.0,90.0,140326,,,A") + "\r\n";

    private static string Gga(int second, string hdop = "1.2") => WithChecksum($"GPGGA,14595{second}.000,3944.3520,N,10459.4180,W,1,08,{hdop},1600.0,M,-20.0,M,,") + "\r\n";

    private static readonly string Satellites = WithChecksum("GPGSA,A,3,04,05,09,12,,,,,,,,,2.5,1.3,2.1") + "\r\n";

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Each_fix_is_one_report_with_its_rmc_speed_and_its_gga_accuracy_and_altitude_in_either_order(bool rmcFirst)
    {
        // A u-blox receiver (and gpsd) sends RMC before GGA: the fix went on the board without accuracy or altitude.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        string Fix(int second) => rmcFirst ? Rmc(second) + Satellites + Gga(second) : Gga(second) + Satellites + Rmc(second);

        // A last fix of another unit after them, on the same connection, says when everything before it has come.
        await IngestRig.SendAsync(client, "UNIT E3 Engine 3\r\n" + Fix(5) + Fix(6) + "UNIT Z9\r\n" + Fix(7));
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.Equal(
            [(55, 1.0 * Knots.ToMps, 90.0, 6.0, 1580.0, AltitudeDatum.Ellipsoid), (56, 1.0 * Knots.ToMps, 90.0, 6.0, 1580.0, AltitudeDatum.Ellipsoid)],
            delivered.Where(d => d.Report?.UnitId == "E3" || d.Refused is not null)
                .Select(d => (d.Report!.FixTime.Second, d.Report.SpeedMps!.Value, d.Report.CourseDeg!.Value, d.Report.AccuracyM!.Value, d.Report.AltitudeM!.Value, d.Report.AltitudeDatum!.Value)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stream_that_starts_with_a_byte_order_mark_has_its_unit_line_read_and_each_fix_reported()
    {
        // A bridge on Windows (a PowerShell script writing UTF-8) sends a byte order mark first: its UNIT line was refused as
        // no NMEA sentence, and every fix after it as from a connection that had not named its unit.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(client, "\uFEFFUNIT E3 Engine 3\r\n" + Rmc(5) + Gga(5) + "UNIT Z9\r\n" + Rmc(7));
        client.Client.Shutdown(SocketShutdown.Send);
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.DoesNotContain(delivered, d => d.Refused is not null);
        Assert.Equal([("E3", 55, "Engine 3", (double?)6.0), ("Z9", 57, null, null)],
            delivered.Select(d => (d.Report!.UnitId, d.Report.FixTime.Second, d.Report.Callsign, d.Report.AccuracyM)));
    }

    private static string Gll(int second, string status = "A,A") => WithChecksum($"GNGLL,3944.3520,N,10459.4180,W,14595{second}.000,{status}") + "\r\n";

    [Fact(Timeout = 30_000)]
    public async Task A_bridge_that_sends_only_gll_has_each_fix_reported_and_one_without_a_fix_refused_with_its_reason()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(client, "UNIT E3\r\n" + Gll(5) + Satellites + Gll(6, "V,N") + Gll(7) + "UNIT Z9\r\n" + Rmc(8) + Gga(8));
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.Equal([55, 57], delivered.Where(d => d.Report?.UnitId == "E3").Select(d => d.Report!.FixTime.Second));
        Assert.Equal([("E3", RejectReason.NoFix, "GNGLL status is 'V', not A (valid)")],
            delivered.Where(d => d.Refused is not null).Select(d => (d.Refused!.UnitId, d.Refused.Reason, d.Refused.Detail)));
    }

    private static string Gns(int second, string mode = "AAN", string satellites = "08") =>
        WithChecksum($"GNGNS,14595{second}.000,3944.3520,N,10459.4180,W,{mode},{satellites},1.2,1600.0,-20.0,,") + "\r\n";

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_receiver_sending_rmc_and_gns_without_gga_has_each_fix_reported_once_with_the_gns_accuracy_and_altitude(bool rmcFirst)
    {
        // Set to send GNS in GGA's place, a receiver's GNS was passed over beside its RMC: no accuracy, no altitude.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        string Fix(int second, string satellites = "08") =>
            rmcFirst ? Rmc(second) + Satellites + Gns(second, satellites: satellites) : Gns(second, satellites: satellites) + Satellites + Rmc(second);

        await IngestRig.SendAsync(client, "UNIT E3\r\n" + Fix(5) + Fix(6, "00") + Fix(7) + "UNIT Z9\r\n" + Rmc(8) + Gga(8));
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.Equal(
            [(55, 1.0 * Knots.ToMps, 90.0, 6.0, 1580.0, AltitudeDatum.Ellipsoid), (57, 1.0 * Knots.ToMps, 90.0, 6.0, 1580.0, AltitudeDatum.Ellipsoid)],
            delivered.Where(d => d.Report?.UnitId == "E3")
                .Select(d => (d.Report!.FixTime.Second, d.Report.SpeedMps!.Value, d.Report.CourseDeg!.Value, d.Report.AccuracyM!.Value, d.Report.AltitudeM!.Value, d.Report.AltitudeDatum!.Value)));
        Assert.Equal([("E3", RejectReason.NoFix, "GNGNS says mode AAN from 0 satellites in use")],
            delivered.Where(d => d.Refused is not null).Select(d => (d.Refused!.UnitId, d.Refused.Reason, d.Refused.Detail)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_receiver_set_to_send_only_gns_has_each_fix_reported_with_its_accuracy_and_one_without_a_fix_refused_with_its_reason()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(client, "UNIT E3\r\n" + Gns(5) + Satellites + Gns(6, "NNN") + Gns(7, "ENN") + Gns(8, "NDN") + "UNIT Z9\r\n" + Rmc(9) + Gga(9));
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.Equal([(55, 6.0, 1580.0, AltitudeDatum.Ellipsoid), (58, 6.0, 1580.0, AltitudeDatum.Ellipsoid)],
            delivered.Where(d => d.Report?.UnitId == "E3").Select(d => (d.Report!.FixTime.Second, d.Report.AccuracyM!.Value, d.Report.AltitudeM!.Value, d.Report.AltitudeDatum!.Value)));
        Assert.Equal(
            [("E3", RejectReason.NoFix, "GNGNS mode is 'NNN' (no fix in any constellation)"), ("E3", RejectReason.NoFix, "GNGNS mode ENN (estimated) is not a position fix")],
            delivered.Where(d => d.Refused is not null).Select(d => (d.Refused!.UnitId, d.Refused.Reason, d.Refused.Detail)));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_receiver_that_sends_gll_beside_rmc_and_gga_has_each_fix_reported_once_with_their_speed_and_accuracy(bool gllFirst)
    {
        // A SiRF receiver sends GGA, GLL, GSA, GSV, RMC; one that starts on a fix's GLL sends it before the others.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        string Fix(int second) => gllFirst ? Gll(second) + Rmc(second) + Gga(second) : Gga(second) + Gll(second) + Satellites + Rmc(second);

        await IngestRig.SendAsync(client, "UNIT E3\r\n" + Fix(5) + Fix(6) + "UNIT Z9\r\n" + Rmc(7) + Gga(7));
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.Equal(
            [(55, 1.0 * Knots.ToMps, 6.0), (56, 1.0 * Knots.ToMps, 6.0)],
            delivered.Where(d => d.Report?.UnitId == "E3" || d.Refused is not null)
                .Select(d => (d.Report!.FixTime.Second, d.Report.SpeedMps!.Value, d.Report.AccuracyM!.Value)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_fix_whose_partner_never_comes_is_reported_once_its_wait_has_passed()
    {
        await using var rig = await IngestRig.StartAsync(new() { ["Ingest:Nmea:PartnerWait"] = "00:00:02" });
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        await IngestRig.SendAsync(client, "UNIT E3\r\n" + Rmc(5) + Satellites);
        await rig.Meters.ReceivedAsync("Nmea", 3);

        rig.Clock.Advance(TimeSpan.FromSeconds(2));
        var report = Assert.Single(await rig.Port.WaitForAsync(1)).Report;

        Assert.Equal((55, 1.0 * Knots.ToMps, (double?)null), (report?.FixTime.Second, report?.SpeedMps, report?.AccuracyM));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_connection_closed_after_a_fixs_first_sentence_still_reports_that_fix()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);

        await IngestRig.SendAsync(client, "UNIT E3\r\n" + Gga(5));
        client.Client.Shutdown(SocketShutdown.Send);
        var report = Assert.Single(await rig.Port.WaitForAsync(1)).Report;

        Assert.Equal((55, (double?)6.0, (double?)null), (report?.FixTime.Second, report?.AccuracyM, report?.SpeedMps));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_gga_too_poor_to_take_is_its_fixs_one_refusal_whichever_comes_first(bool rmcFirst)
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        var poor = rmcFirst ? Rmc(5) + Gga(5, "21.1") : Gga(5, "21.1") + Rmc(5);

        await IngestRig.SendAsync(client, "UNIT E3\r\n" + poor + Rmc(6) + Gga(6) + "UNIT Z9\r\n" + Rmc(7));
        client.Client.Shutdown(SocketShutdown.Send);
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.Equal(
            [(RejectReason.PoorAccuracy, "GPGGA HDOP 21.1 (105.5 m at 5 m per HDOP) is worse than the 100 m limit")],
            delivered.Where(d => d.Refused is not null).Select(d => (d.Refused!.Reason, d.Refused.Detail)));
        Assert.Equal([("E3", 56), ("Z9", 57)], delivered.Where(d => d.Report is not null).Select(d => (d.Report!.UnitId, d.Report.FixTime.Second)));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_sentence_with_a_broken_checksum_is_refused_and_its_partner_still_reported(bool rmcFirst)
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        var broken = Gga(5)[..^4] + "00\r\n";

        await IngestRig.SendAsync(client, "UNIT E3\r\n" + (rmcFirst ? Rmc(5) + broken : broken + Rmc(5)) + "UNIT Z9\r\n" + Rmc(7));
        client.Client.Shutdown(SocketShutdown.Send);
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.Equal([RejectReason.Malformed], delivered.Where(d => d.Refused is not null).Select(d => d.Refused!.Reason));
        Assert.Equal([("E3", 55, (double?)null), ("Z9", 57, null)], delivered.Where(d => d.Report is not null).Select(d => (d.Report!.UnitId, d.Report.FixTime.Second, d.Report.AccuracyM)));
    }
    [Theory(Timeout = 30_000)]
    [InlineData("")]
    [InlineData("\0\0")]
    [InlineData(" \u00ff~x")]
    public async Task Every_whole_sentence_of_a_line_is_read_where_a_bridge_sent_no_line_end_between_them(string between)
    {
        // A serial-to-TCP bridge that passes a receiver's bytes on as they come ran a fix's GGA and RMC into one line, and
        // a GGA-only receiver's two fixes: only the last sentence was read, and the fix of the first was lost.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        string Bare(string sentence) => sentence.TrimEnd('\r', '\n');

        await IngestRig.SendAsync(client, "UNIT E3\r\n" + Bare(Gga(5)) + between + Rmc(5) + "UNIT G7\r\n" + Bare(Gga(6)) + between + Gga(7) + "UNIT Z9\r\n" + Rmc(8));
        client.Client.Shutdown(SocketShutdown.Send);
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.DoesNotContain(delivered, d => d.Refused is not null);
        Assert.Equal(
            [("E3", 55, (double?)1.0 * Knots.ToMps, (double?)6.0), ("G7", 56, null, 6.0), ("G7", 57, null, 6.0), ("Z9", 58, 1.0 * Knots.ToMps, null)],
            delivered.Select(d => (d.Report!.UnitId, d.Report.FixTime.Second, d.Report.SpeedMps, d.Report.AccuracyM)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_fix_whose_sentences_a_gateway_ends_with_a_nul_is_reported_and_junk_after_a_checksum_refused()
    {
        // Some serial-to-TCP gateways send a NUL after each sentence's checksum: every fix was refused as a bad checksum.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        string Nul(string sentence) => sentence.TrimEnd('\r', '\n') + "\0\r\n";

        await IngestRig.SendAsync(client, "UNIT E3\0\r\n" + Nul(Rmc(5)) + Nul(Gga(5)) + Gga(6).TrimEnd('\r', '\n') + "X\r\n" + "UNIT Z9\r\n" + Nul(Rmc(8)));
        client.Client.Shutdown(SocketShutdown.Send);
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.Equal([(RejectReason.Malformed, $"'X' follows the checksum *{Gga(6)[^4..^2]}, where only the line's end may")],
            delivered.Where(d => d.Refused is not null).Select(d => (d.Refused!.Reason, d.Refused.Detail)));
        Assert.Equal([("E3", 55, (double?)1.0 * Knots.ToMps, (double?)6.0), ("Z9", 58, 1.0 * Knots.ToMps, null)],
            delivered.Where(d => d.Report is not null).Select(d => (d.Report!.UnitId, d.Report.FixTime.Second, d.Report.SpeedMps, d.Report.AccuracyM)));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("\r\n")]
    [InlineData("")]
    public async Task A_fix_from_a_bridge_that_sends_no_line_ends_is_reported_once_the_stream_falls_quiet(string unitLineEnd)
    {
        // A bridge that sends no line ends at all cut each sentence only at the next one's '$': a receiver's last fix
        // waited for a sentence that did not come, and a tracker sending once a minute was always a fix behind.
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        string Bare(string sentence) => sentence.TrimEnd('\r', '\n');

        // Its identification line too, which ran into the first sentence and was refused, and each fix with it.
        await IngestRig.SendAsync(client, "UNIT E3" + unitLineEnd + Bare(Rmc(5)) + Bare(Gga(5)));
        await rig.Meters.ReceivedAsync("Nmea", 2);
        rig.Clock.Advance(TimeSpan.FromMilliseconds(250));
        var report = Assert.Single(await rig.Port.WaitForAsync(1)).Report;

        Assert.Equal(("E3", 55, (double?)1.0 * Knots.ToMps, (double?)6.0), (report?.UnitId, report?.FixTime.Second, report?.SpeedMps, report?.AccuracyM));
    }

    [Fact(Timeout = 30_000)]
    public async Task Each_sentence_of_a_line_is_judged_by_its_own_checksum()
    {
        await using var rig = await IngestRig.StartAsync();
        using var client = await IngestRig.ConnectAsync(rig.Listener<NmeaTcpListener>().BoundPort!.Value);
        var broken = Gga(5)[..^4] + "00";

        await IngestRig.SendAsync(client, "UNIT E3\r\n" + broken + Gga(6) + "UNIT Z9\r\n" + Rmc(8));
        client.Client.Shutdown(SocketShutdown.Send);
        var delivered = await rig.Port.WaitForUnitAsync("Z9");

        Assert.Equal([(RejectReason.Malformed, $"checksum is 00 but the sentence computes to {Gga(5)[^4..^2]}")], delivered.Where(d => d.Refused is not null).Select(d => (d.Refused!.Reason, d.Refused.Detail)));
        Assert.Equal([("E3", 56), ("Z9", 58)], delivered.Where(d => d.Report is not null).Select(d => (d.Report!.UnitId, d.Report.FixTime.Second)));
    }
}

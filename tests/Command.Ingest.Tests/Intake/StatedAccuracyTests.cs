using Command.Ingest.Cot;
using Command.Ingest.Json;
using Command.Ingest.Nmea;
using Command.Ingest.OsmAnd;

namespace Command.Ingest.Tests.Intake;

/// <summary>
/// An accuracy stated as 0 m is unknown, from every source alike: Android's "no accuracy" (Traccar Client's
/// <c>accuracy=0</c>), iTAK's <c>ce="0.0"</c>, a receiver's HDOP 0, a client's <c>accuracyM: 0</c>. Any other figure is kept.
/// </summary>
public sealed class StatedAccuracyTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", null)]
    [InlineData("0.0", null)]
    [InlineData("4.0", 4.0)]
    public void An_osmand_query_accuracy_of_0_is_unknown(string accuracy, double? expected)
    {
        var raw = $"id=P1&lat=39.7392&lon=-104.9903&timestamp=1773500390&accuracy={accuracy}";
        var fields = raw.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

        Assert.Equal(expected, OsmAndParser.ParseQuery(fields, raw, Received).Report!.AccuracyM);
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("6.2", 6.2)]
    public void An_osmand_json_accuracy_of_0_is_unknown(string accuracy, double? expected)
    {
        var json = OsmAnd.OsmAndParserTests.Json.Replace("\"accuracy\":6.2", $"\"accuracy\":{accuracy}", StringComparison.Ordinal);

        Assert.Equal(expected, OsmAndJson.Parse(json, Received).Report!.AccuracyM);
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("0.00", null)]
    [InlineData("1.1", 5.5)]
    public void A_gga_hdop_of_0_is_unknown(string hdop, double? expected)
    {
        var decoder = new NmeaDecoder(NmeaOptions.Default, "GPS1");
        decoder.Decode("$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D", Received);

        var report = decoder.Decode(Nmea.NmeaDecoderTests.WithChecksum($"GPGGA,030720.000,3747.0875,S,17518.8938,E,1,08,{hdop},59.8,M,23.7,M,,0000"), Received).Report?.Report;

        Assert.Equal(expected, report!.AccuracyM);
    }

    [Theory]
    [InlineData("0", null, "0", null)]
    [InlineData("0.0", null, "2.5", 2.5)]
    [InlineData("3", 3.0, "0", null)]
    public void A_json_report_accuracy_of_0_is_unknown_and_so_is_a_vertical_one(string accuracy, double? expected, string vertical, double? expectedVertical)
    {
        var json = $"{{\"unitId\":\"P1\",\"fixTime\":\"2026-03-14T15:00:00Z\",\"lat\":44.0,\"lon\":-100.0,\"accuracyM\":{accuracy},\"verticalAccuracyM\":{vertical}}}";

        var report = ReportJson.Parse(System.Text.Encoding.UTF8.GetBytes(json)).Report!;

        Assert.Equal((expected, expectedVertical), (report.AccuracyM, report.VerticalAccuracyM));
    }

    [Fact]
    public void A_cot_ce_of_0_is_unknown_as_it_was()
    {
        var xml = "<event version='2.0' uid='ANDROID-1' type='a-f-G-U-C' how='m-g' time='2026-03-14T15:00:00Z' start='2026-03-14T15:00:00Z' stale='2026-03-14T15:05:00Z'>"
            + "<point lat='54.338986' lon='9.755263' hae='0.0' ce='0.0' le='0.0'/></event>";

        var report = new CotParser(CotOptions.Default).Parse(xml).Report?.Report;

        Assert.Equal((null, null), (report!.AccuracyM, report.VerticalAccuracyM));
    }
}

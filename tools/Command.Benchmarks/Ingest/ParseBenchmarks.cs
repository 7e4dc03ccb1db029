using BenchmarkDotNet.Attributes;
using Command.Ingest.Aprs;
using Command.Ingest.Cot;
using Command.Ingest.Intake;
using Command.Ingest.Json;
using Command.Ingest.Nmea;
using Command.Ingest.OsmAnd;

namespace Command.Benchmarks.Ingest;

/// <summary>
/// Parse throughput per source, one valid message per operation: messages per second is 1 / mean.
/// Run with: dotnet run -c Release --project tools/Command.Benchmarks -- --filter '*ParseBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private const string CotEvent =
        "<event version=\"2.0\" uid=\"ANDROID-0123\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"2026-03-14T14:59:58.771Z\" start=\"2026-03-14T14:59:58.771Z\" stale=\"2026-03-14T15:05:58.771Z\"><point lat=\"39.7392\" lon=\"-104.9903\" hae=\"1609.3\" ce=\"9.9\" le=\"9999999.0\"/><detail><takv os=\"34\" version=\"5.1\" device=\"Phone\" platform=\"ATAK-CIV\"/><contact endpoint=\"*:-1:stcp\" callsign=\"ALPHA 1\"/><__group role=\"Team Member\" name=\"Cyan\"/><status battery=\"78\"/><track course=\"80.2\" speed=\"1.4\"/></detail></event>";

    /// <summary>The same self report as ATAK sends it on a mesh in TAK protocol version 1 (base64), its uid and callsign its own.</summary>
    private static readonly byte[] TakDatagram = Convert.FromBase64String(
        "vwG/EsEBCglhLWYtRy1VLUMqDEFORFJPSUQtMDQ1NjCz+fHmzjM4s/nx5s4zQPP1h+fOM0oDbS1nUQKaCBue3kNAWaVOQBNhP1rAYTMzMzMzJZlAac3MzMzMzCNAcQAAAAB+hC5Bel8yGgoFUGhvbmUSCEFUQUstQ0lWGgIzNCIDNS4xEhQKCSo6LTE6c3RjcBIHQUxQSEEgNBoTCgRDeWFuEgtUZWFtIE1lbWJlcioCCE46EglmZmZmZmb2PxHNzMzMzAxUQA==");

    private const string Rmc = "$GPRMC,145958.000,A,3944.3520,N,10459.4180,W,0.69,181.39,140326,,,A*7D";
    private const string AprsUncompressed = "N0CALL-9>APDR16,TCPIP*,qAC,T2USA:=3944.35N/10459.42Wu170/058/A=005280 on scene";
    private const string AprsMicE = "N0CALL-2>TQ4W2V,WIDE2-1,qAo,N0CALL:`c51!f?>/]\"3x}=";
    private const string OsmAndJsonBody =
        "{\"location\":{\"timestamp\":\"2026-03-14T14:59:50.500Z\",\"coords\":{\"latitude\":39.7392,\"longitude\":-104.9903,\"accuracy\":6.2,\"speed\":1.4,\"heading\":182.0,\"altitude\":1610.0},\"is_moving\":true,\"battery\":{\"level\":0.87}},\"device_id\":\"phone-7\"}";

    private static readonly DateTimeOffset Received = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> OsmAndFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "123456", ["timestamp"] = "1773500390", ["lat"] = "39.7392", ["lon"] = "-104.9903", ["speed"] = "3.5",
        ["bearing"] = "271.5", ["altitude"] = "1609.3", ["accuracy"] = "4.0", ["batt"] = "87.0",
    };

    /// <summary>A native JSON batch of 500 reports, as the load tool and the simulator post them.</summary>
    private static readonly byte[] NativeBatch = System.Text.Encoding.UTF8.GetBytes("{\"reports\":[" + string.Join(",", Enumerable.Range(0, 500).Select(i =>
        $"{{\"unitId\":\"u{i}\",\"fixTime\":\"2026-03-14T14:59:58.7712345+00:00\",\"lat\":{44 + (i * 0.0000137):0.0000000},\"lon\":{-100 - (i * 0.0000291):0.0000000},\"accuracyM\":5}}")) + "]}");

    private readonly CotParser cot = new(CotOptions.Default);
    private readonly AprsParser aprs = new(AprsOptions.Default);

    /// <summary>The same event as a listener reads it: its bytes, with ATAK's UTF-8 declaration, read in the encoding that names.</summary>
    private static readonly byte[] CotBytes = System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + CotEvent);

    [Benchmark]
    public CotOutcome Cot() => cot.Parse(CotEvent);

    [Benchmark]
    public CotOutcome CotAsReceived() => cot.Parse(CotBytes);

    [Benchmark]
    public CotOutcome? TakProtocol() => cot.ParseTak(TakDatagram);

    [Benchmark]
    public IncomingReport? NmeaRmc() => new NmeaDecoder(NmeaOptions.Default, "GPS1").Decode(Rmc, Received).Report;

    [Benchmark]
    public IncomingReport AprsPosition() => aprs.Parse(AprsUncompressed, Received);

    [Benchmark]
    public IncomingReport AprsMicEPosition() => aprs.Parse(AprsMicE, Received);

    [Benchmark]
    public IncomingReport OsmAndQuery() => OsmAndParser.ParseQuery(OsmAndFields, "", Received);

    /// <summary>One report of a 500-report native JSON batch (the time shown is per report).</summary>
    [Benchmark(OperationsPerInvoke = 500)]
    public int NativeJsonInBatch() => ReportBatchJson.Parse(NativeBatch).Items.Count;

    [Benchmark]
    public IncomingReport OsmAndJson() => Command.Ingest.OsmAnd.OsmAndJson.Parse(OsmAndJsonBody, Received);
}

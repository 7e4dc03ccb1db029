namespace Command.Fuzz;

/// <summary>Valid messages of every shape each parser reads, as mutation seeds.</summary>
public static class Seeds
{
    public static IReadOnlyList<string> Cot { get; } =
    [
        "<event version=\"2.0\" uid=\"ANDROID-0123\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"2026-03-14T14:59:58.771Z\" start=\"2026-03-14T14:59:58.771Z\" stale=\"2026-03-14T15:05:58.771Z\"><point lat=\"39.7392\" lon=\"-104.9903\" hae=\"1609.3\" ce=\"9.9\" le=\"9999999.0\"/><detail><takv os=\"34\" version=\"5.1\" device=\"Phone\" platform=\"ATAK-CIV\"/><contact endpoint=\"*:-1:stcp\" callsign=\"ALPHA 1\"/><__group role=\"Team Member\" name=\"Cyan\"/><status battery=\"78\"/><track course=\"80.2\" speed=\"1.4\"/></detail></event>",
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?><event version='2.0' uid='M-1' type='a-u-G' time='2026-03-14T14:59:00Z' start='2026-03-14T14:59:00Z' stale='2026-03-15T14:59:00Z' how='h-g-i-g-o'><point lat='39.74' lon='-104.99' hae='9999999.0' ce='9999999.0' le='9999999.0'/><detail><contact callsign='U.14.1459'/><link uid='ANDROID-0123' type='a-f-G-U-C' relation='p-p'/></detail></event>",
        "<?xml version='1.0' encoding='ISO-8859-1'?>\n<event version='2.0' uid='H-1' type='a-h-G' time='2026-03-14T14:59:30Z' start='2026-03-14T14:59:30Z' stale='2026-03-14T15:09:30Z' how='h-e'><point lat='39.7401' lon='-104.9911' hae='0' ce='20' le='9999999'/><detail><contact callsign='Shooter'/></detail></event>",
        "<event version='2.0' uid='G-1' type='u-d-c-c' time='2026-03-14T14:59:30Z' start='2026-03-14T14:59:30Z' stale='2026-03-15T14:59:30Z' how='h-e'><point lat='39.74' lon='-104.99' hae='9999999.0' ce='9999999.0' le='9999999.0'/><detail><shape><ellipse major='297.72' minor='297.72' angle='360'/></shape><__geofence trigger='Entry' monitor='All'/></detail></event>",
        "<event version='2.0' uid='ANDROID-0123-9-1-1' type='b-a-o-tbl' how='h-e' time='2026-03-14T14:59:58Z' start='2026-03-14T14:59:58Z' stale='2026-03-14T15:09:58Z'><point lat='39.7392' lon='-104.9903' hae='1609.3' ce='9.9' le='9999999.0'/><detail><link uid='ANDROID-0123' type='a-f-G-U-C' relation='p-p'/><contact callsign='ALPHA 1-Alert'/><emergency type='911 Alert'>ALPHA 1</emergency></detail></event>",
        "<event version='2.0' uid='ANDROID-0999' type='a-f-G-U-C' time='2026-03-14T14:59:58Z' start='2026-03-14T14:59:58Z' stale='2026-03-14T15:05:58Z' how='m-g'><point lat='0.0' lon='0.0' hae='9999999.0' ce='9999999.0' le='9999999.0'/><detail><__group role='Medic' name='Red'/></detail></event>",
        "<event version='2.0' uid='H-2' type='a-h-G' time='2026-03-14T14:59:30Z' start='2026-03-14T14:59:30Z' stale='2026-03-14T15:09:30Z' how='h-g-i-g-o'><point lat='39.7401' lon='-104.9911' hae='9999999.0' ce='9999999.0' le='9999999.0'/><detail><contact callsign='Shooter'/><remarks source='BAO.F.ATAK.ANDROID-0123'>male, black hoodie, rifle</remarks><link uid='ANDROID-0123' type='a-f-G-U-C' parent_callsign='ALPHA 1' relation='p-p'/></detail></event>",
        "<event version='2.0' uid='ANDROID-0123' type='t-x-d-d' how='h-g-i-g-o' time='2026-03-14T14:59:58Z' start='2026-03-14T14:59:58Z' stale='2026-03-14T15:00:18Z'><point lat='0.0' lon='0.0' hae='9999999.0' ce='9999999.0' le='9999999.0'/><detail><link uid='H-2' relation='none' type='a-h-G'/><__forcedelete/></detail></event>",
    ];

    /// <summary>
    /// TAK protocol version 1 mesh datagrams, as ATAK sends them (base64): a self report with its contact, group, status,
    /// takv and track as messages; a hostile marker; and a self report whose contact stays XML, standing still.
    /// </summary>
    public static IReadOnlyList<string> TakProtocol { get; } =
    [
        "vwG/EsEBCglhLWYtRy1VLUMqDEFORFJPSUQtMDEyMzCz+fHmzjM4s/nx5s4zQPP1h+fOM0oDbS1nUQKaCBue3kNAWaVOQBNhP1rAYTMzMzMzJZlAac3MzMzMzCNAcQAAAAB+hC5Bel8yGgoFUGhvbmUSCEFUQUstQ0lWGgIzNCIDNS4xEhQKCSo6LTE6c3RjcBIHQUxQSEEgMRoTCgRDeWFuEgtUZWFtIE1lbWJlcioCCE46EglmZmZmZmb2PxHNzMzMzAxUQA==",
        "vwG/ElcKBWEtaC1HKgNILTEw0Jjw5s4zONCY8ObOM0CQ6JTnzjNKA2gtZVGC4seYu95DQFkzxLEubj9awGkAAAAAAAA0QHEAAAAAfoQuQXoLEgkSB1Nob290ZXI=",
        "vwG/Eq4BCglhLWYtRy1VLUMqDEFORFJPSUQtMDEyNDCz+fHmzjM4s/nx5s4zQPP1h+fOM0oDbS1nUQKaCBue3kNAWaVOQBNhP1rAYTMzMzMzJZlAac3MzMzMzCNAcQAAAAB+hC5BekwKSDxjb250YWN0IGNhbGxzaWduPSJBTFBIQSAyIiB4bXBwVXNlcm5hbWU9ImFAYiIgLz48dWlkIERyb2lkPSJBTFBIQSAyIiAvPjoA",
    ];

    public static IReadOnlyList<string> Nmea { get; } =
    [
        "UNIT E3 Engine 3",
        "$GPRMC,145958.000,A,3944.3520,N,10459.4180,W,0.69,181.39,140326,,,A*7D",
        "$GPGGA,145959.000,3944.3521,N,10459.4181,W,1,08,1.1,1609.3,M,-21.5,M,,0000*5F",
        "$GNRMC,150000.438,V,,,,,,,140326,,,N*5A",
        "$GPGGA,150001.000,,,,,0,00,99.9,,M,,M,,*6A",
        "$GPGSA,A,3,17,28,06,01,30,20,26,13,,,,,1.8,1.1,1.5*33",
        "$PKLDS,145958,A,3944.3520,N,10459.4180,W,001.1,194.9,140326,19.20,W00,100,1001,80,00,*6B",
    ];

    public static IReadOnlyList<string> Aprs { get; } =
    [
        "N0CALL-9>APDR16,TCPIP*,qAC,T2USA:=3944.35N/10459.42Wu170/058/A=005280 on scene",
        "N0CALL-7>APRS,WIDE1-1:@141459z3944.35N/10459.42W>090/010",
        "N0CALL-7>APRS,WIDE1-1:/145958h3944.35N/10459.42W>",
        "N0CALL-5>APRS:!3944.3 N/10459.4 W>",
        "N0CALL-1>APRS:!/5L!!<*e7>7P[",
        "N0CALL-2>APRS:!/5L!!<*e7>S]2",
        "N0CALL-13>SX15S6,TCPIP*,qAC,FOURTH:'I',l \u001C>/]",
        "N0CALL-2>TQ4W2V,WIDE2-1,qAo,N0CALL:`c51!f?>/]\"3x}=",
        "N0CALL>APRS::N0CALL-9 :status please{12",
        "N0CALL>APRS:>Command post open",
        "N0CALL>APRS:T#005,199,000,255,073,123,01101001",
    ];

    /// <summary>The APRS seeds a TNC could have heard (their APRS-IS path left off), each a KISS data frame.</summary>
    public static IReadOnlyList<byte[]> Kiss { get; } =
        [.. Aprs.Select(line => line[..line.IndexOf('>', StringComparison.Ordinal)] + ">" + line[(line.IndexOf('>', StringComparison.Ordinal) + 1)..].Split(',', ':')[0] + line[line.IndexOf(':', StringComparison.Ordinal)..])
            .Select(Ingest.Kiss.Ax25Packet.FromTnc2).OfType<byte[]>().Select(frame => Ingest.Kiss.KissDecoder.Encode(frame))];

    public static IReadOnlyList<string> OsmAndQuery { get; } =
    [
        "id=123456&timestamp=1773500390&lat=39.7392&lon=-104.9903&speed=3.5&bearing=271.5&altitude=1609.3&accuracy=4.0&batt=87.0",
        "deviceid=phone-2&timestamp=2026-03-14T14:59:50Z&lat=39.74&lon=-104.99&heading=90",
        "id=phone-3&location=39.74,-104.99&timestamp=1773500390123&valid=true",
    ];

    public static IReadOnlyList<string> OsmAndJson { get; } =
    [
        "{\"location\":{\"timestamp\":\"2026-03-14T14:59:50.500Z\",\"coords\":{\"latitude\":39.7392,\"longitude\":-104.9903,\"accuracy\":6.2,\"speed\":1.4,\"heading\":182.0,\"altitude\":1610.0},\"is_moving\":true,\"odometer\":0,\"battery\":{\"level\":0.87,\"is_charging\":false}},\"device_id\":\"phone-7\"}",
        "{\"device_id\":\"phone-8\",\"location\":{\"coords\":{\"latitude\":39.74,\"longitude\":-104.99,\"speed\":-1,\"heading\":-1}}}",
    ];

    /// <summary>Items of the native JSON report batch, as the simulator and integrations post them.</summary>
    public static IReadOnlyList<string> Json { get; } =
    [
        "{\"unitId\":\"P1\",\"fixTime\":\"2026-03-14T14:59:58.7712345+00:00\",\"lat\":39.7392,\"lon\":-104.9903,\"accuracyM\":5}",
        "{\"unitId\":\"M3\",\"fixTime\":\"2026-03-14T14:59:58Z\",\"lat\":39.74,\"lon\":-104.99,\"altitudeM\":1610.5,\"speedMps\":1.4,\"courseDeg\":182,\"callsign\":\"Medic 3\",\"role\":\"medical\",\"source\":\"simulator\"}",
    ];
}

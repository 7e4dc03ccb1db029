namespace Command.Fuzz.Live;

/// <summary>
/// A radio protocol fuzzed at a running host's port: the seeds it mutates (the parser fuzzer's), how messages are
/// sent, the host's default port for it, and a clean report with its unit, which must still land afterwards.
/// </summary>
public sealed record LiveProtocol(
    string Name, int DefaultPort, FuzzTarget Seeds, LiveSender Sender, string CleanUnit, Func<DateTimeOffset, double, double, IReadOnlyList<string>> Clean)
{
    public static IReadOnlyList<LiveProtocol> All()
    {
        var parsers = FuzzTarget.All().ToDictionary(t => t.Name);
        var osmAnd = parsers["osmand"] with { Corpus = [.. Fuzz.Seeds.OsmAndQuery, .. Fuzz.Seeds.OsmAndJson] };
        return
        [
            new("cot-udp", 8087, parsers["cot"], new DatagramSender(), "FUZZ-COT-UDP", (t, lat, lon) => CleanReports.Cot("FUZZ-COT-UDP", t, lat, lon)),
            new("takproto", 8087, parsers["takproto"], new DatagramSender(System.Text.Encoding.Latin1), "FUZZ-TAKPROTO", (t, lat, lon) => CleanReports.Cot("FUZZ-TAKPROTO", t, lat, lon)),
            new("cot-tcp", 8087, parsers["cot"], new StreamSender(""), "FUZZ-COT-TCP", (t, lat, lon) => CleanReports.Cot("FUZZ-COT-TCP", t, lat, lon)),
            new("nmea", 10110, parsers["nmea"], new StreamSender("\r\n"), "FUZZ-NMEA", (t, lat, lon) => CleanReports.Nmea("FUZZ-NMEA", t, lat, lon)),
            new("aprs", 14580, parsers["aprs"], new StreamSender("\r\n"), "FUZZ-9", (_, lat, lon) => CleanReports.Aprs("FUZZ-9", lat, lon)),
            new("osmand", 5055, osmAnd, new OsmAndSender(), "FUZZ-OSMAND", (t, lat, lon) => CleanReports.OsmAnd("FUZZ-OSMAND", t, lat, lon)),
        ];
    }
}

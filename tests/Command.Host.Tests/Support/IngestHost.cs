namespace Command.Host.Tests.Support;

/// <summary>The real host with every radio and tracker listener on, each on its own free loopback port.</summary>
public class IngestHost : CommandHost
{
    public const string Incident = "radio-drill";

    public IngestHost() : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>The host with every listener on and <paramref name="settings"/> on top.</summary>
    protected IngestHost(IDictionary<string, string?> settings) : this(settings, FreePort.Udp(), FreePort.Tcp(), FreePort.Tcp(), FreePort.Tcp(), FreePort.Tcp())
    {
    }

    private IngestHost(IDictionary<string, string?> settings, int cotUdp, int cotTcp, int nmea, int aprs, int osmAnd)
        : base(new Dictionary<string, string?>
        {
            ["Ingest:Incident"] = Incident,
            ["Ingest:Cot:Udp:Enabled"] = "true",
            ["Ingest:Cot:Udp:Port"] = cotUdp.ToString(),
            ["Ingest:Cot:Tcp:Enabled"] = "true",
            ["Ingest:Cot:Tcp:Port"] = cotTcp.ToString(),
            ["Ingest:Nmea:Tcp:Enabled"] = "true",
            ["Ingest:Nmea:Tcp:Port"] = nmea.ToString(),
            ["Ingest:Aprs:Tcp:Enabled"] = "true",
            ["Ingest:Aprs:Tcp:Port"] = aprs.ToString(),
            ["Ingest:OsmAnd:Enabled"] = "true",
            ["Ingest:OsmAnd:Port"] = osmAnd.ToString(),
        }.Concat(settings).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value)) =>
        (CotUdpPort, CotTcpPort, NmeaPort, AprsPort, OsmAndPort) = (cotUdp, cotTcp, nmea, aprs, osmAnd);

    public int CotUdpPort { get; }

    public int CotTcpPort { get; }

    public int NmeaPort { get; }

    public int AprsPort { get; }

    public int OsmAndPort { get; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (await PostJsonAsync("/api/incidents", TestSite.CreateIncident(Incident))).EnsureSuccessStatusCode();
    }
}

namespace Command.Host.Tests.Support;

/// <summary>The real host with every radio and tracker listener on, each on its own free loopback port.</summary>
public sealed class IngestHost : CommandHost
{
    public const string Incident = "radio-drill";

    public IngestHost() : this(FreePort.Udp(), FreePort.Tcp(), FreePort.Tcp(), FreePort.Tcp())
    {
    }

    private IngestHost(int cotUdp, int nmea, int aprs, int osmAnd)
        : base(new Dictionary<string, string?>
        {
            ["Ingest:Incident"] = Incident,
            ["Ingest:Cot:Udp:Enabled"] = "true",
            ["Ingest:Cot:Udp:Port"] = cotUdp.ToString(),
            ["Ingest:Nmea:Tcp:Enabled"] = "true",
            ["Ingest:Nmea:Tcp:Port"] = nmea.ToString(),
            ["Ingest:Aprs:Tcp:Enabled"] = "true",
            ["Ingest:Aprs:Tcp:Port"] = aprs.ToString(),
            ["Ingest:OsmAnd:Enabled"] = "true",
            ["Ingest:OsmAnd:Port"] = osmAnd.ToString(),
        }) =>
        (CotUdpPort, NmeaPort, AprsPort, OsmAndPort) = (cotUdp, nmea, aprs, osmAnd);

    public int CotUdpPort { get; }

    public int NmeaPort { get; }

    public int AprsPort { get; }

    public int OsmAndPort { get; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (await PostJsonAsync("/api/incidents", TestSite.CreateIncident(Incident))).EnsureSuccessStatusCode();
    }
}

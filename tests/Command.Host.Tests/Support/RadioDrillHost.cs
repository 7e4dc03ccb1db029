namespace Command.Host.Tests.Support;

/// <summary>
/// The real host on the fake incident clock with the CoT UDP and TCP listeners and the Traccar Client's OsmAnd endpoint on,
/// feeding one incident: radios and phones played into it are screened and judged on the same clock as the incident,
/// so a drill of minutes takes seconds.
/// </summary>
public sealed class RadioDrillHost : FakeClockHost
{
    public const string Incident = "radio-building-drill";

    public RadioDrillHost() : this(FreePort.Udp(), FreePort.Tcp(), FreePort.Tcp())
    {
    }

    private RadioDrillHost(int cotUdp, int osmAnd, int cotTcp)
        : base(new Dictionary<string, string?>
        {
            ["Ingest:Incident"] = Incident,
            ["Ingest:UnknownUnits"] = "Refuse",
            ["Ingest:Cot:Udp:Enabled"] = "true",
            ["Ingest:Cot:Udp:Port"] = cotUdp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Cot:Tcp:Enabled"] = "true",
            ["Ingest:Cot:Tcp:Port"] = cotTcp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:OsmAnd:Enabled"] = "true",
            ["Ingest:OsmAnd:Port"] = osmAnd.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }) =>
        (CotUdpPort, OsmAndPort, CotTcpPort) = (cotUdp, osmAnd, cotTcp);

    public int CotUdpPort { get; }

    public int CotTcpPort { get; }

    public int OsmAndPort { get; }
}

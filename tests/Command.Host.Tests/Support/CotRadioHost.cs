namespace Command.Host.Tests.Support;

/// <summary>
/// The real host on the fake incident clock with the CoT UDP listener on, feeding one incident: radios played into
/// it over UDP are screened and judged on the same clock as the incident, so a drill of minutes takes seconds.
/// </summary>
public sealed class CotRadioHost : FakeClockHost
{
    public const string Incident = "radio-building-drill";

    public CotRadioHost() : this(FreePort.Udp())
    {
    }

    private CotRadioHost(int cotUdp)
        : base(new Dictionary<string, string?>
        {
            ["Ingest:Incident"] = Incident,
            ["Ingest:UnknownUnits"] = "Refuse",
            ["Ingest:Cot:Udp:Enabled"] = "true",
            ["Ingest:Cot:Udp:Port"] = cotUdp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }) =>
        CotUdpPort = cotUdp;

    public int CotUdpPort { get; }
}

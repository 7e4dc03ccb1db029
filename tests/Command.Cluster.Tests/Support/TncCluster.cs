using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Command.Cluster.Tests.Support;

/// <summary>
/// Two hosts of one cluster, each set to reach the same KISS TNC: a fake one this fixture listens as, taking every
/// connection a host makes. Its packets go to incident <see cref="Incident"/>.
/// </summary>
public sealed class TncCluster : LocalCluster
{
    public const string Incident = "kiss-cluster";

    public TncCluster()
        : this(Listen())
    {
    }

    private TncCluster(TcpListener tnc)
        : base(2, new Dictionary<string, string>
        {
            ["Ingest__Aprs__Kiss__Enabled"] = "true",
            ["Ingest__Aprs__Kiss__Port"] = ((IPEndPoint)tnc.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture),
            ["Ingest__Aprs__Kiss__Incident"] = Incident,
            ["Ingest__Aprs__Kiss__ReconnectAfter"] = "00:00:01",
        }) => Tnc = tnc;

    /// <summary>The fake TNC: each host that connects to it is one accepted connection.</summary>
    public TcpListener Tnc { get; }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Tnc.Dispose();
    }

    private static TcpListener Listen()
    {
        var tnc = new TcpListener(IPAddress.Loopback, 0);
        tnc.Start();
        return tnc;
    }
}

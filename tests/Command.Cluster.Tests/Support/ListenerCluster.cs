using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Command.Cluster.Tests.Support;

/// <summary>
/// Two hosts of one cluster; the first runs the radio listeners (as the cluster script sets it), its NMEA listener set
/// to a port this fixture holds, so it cannot bind it. Its reports go to incident <see cref="Incident"/>.
/// </summary>
public sealed class ListenerCluster : LocalCluster
{
    public const string Incident = "listener-left";

    public ListenerCluster()
        : this(Hold())
    {
    }

    private ListenerCluster(TcpListener held)
        : base(2, new Dictionary<string, string>
        {
            ["Ingest__Nmea__Tcp__Port"] = ((IPEndPoint)held.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture),
            ["Ingest__Incident"] = Incident,
            ["Ingest__SourcesToldEvery"] = "00:00:02",
        }) => Held = held;

    /// <summary>The port the first host's NMEA listener is set to, held here.</summary>
    public TcpListener Held { get; }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Held.Dispose();
    }

    private static TcpListener Hold()
    {
        var held = new TcpListener(IPAddress.Any, 0);
        held.Start();
        return held;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Command.Cluster.Tests.Support;

/// <summary>
/// Two hosts of one cluster; the first runs the radio listeners (as the cluster script sets it), its NMEA listener set
/// to a port this fixture holds, so it cannot bind it. Its reports go to incident <see cref="Incident"/>.
/// </summary>
public sealed class ListenerCluster() : ListeningCluster(2, IPAddress.Any, port => new Dictionary<string, string>
{
    ["Ingest__Nmea__Tcp__Port"] = port,
    ["Ingest__Incident"] = Incident,
    ["Ingest__SourcesToldEvery"] = "00:00:02",
})
{
    public const string Incident = "listener-left";

    /// <summary>The port the first host's NMEA listener is set to, held here.</summary>
    public TcpListener Held => Listener;
}

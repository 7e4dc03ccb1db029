using System.Net;
using System.Net.Sockets;

namespace Command.Cluster.Tests.Support;

/// <summary>
/// Two hosts of one cluster, each set to reach the same KISS TNC: a fake one this fixture listens as, taking every
/// connection a host makes. Its packets go to incident <see cref="Incident"/>.
/// </summary>
public sealed class TncCluster() : ListeningCluster(2, IPAddress.Loopback, port => new Dictionary<string, string>
{
    ["Ingest__Aprs__Kiss__Enabled"] = "true",
    ["Ingest__Aprs__Kiss__Port"] = port,
    ["Ingest__Aprs__Kiss__Incident"] = Incident,
    ["Ingest__Aprs__Kiss__ReconnectAfter"] = "00:00:01",
})
{
    public const string Incident = "kiss-cluster";

    /// <summary>The fake TNC: each host that connects to it is one accepted connection.</summary>
    public TcpListener Tnc => Listener;
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Command.Cluster.Tests.Support;

/// <summary>
/// Two hosts of one cluster; the first runs the radio listeners (as the cluster script sets it), its CoT over UDP on
/// <see cref="CotPort"/>, a port free when the fixture was made.
/// </summary>
public sealed class RadioCluster() : LocalCluster(2, new Dictionary<string, string> { ["Ingest__Cot__Udp__Port"] = FreeUdpPort.ToString(CultureInfo.InvariantCulture) })
{
    private static readonly int FreeUdpPort = Free();

    public int CotPort => FreeUdpPort;

    private static int Free()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}

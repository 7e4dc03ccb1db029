using System.Net;
using System.Net.Sockets;

namespace Command.LoadTest;

/// <summary>Ports for a cluster that deploy/local/cluster.sh starts, all of them free on this machine.</summary>
internal static class ClusterPorts
{
    /// <summary>
    /// A base port P whose every port the script derives is free: dashboards P+1..P+N, silos P+6101..P+6100+N, gateways
    /// P+7101..P+7100+N, Azurite P+90 and P+91. All below 21000, clear of the kernel's ephemeral range.
    /// </summary>
    public static int FreeBase(int count)
    {
        for (var tries = 0; tries < 200; tries++)
        {
            var port = 10000 + Random.Shared.Next(3800);
            int[] derived = [.. Enumerable.Range(1, count).SelectMany(i => new[] { port + i, port + 6100 + i, port + 7100 + i }), port + 90, port + 91];
            if (derived.All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free port base between 10000 and 13800.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Command.Host.Tests.Support;

/// <summary>
/// Ports free for a test host (and its silo), handed out once each. They come from below the kernel's ephemeral
/// range (32768–60999 by default), so no outgoing connection of the browser, a client or a silo can take a port
/// between the moment it is handed out and the moment its host binds it; and each is checked free for TCP and UDP.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32700;
    private static int next = First + Random.Shared.Next(Last - First);

    public static int Tcp() => Take();

    public static int Udp() => Take();

    private static int Take()
    {
        for (var tries = 0; tries < Last - First; tries++)
        {
            var port = First + ((Interlocked.Increment(ref next) - First) % (Last - First));
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var tcp = new TcpListener(IPAddress.Loopback, port);
            tcp.Start();
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Command.Host.Hosting;

/// <summary>
/// The silo's ports (and the web server's, <see cref="Loopback.RefuseTakenPorts"/>), checked free as the host starts. The silo opens them for reuse, so a second host started on one a
/// first host listens on started and listened on it too, where any other port in use stops a host: two silos on one
/// endpoint of one machine, the mistake README warns of ("give each process on one machine its own").
/// </summary>
public static class SiloPorts
{
    /// <summary>
    /// Refuses to start where <paramref name="port"/> of <paramref name="setting"/> is taken on <paramref name="address"/>,
    /// or is no port at all (the silo would fail deep in its start with no word of which setting).
    /// </summary>
    public static void CheckFree(IPAddress address, int port, string setting)
    {
        if (port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new InvalidOperationException($"This host cannot start: {setting} {port} is not a port: give it one of 1-65535");
        }

        if (port == 0)
        {
            return;
        }

        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux())
        {
            // SO_REUSEADDR alone, as the kernel means it: the connections of a host that just stopped, waiting out their
            // close, do not keep it from starting again; a socket listening there does. (.NET's ReuseAddress sets
            // SO_REUSEPORT with it, which would share the port with that listener.)
            probe.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }

        try
        {
            probe.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException(
                $"This host cannot start: {setting} {port} is in use on {address} (by another host on this machine, most likely): give each host on one machine its own {setting}", e);
        }
    }

    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;
}

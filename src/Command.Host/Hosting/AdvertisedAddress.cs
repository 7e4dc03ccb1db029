using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Command.Host.Hosting;

/// <summary>The address a clustered silo advertises: configured, the pod's, or the machine's first outward one.</summary>
public static class AdvertisedAddress
{
    public static IPAddress For(SiloOptions options, Func<string, string?> environment)
    {
        var configured = options.AdvertisedAddress ?? environment("POD_IP");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.TryParse(configured, out var address)
                ? address
                : throw new InvalidOperationException($"Cluster:AdvertisedAddress (or POD_IP) '{configured}' is not an IP address");
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new InvalidOperationException("no outward IPv4 address to advertise to the other silos: set Cluster:AdvertisedAddress");
    }
}

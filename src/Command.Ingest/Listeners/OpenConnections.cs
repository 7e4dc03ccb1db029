using System.Globalization;
using System.Net;

namespace Command.Ingest.Listeners;

/// <summary>
/// The connections a TCP listener holds open, in total and per address, so that neither one busy address nor many
/// addresses together can take every connection. The table holds only addresses with a connection open.
/// </summary>
internal sealed class OpenConnections(int max)
{
    private readonly Dictionary<IPAddress, int> byAddress = [];
    private int total;

    /// <summary>Counts a new connection in, or says why it may not open (and counts nothing).</summary>
    public string? TryOpen(IPAddress address, int maxForAddress)
    {
        lock (byAddress)
        {
            if (total >= max)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{max} connections are open, the most this listener holds");
            }

            var open = byAddress.GetValueOrDefault(address);
            if (open >= maxForAddress)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{address} has {open} connections open, the most one address may hold");
            }

            byAddress[address] = open + 1;
            total++;
            return null;
        }
    }

    public void Close(IPAddress address)
    {
        lock (byAddress)
        {
            total--;
            var open = byAddress[address] - 1;
            if (open == 0)
            {
                byAddress.Remove(address);
            }
            else
            {
                byAddress[address] = open;
            }
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Command.Cluster.Tests.Support;

/// <summary>
/// A cluster whose hosts are set to a port this fixture listens on, given as <c>{port}</c> in their settings: a fake
/// device they reach out to, or a port held so that a host cannot bind it.
/// </summary>
public abstract class ListeningCluster : LocalCluster
{
    protected ListeningCluster(int hostCount, IPAddress address, Func<string, IReadOnlyDictionary<string, string>> settings)
        : this(hostCount, Listen(address), settings)
    {
    }

    private ListeningCluster(int hostCount, TcpListener listener, Func<string, IReadOnlyDictionary<string, string>> settings)
        : base(hostCount, settings(((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture))) => Listener = listener;

    /// <summary>What this fixture listens on.</summary>
    protected TcpListener Listener { get; }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Listener.Dispose();
    }

    private static TcpListener Listen(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        return listener;
    }
}

using System.Net;
using System.Net.Sockets;
using Command.Host.Hosting;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

/// <summary>
/// A silo port another process listens on stops the host at start: the silo opens its ports for reuse, and a second host
/// listened on the first's port beside it. A port whose last connections are still closing does not.
/// </summary>
public sealed class SiloPortsTests
{
    [Fact]
    public void A_port_a_silo_listens_on_is_refused_by_name()
    {
        using var silo = Listening(out var port);

        var refused = Assert.Throws<InvalidOperationException>(() => SiloPorts.CheckFree(IPAddress.Loopback, port, "Cluster:SiloPort"));

        Assert.Equal($"This host cannot start: Cluster:SiloPort {port} is in use on 127.0.0.1 (by another host on this machine, most likely): give each host on one machine its own Cluster:SiloPort", refused.Message);
    }

    [Theory]
    [InlineData(70_000)]
    [InlineData(-1)]
    public void A_port_out_of_range_is_refused_by_name(int port)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SiloPorts.CheckFree(IPAddress.Loopback, port, "Cluster:GatewayPort"));

        Assert.Equal($"This host cannot start: Cluster:GatewayPort {port} is not a port: give it one of 1-65535", refused.Message);
    }

    [Fact]
    public async Task A_port_whose_listener_stopped_with_connections_still_closing_is_free()
    {
        int port;
        using (var silo = Listening(out port))
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            using var accepted = await silo.AcceptAsync(TestContext.Current.CancellationToken);
            // The side that closes first waits out the close on the port.
            accepted.Close();
        }

        SiloPorts.CheckFree(IPAddress.Loopback, port, "Cluster:SiloPort");
    }

    [Fact]
    public async Task A_host_on_a_silo_port_another_listens_on_refuses_to_start()
    {
        using var silo = Listening(out var port);
        await using var host = new PortHost(port);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.Contains($"Cluster:SiloPort {port} is in use on 127.0.0.1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_on_a_silo_port_out_of_range_refuses_to_start()
    {
        await using var host = new PortHost(70_000);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.Equal("This host cannot start: Cluster:SiloPort 70000 is not a port: give it one of 1-65535", refused.Message);
    }

    [Fact]
    public async Task A_host_on_an_api_port_another_listens_on_refuses_to_start_before_its_silo_does()
    {
        using var other = Listening(out var port);
        await using var host = new SettingsHost(new Dictionary<string, string?> { ["urls"] = $"http://127.0.0.1:{port}" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.Equal($"This host cannot start: --urls {port} is in use on 127.0.0.1 (by another host on this machine, most likely): give each host on one machine its own --urls", refused.Message);
    }

    [Fact]
    public async Task A_host_on_an_osmand_port_another_listens_on_refuses_to_start_naming_that_setting()
    {
        using var other = Listening(out var port);
        await using var host = new SettingsHost(new Dictionary<string, string?>
        {
            ["Ingest:OsmAnd:Enabled"] = "true",
            ["Ingest:OsmAnd:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

        Assert.Contains($"Ingest:OsmAnd:Port {port} is in use on 127.0.0.1", refused.Message, StringComparison.Ordinal);
    }

    // A socket listening as the silo's does: open for reuse.
    private static Socket Listening(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen();
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    private sealed class SettingsHost(IDictionary<string, string?> settings) : CommandHost(settings);

    private sealed class PortHost(int siloPort) : CommandHost(new Dictionary<string, string?> { ["Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}

using Command.Host.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Command.Host.Tests.Hosting;

/// <summary>Where the host listens: the API's addresses, and the OsmAnd listener's own beside the first.</summary>
public sealed class LoopbackTests
{
    [Theory]
    [InlineData(null, "http://127.0.0.1:5000;http://127.0.0.1:5055")]
    [InlineData("http://*:8080", "http://*:8080;http://0.0.0.0:5055")]
    [InlineData("http://localhost:8080;http://10.1.2.3:8081", "http://localhost:8080;http://10.1.2.3:8081;http://127.0.0.1:5055")]
    public void The_osmand_listener_joins_the_first_address_interface_on_its_own_port(string? urls, string expected)
    {
        var builder = Builder(urls is null ? [] : ["--urls", urls]);

        builder.UseLoopbackByDefault();

        Assert.Equal(expected, builder.WebHost.GetSetting("urls"));
    }

    [Fact]
    public void Port_0_asks_for_any_free_port_and_a_disabled_endpoint_gets_no_listener()
    {
        var anyPort = Builder(["--Ingest:OsmAnd:Port", "0"]);
        var off = Builder(["--Ingest:OsmAnd:Enabled", "false"]);

        anyPort.UseLoopbackByDefault();
        off.UseLoopbackByDefault();

        Assert.Equal(("http://127.0.0.1:5000;http://127.0.0.1:0", "http://127.0.0.1:5000"), (anyPort.WebHost.GetSetting("urls"), off.WebHost.GetSetting("urls")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000;http://0.0.0.0:6055", "6055",
        "Ingest:OsmAnd:Port 6055 is also the port of the API's address http://0.0.0.0:6055; the OsmAnd endpoint needs a port of its own.")]
    [InlineData("http://127.0.0.1:0", "0",
        "Ingest:OsmAnd:Port 0 and the API's address http://127.0.0.1:0 both ask for any free port; the OsmAnd listener is told from the API's by its port, so give one of them a fixed port.")]
    [InlineData("http://127.0.0.1:5000", "70000", "Ingest:OsmAnd:Port must be 0-65535 (0 for any free port), not 70000.")]
    public void An_osmand_port_the_listener_cannot_have_stops_the_host_with_the_reason(string urls, string port, string reason)
    {
        var builder = Builder(["--urls", urls, "--Ingest:OsmAnd:Port", port]);

        var e = Assert.Throws<InvalidOperationException>(() => builder.UseLoopbackByDefault());

        Assert.Equal(reason, e.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:99999", "This host cannot start: --urls holds 'http://127.0.0.1:99999', whose port 99999 is not a port: give it one of 1-65535.")]
    [InlineData("http://127.0.0.1:5000;http://0.0.0.0:70000", "This host cannot start: --urls holds 'http://0.0.0.0:70000', whose port 70000 is not a port: give it one of 1-65535.")]
    public void An_api_address_with_no_port_a_listener_can_have_stops_the_host_naming_it(string urls, string reason)
    {
        var builder = Builder(["--urls", urls]);

        var e = Assert.Throws<InvalidOperationException>(() => builder.UseLoopbackByDefault());

        Assert.Equal(reason, e.Message);
    }

    private static WebApplicationBuilder Builder(string[] args) => WebApplication.CreateBuilder(args);
}

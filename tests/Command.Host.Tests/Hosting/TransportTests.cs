using Command.Host.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Command.Host.Tests.Hosting;

/// <summary>Plain HTTP is for loopback: a host bound beyond it refuses to start unless a TLS-terminating proxy fronts it.</summary>
public sealed class TransportTests
{
    [Fact]
    public void A_host_bound_beyond_loopback_on_plain_http_refuses_to_start()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://0.0.0.0:5999", "--Ingest:OsmAnd:Enabled", "false"]);
        builder.UseLoopbackByDefault();

        var refused = Assert.Throws<InvalidOperationException>(builder.RequireTlsOffLoopback);

        Assert.StartsWith("The address http://0.0.0.0:5999 serves plain HTTP beyond this machine", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5999", "false")]
    [InlineData("http://localhost:5999", "false")]
    [InlineData("https://0.0.0.0:5999", "false")]
    [InlineData("http://0.0.0.0:5999", "true")]
    public void Loopback_https_or_a_tls_proxy_in_front_lets_the_host_start(string url, string behindProxy)
    {
        var builder = WebApplication.CreateBuilder(["--urls", url, "--Ingest:OsmAnd:Enabled", "false", "--Http:BehindTlsProxy", behindProxy]);
        builder.UseLoopbackByDefault();

        builder.RequireTlsOffLoopback();

        Assert.Equal(url, builder.WebHost.GetSetting("urls"));
    }

    [Theory]
    [InlineData("Path")]
    [InlineData("KeyPath")]
    public void A_dashboard_certificate_that_is_not_there_stops_the_host_naming_the_setting(string key)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"command-dashboard-{Guid.NewGuid():N}.pem");
        var builder = WebApplication.CreateBuilder(["--urls", "https://127.0.0.1:5999", "--Ingest:OsmAnd:Enabled", "false", $"--Kestrel:Certificates:Default:{key}", missing]);
        builder.UseLoopbackByDefault();

        var refused = Assert.Throws<InvalidOperationException>(builder.RequireTlsOffLoopback);

        Assert.Equal($"This host cannot start: Kestrel:Certificates:Default:{key} '{missing}' is not a file: give the dashboard's certificate (a .pfx with :Password, or PEM with :KeyPath), "
            + "or leave it out to serve plain HTTP on loopback.", refused.Message);
    }
}

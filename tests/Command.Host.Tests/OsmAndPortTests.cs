using System.Globalization;
using System.Net;
using Command.Host.Tests.Support;
using Command.Ingest.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>
/// The OsmAnd port serves only OsmAnd, and the API's port never serves OsmAnd: a request belongs to the listener it
/// came in on, whatever its Host header says.
/// </summary>
public sealed class OsmAndPortTests(IngestHost host) : IClassFixture<IngestHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/incidents")]
    [InlineData("/health")]
    [InlineData("/index.html")]
    public async Task The_api_and_the_page_do_not_answer_on_the_osmand_port(string path)
    {
        using var phone = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.OsmAndPort}") };

        var onOsmAnd = await phone.GetAsync(path, Ct);
        var onApi = await host.Client.GetAsync(path, Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (onOsmAnd.StatusCode, onApi.StatusCode));
    }

    [Fact]
    public async Task A_body_that_does_not_arrive_whole_is_refused_as_malformed_not_logged_as_an_error()
    {
        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, host.OsmAndPort, Ct);
            var stream = tcp.GetStream();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
                $"POST / HTTP/1.1\r\nHost: 127.0.0.1:{host.OsmAndPort}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{\"device_id\":\r\n"), Ct);
            await stream.FlushAsync(Ct);
            // A chunk whose size is not a number: the body cannot be read, as one sent too slowly or cut off cannot. The
            // refusal is logged before it is answered, so once the answer is in, so is the line.
            using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
            Assert.Equal("HTTP/1.1 400 Bad Request", await reader.ReadLineAsync(Ct));
        }

        var log = HostLog.Lines(host);
        Assert.Contains(log, l => l.Text.Contains("the body did not arrive whole", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Level is "Error" or "Fatal" && l.Text.Contains("BadHttpRequestException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_osmand_get_on_the_api_port_gets_the_page_even_with_the_osmand_port_as_its_host()
    {
        using var forged = new HttpRequestMessage(HttpMethod.Get, Fix("PHONE-8"));
        forged.Headers.Host = $"127.0.0.1:{host.OsmAndPort}";

        var response = await host.Client.SendAsync(forged, Ct);

        await AssertIsThePageAsync(response);
    }

    [Fact]
    public async Task An_osmand_post_on_the_api_port_is_not_found_even_with_the_osmand_port_as_its_host()
    {
        using var forged = new HttpRequestMessage(HttpMethod.Post, Fix("PHONE-8"));
        forged.Headers.Host = $"127.0.0.1:{host.OsmAndPort}";

        var response = await host.Client.SendAsync(forged, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_port_0_osmand_answers_on_a_free_port_of_its_own_and_the_page_stays_the_page()
    {
        await using var anyPort = new AnyOsmAndPortHost();
        await anyPort.InitializeAsync();
        (await anyPort.PostJsonAsync("/api/incidents", TestSite.CreateIncident(AnyOsmAndPortHost.Incident))).EnsureSuccessStatusCode();
        var osmAndPort = anyPort.Services.GetRequiredService<OsmAndListener>().BoundPort;
        using var phone = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{osmAndPort}") };

        var page = await anyPort.Client.GetAsync("/", Ct);
        var report = await phone.GetAsync(Fix(await anyPort.Access.IssueDeviceAsync("PHONE-0")), Ct);

        Assert.NotNull(osmAndPort);
        Assert.NotEqual(anyPort.Port, osmAndPort);
        await AssertIsThePageAsync(page);
        Assert.Equal((HttpStatusCode.OK, ""), (report.StatusCode, await report.Content.ReadAsStringAsync(Ct)));
    }

    private static string Fix(string device) =>
        string.Create(CultureInfo.InvariantCulture, $"/?id={device}&lat=44.0004&lon=-100.0006&timestamp={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}");

    private static async Task AssertIsThePageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Command</title>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>The real host with OsmAnd on Ingest:OsmAnd:Port 0, the documented "any free port".</summary>
    private sealed class AnyOsmAndPortHost() : CommandHost(new Dictionary<string, string?>
    {
        ["Ingest:Incident"] = Incident,
        ["Ingest:OsmAnd:Enabled"] = "true",
        ["Ingest:OsmAnd:Port"] = "0",
    })
    {
        public const string Incident = "any-port-drill";
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>What every request meets at the door: the sign-in page open to anyone and nothing else, a body limit that holds for chunked bodies.</summary>
public sealed class HttpDoorTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/incidents")]
    [InlineData("/js/main.js")]
    [InlineData("/lib/leaflet/leaflet.js")]
    [InlineData("/no-such-page")]
    public async Task Nobody_gets_anything_but_401_beyond_the_open_list(string path)
    {
        using var anonymous = host.ClientWith(null);
        using var response = await anonymous.GetAsync(path, Ct);
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthenticated"), (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString()));
    }

    [Theory]
    [InlineData("/lib/leaflet/leaflet-src.esm.js", "br")]
    [InlineData("/js/main.js", "gzip")]
    [InlineData("/css/board.css", "br")]
    public async Task The_pages_files_come_compressed_as_the_browser_takes_them_and_the_apis_answers_as_they_are(string path, string encoding)
    {
        // The page and its libraries came to 916 KB uncompressed: most of a minute over a poor mobile link.
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var plain = await host.Client.GetAsync(path, Ct);
        using var compressed = await host.Client.SendAsync(request, Ct);
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        api.Headers.AcceptEncoding.ParseAdd(encoding);
        using var answer = await host.Client.SendAsync(api, Ct);

        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.True((await compressed.Content.ReadAsByteArrayAsync(Ct)).Length * 2 < (await plain.Content.ReadAsByteArrayAsync(Ct)).Length);
        Assert.Empty(answer.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_browser_opening_the_dashboard_without_a_session_is_sent_to_the_sign_in_page_which_is_open()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var page = new HttpRequestMessage(HttpMethod.Get, "/?incident=demo");
        page.Headers.Add("Accept", "text/html");

        using var redirected = await anonymous.SendAsync(page, Ct);
        using var signIn = await anonymous.GetAsync("/sign-in/", Ct);
        using var script = await anonymous.GetAsync("/sign-in/sign-in.js", Ct);

        Assert.Equal((HttpStatusCode.Redirect, "/sign-in/?return=%2F%3Fincident%3Ddemo"), (redirected.StatusCode, redirected.Headers.Location?.OriginalString));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (signIn.StatusCode, script.StatusCode));
        Assert.Contains("<title>Sign in — Command</title>", await signIn.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/incidents")]
    [InlineData("/api/incidents/any/reports")]
    public async Task A_chunked_body_over_the_limit_is_refused_as_oversized(string path)
    {
        // On a raw connection: the host answers as soon as the body passes the limit and stops reading, so a client
        // that must finish writing first may fail with a broken pipe before it reads the answer.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port, Ct);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {host.BaseAddress.Authority}\r\nAuthorization: Bearer {host.BootstrapToken}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        var chunk = Encoding.ASCII.GetBytes($"{64 * 1024:x}\r\n" + new string('x', 64 * 1024) + "\r\n");
        try
        {
            await stream.WriteAsync("1c\r\n{\"id\":\"big\",\"name\":\"xxxxxxxx\r\n"u8.ToArray(), Ct);
            for (var sent = 0; sent < 6 * 1024 * 1024; sent += 64 * 1024)
            {
                await stream.WriteAsync(chunk, Ct);
            }
        }
        catch (IOException)
        {
            // The host stopped reading once it had refused the body; its answer is already on the way.
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync(Ct);

        Assert.StartsWith("HTTP/1.1 413 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"oversized\"", answer, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// A page on another site cannot act through a signed-in browser: state-changing calls riding the session cookie
/// need this site's Origin and a JSON body. Bearer-token clients are not browsers and are not held to it. Whoever
/// calls, the recording names the signed-in identity, never a header the caller wrote. The live hub is held to this
/// site's Origin even for its WebSocket handshake, a GET.
/// </summary>
public sealed class CrossSiteTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/sign-in/")]
    [InlineData("/api/incidents")]
    [InlineData("/api/incidents/none-such")]
    public async Task No_page_or_answer_may_be_framed_by_another_site(string path)
    {
        // The command view's buttons acknowledge flags and send units in: framed invisibly under a decoy page, a
        // signed-in commander's click could be taken for one of them.
        var response = await host.Client.GetAsync(path, Ct);

        Assert.Equal(("DENY", "frame-ancestors 'none'", "nosniff"),
            (response.Headers.GetValues("X-Frame-Options").Single(), response.Headers.GetValues("Content-Security-Policy").Single(), response.Headers.GetValues("X-Content-Type-Options").Single()));
    }

    [Fact]
    public async Task A_text_plain_threat_from_another_origin_is_refused_and_not_applied()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("csrf"))).EnsureSuccessStatusCode();
        await host.Access.AddPersonAsync("Cmdr Ortiz", "commander");
        var cookie = await host.Access.SignInAsync("Cmdr Ortiz");
        using var request = host.Access.AsPage(HttpMethod.Put, "/api/incidents/csrf/threats/T1", cookie);
        request.Headers.Remove("Origin");
        request.Headers.Add("Origin", "http://evil.example");
        request.Content = new StringContent("""{"lat":44.001,"lon":-100.0}""", Encoding.UTF8, "text/plain");

        using var response = await SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var view = await host.Client.GetFromJsonAsync<JsonElement>("/api/incidents/csrf", Ct);

        Assert.Equal((HttpStatusCode.Forbidden, "cross-site-refused"), (response.StatusCode, body.GetProperty("reason").GetString()));
        Assert.Equal($"the call came from 'http://evil.example', not from this site ({host.BaseAddress.GetLeftPart(UriPartial.Authority)})", body.GetProperty("detail").GetString());
        Assert.Equal(0, view.GetProperty("threats").GetArrayLength());
    }

    [Fact]
    public async Task A_cookie_call_without_an_origin_is_told_what_a_browser_sends_and_what_a_tool_uses()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("script"))).EnsureSuccessStatusCode();
        await host.Access.AddPersonAsync("Cmdr Ortiz", "commander");
        var cookie = await host.Access.SignInAsync("Cmdr Ortiz");
        using var request = host.Access.AsPage(HttpMethod.Post, "/api/incidents/script/threats/T1/phase", cookie, new { phase = "active" });
        request.Headers.Remove("Origin");

        using var response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            $"a POST from a browser session must carry an Origin header naming this site ({host.BaseAddress.GetLeftPart(UriPartial.Authority)}); a script or tool uses a token instead (Authorization: Bearer cmd_...)",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_sign_in_without_an_origin_is_told_what_the_sign_in_page_sends()
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "nobody", password = "not a password at all" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            $"signing in must carry an Origin header naming this site ({host.BaseAddress.GetLeftPart(UriPartial.Authority)}), as the sign-in page sends; a script or tool uses a token instead (Authorization: Bearer cmd_...)",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_same_origin_call_must_still_send_json()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("form"))).EnsureSuccessStatusCode();
        await host.Access.AddPersonAsync("Cmdr Ortiz", "commander");
        var cookie = await host.Access.SignInAsync("Cmdr Ortiz");
        using var request = host.Access.AsPage(HttpMethod.Post, "/api/incidents/form/threats/T1/phase", cookie);
        request.Content = new StringContent("phase=active", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("a POST from a browser session must send application/json, not 'application/x-www-form-urlencoded'",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_signed_in_persons_command_is_recorded_under_their_name_whatever_x_actor_says()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("named"))).EnsureSuccessStatusCode();
        await host.Access.AddPersonAsync("Cmdr Ortiz", "commander");
        var cookie = await host.Access.SignInAsync("Cmdr Ortiz");
        using var request = host.Access.AsPage(HttpMethod.Put, "/api/incidents/named/threats/T1", cookie, new { lat = 44.001, lon = -100.0, phase = "active" });
        request.Headers.Add("X-Actor", "Someone Else");

        using var response = await SendAsync(request);
        var timeline = await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions/named/timeline", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cmdr Ortiz", timeline.EnumerateArray().Single(m => m.GetProperty("type").GetString() == "threat-set").GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_bearer_token_client_is_not_held_to_the_origin_rule()
    {
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("bearer"))).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/incidents/bearer/threats/T1") { Content = JsonContent.Create(new { lat = 44.001, lon = -100.0 }) };
        request.Headers.Add("Origin", "http://elsewhere.example");

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8099", HttpStatusCode.Forbidden)]
    [InlineData("this site", HttpStatusCode.SwitchingProtocols)]
    [InlineData(null, HttpStatusCode.SwitchingProtocols)]
    public async Task A_websocket_to_the_live_hub_riding_the_session_cookie_opens_only_from_this_site(string? origin, HttpStatusCode expected)
    {
        // SameSite=Strict still sends the cookie from a page on another port of this host, and a WebSocket is not bound
        // by CORS: such a page could read every frame. A client that sends no Origin is no browser, and is let through.
        await host.Access.AddPersonAsync("Obs Vance", "observer");
        var cookie = await host.Access.SignInAsync("Obs Vance");
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Cookie", cookie);
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin == "this site" ? host.BaseAddress.GetLeftPart(UriPartial.Authority) : origin);
        }

        var hub = new UriBuilder(new Uri(host.BaseAddress, "/hubs/incidents")) { Scheme = "ws" }.Uri;
        try
        {
            await socket.ConnectAsync(hub, Ct);
        }
        catch (WebSocketException)
        {
            // The status the handshake was answered with is the outcome.
        }

        Assert.Equal(expected, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_live_hub_request_from_another_port_is_refused_even_as_a_get()
    {
        await host.Access.AddPersonAsync("Obs Vance", "observer");
        var cookie = await host.Access.SignInAsync("Obs Vance");
        using var request = host.Access.AsPage(HttpMethod.Get, "/hubs/incidents?id=any", cookie);
        request.Headers.Remove("Origin");
        request.Headers.Add("Origin", "http://127.0.0.1:8099");

        using var response = await SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal((HttpStatusCode.Forbidden, "cross-site-refused"), (response.StatusCode, body.GetProperty("reason").GetString()));
        Assert.Equal($"the call came from 'http://127.0.0.1:8099', not from this site ({host.BaseAddress.GetLeftPart(UriPartial.Authority)})", body.GetProperty("detail").GetString());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = host.ClientWith(null);
        return await client.SendAsync(request, Ct);
    }
}

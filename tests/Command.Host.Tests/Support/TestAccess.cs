using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Command.Host.Tests.Support;

/// <summary>A test's way to people and tokens: the host's own admin API, called with its bootstrap token.</summary>
public sealed class TestAccess(CommandHost host)
{
    /// <summary>The password every test person gets.</summary>
    public const string Password = "correct horse battery";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Adds a person with the test password (unless they exist already).</summary>
    public async Task AddPersonAsync(string userName, params string[] roles)
    {
        using var response = await host.PostJsonAsync("/api/access/people", new { userName, password = Password, roles });
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Issues a token and answers its text and id.</summary>
    public async Task<(string Token, string Id)> IssueTokenAsync(string name, string[] roles, string[]? units = null, double? expiresInDays = null)
    {
        using var response = await host.PostJsonAsync("/api/access/tokens", new { name, roles, units, expiresInDays });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("token").GetString()!, body.GetProperty("id").GetString()!);
    }

    /// <summary>Issues a Traccar Client device identifier bound to <paramref name="unitId"/>, and answers it.</summary>
    public async Task<string> IssueDeviceAsync(string unitId)
    {
        using var response = await host.PostJsonAsync("/api/access/devices", new { name = $"phone-{unitId}", unitId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("identifier").GetString()!;
    }

    /// <summary>A token holding exactly <paramref name="role"/>, named after it.</summary>
    public async Task<string> TokenForAsync(string role, params string[] units) =>
        (await IssueTokenAsync($"{role}-{Guid.NewGuid():N}"[..20], [role], units.Length > 0 ? units : null)).Token;

    /// <summary>Signs in and answers the session cookie as a Cookie header value ("command.session=…").</summary>
    public async Task<string> SignInAsync(string userName, string password = Password)
    {
        using var response = await SignInResponseAsync(userName, password);
        response.EnsureSuccessStatusCode();
        return SessionCookie(response);
    }

    public async Task<HttpResponseMessage> SignInResponseAsync(string userName, string password)
    {
        using var client = host.ClientWith(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        return await client.SendAsync(request, Ct);
    }

    /// <summary>A request as the page sends it: the session cookie, this site's Origin, a JSON body.</summary>
    public HttpRequestMessage AsPage(HttpMethod method, string path, string cookie, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(host.BaseAddress, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        return request;
    }

    public static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("command.session=", StringComparison.Ordinal));
}

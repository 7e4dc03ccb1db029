using System.Net;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>People, tokens and sessions outlive a restart: the access book and the key ring are kept in the data folder.</summary>
public sealed class AccessRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task People_tokens_and_sessions_survive_a_restart_on_the_same_data_folder()
    {
        var data = DataFolder.New();
        string cookie, token;
        await using (var first = new RestartableHost(data))
        {
            await first.InitializeAsync();
            await first.Access.AddPersonAsync("Capt Moreno", "observer");
            cookie = await first.Access.SignInAsync("Capt Moreno");
            token = await first.Access.TokenForAsync("observer");
        }

        await using var second = new RestartableHost(data);
        await second.InitializeAsync();
        using var signIn = await second.Access.SignInResponseAsync("Capt Moreno", TestAccess.Password);
        using var session = await SendAsync(second, second.Access.AsPage(HttpMethod.Get, "/api/incidents", cookie));
        using var tokenClient = second.ClientWith(token);
        using var withToken = await tokenClient.GetAsync("/api/incidents", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (signIn.StatusCode, session.StatusCode, withToken.StatusCode));
        Assert.Equal("", second.Console.ToString());
        DataFolder.Remove(data);
    }

    private static async Task<HttpResponseMessage> SendAsync(CommandHost host, HttpRequestMessage request)
    {
        using (request)
        {
            using var client = host.ClientWith(null);
            return await client.SendAsync(request, Ct);
        }
    }

    private sealed class RestartableHost(string data) : AccessHost(new Dictionary<string, string?> { ["DataPath"] = data });
}

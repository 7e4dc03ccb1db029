using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Cluster.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.Cluster.Tests;

/// <summary>
/// A person who changes their own password on one host keeps the pages their browser has open on every host of the
/// cluster (a dashboard tab the balancer sent to another), under the cookie the change gave it; their other browsers'
/// pages are closed wherever they are, and so is the kept page when that cookie is signed out.
/// </summary>
[Collection(OneClusterAtATime.Name)]
public sealed class OwnPasswordClusterTests(TwoHostCluster cluster) : IClassFixture<TwoHostCluster>
{
    private const string Password = "correct horse battery";

    /// <summary>Generous: the other host reads the book again every few seconds, on two cores other work shares.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tab_on_another_host_of_the_browser_that_changed_its_own_password_stays_open_under_the_new_cookie()
    {
        var (changing, other) = (cluster.Hosts[0], cluster.Hosts[1]);
        var name = $"cmdr-{Guid.NewGuid():N}"[..12];
        using (var admin = cluster.Client(changing))
        {
            (await admin.PostAsJsonAsync("/api/access/people", new { userName = name, password = Password, roles = new[] { "commander" } }, Ct)).EnsureSuccessStatusCode();
        }

        var thisBrowser = await SignInAsync(changing, name, Password);
        var otherBrowser = await SignInAsync(changing, name, Password);
        await using var tab = await ConnectAsync(other, thisBrowser);
        await using var elsewhere = await ConnectAsync(other, otherBrowser);
        var tabTold = new List<JsonElement>();
        tab.On<JsonElement>("closing", tabTold.Add);
        var tabClosing = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        tab.On<JsonElement>("closing", why => tabClosing.TrySetResult(why));
        var tabClosed = Closed(tab);
        var elsewhereClosed = Closed(elsewhere);

        using var changed = await AsPage(changing, HttpMethod.Put, "/api/auth/password", thisBrowser, new { currentPassword = Password, newPassword = "another long password" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var newCookie = SessionCookie(changed);
        // The other host has read the change once the other browser's page there is closed; a change made on it then
        // (someone added) is read and swept there before it answers: the tab, had it been closed too, was told by now.
        await elsewhereClosed.WaitAsync(Patience, Ct);
        using (var admin = cluster.Client(other))
        {
            (await admin.PostAsJsonAsync("/api/access/people", new { userName = $"obs-{Guid.NewGuid():N}"[..12], password = Password, roles = new[] { "observer" } }, Ct)).EnsureSuccessStatusCode();
        }

        await tab.InvokeAsync("Leave", "none", Ct);
        Assert.Empty(tabTold);
        Assert.Equal(HubConnectionState.Connected, tab.State);

        // Kept as the new cookie's session, not let through: signing that out on the first host closes the tab on the other.
        using var signedOut = await AsPage(changing, HttpMethod.Post, "/api/auth/sign-out", newCookie, new { });
        Assert.True(signedOut.IsSuccessStatusCode, $"sign-out answered {signedOut.StatusCode}");
        await tabClosed.WaitAsync(Patience, Ct);
        var why = await tabClosing.Task;
        Assert.Equal(("credential-refused", "the session was signed out"), (why.GetProperty("reason").GetString(), why.GetProperty("detail").GetString()));
    }

    private static async Task<string> SignInAsync(Uri host, string userName, string password)
    {
        using var client = new HttpClient { BaseAddress = host };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("Origin", host.GetLeftPart(UriPartial.Authority));
        using var response = await client.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        return SessionCookie(response);
    }

    /// <summary>A request as the page sends it: the session cookie, this site's Origin, a JSON body.</summary>
    private static async Task<HttpResponseMessage> AsPage(Uri host, HttpMethod method, string path, string cookie, object? body = null)
    {
        using var client = new HttpClient { BaseAddress = host };
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", host.GetLeftPart(UriPartial.Authority));
        return await client.SendAsync(request, Ct);
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("command.session=", StringComparison.Ordinal));

    private static async Task<HubConnection> ConnectAsync(Uri host, string cookie)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host, "/hubs/incidents"), o =>
            {
                o.Headers["Cookie"] = cookie;
                o.Headers["Origin"] = host.GetLeftPart(UriPartial.Authority);
            })
            .Build();
        await hub.StartAsync(Ct);
        return hub;
    }

    private static Task Closed(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}

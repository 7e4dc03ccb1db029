using System.Net;
using System.Net.Http.Json;
using Command.Host.Live;
using Command.Host.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.Host.Tests.Access;

/// <summary>
/// A person who changes their own password keeps the pages their browser has open (the dashboard in another tab) under
/// the cookie the change gave it; the change ends their other sessions, whose pages are told so and closed.
/// </summary>
public sealed class OwnPasswordHubTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changing_ones_own_password_keeps_that_browsers_hub_connections_and_closes_the_other_sessions()
    {
        var id = $"t-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        var name = $"cmdr-{Guid.NewGuid():N}"[..12];
        await host.Access.AddPersonAsync(name, "commander");
        var thisBrowser = await host.Access.SignInAsync(name);
        var otherBrowser = await host.Access.SignInAsync(name);
        await using var dashboard = await ConnectAsync(thisBrowser);
        await using var elsewhere = await ConnectAsync(otherBrowser);
        var dashboardTold = new List<HubClosing>();
        dashboard.On<HubClosing>(IncidentHub.ClosingMethod, dashboardTold.Add);
        var elsewhereTold = new TaskCompletionSource<HubClosing>(TaskCreationOptions.RunContinuationsAsynchronously);
        elsewhere.On<HubClosing>(IncidentHub.ClosingMethod, why => elsewhereTold.TrySetResult(why));
        var elsewhereClosed = Closed(elsewhere);

        using var page = host.ClientWith(null);
        using var changed = await page.SendAsync(
            host.Access.AsPage(HttpMethod.Put, "/api/auth/password", thisBrowser, new { currentPassword = TestAccess.Password, newPassword = "another long password" }), Ct);
        await elsewhereClosed.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        // The book changes again (someone else added): the connection kept stands on the new credential, not on a pass.
        await host.Access.AddPersonAsync($"obs-{Guid.NewGuid():N}"[..12], "observer");
        await dashboard.InvokeAsync("Leave", "none", Ct);
        // Its calls are judged as the kept session, which stands, not as the session it connected with, which does not.
        await dashboard.InvokeAsync("Join", id, Ct);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(new HubClosing("credential-refused", $"'{name}' had their roles or password changed"), await elsewhereTold.Task);
        // Said before any reply to a later call, had it been said: it was not, and the connection is open.
        Assert.Empty(dashboardTold);
        Assert.Equal(HubConnectionState.Connected, dashboard.State);
    }

    [Fact]
    public async Task A_password_an_admin_sets_closes_every_one_of_that_persons_hub_connections()
    {
        var name = $"cmdr-{Guid.NewGuid():N}"[..12];
        await host.Access.AddPersonAsync(name, "commander");
        await using var dashboard = await ConnectAsync(await host.Access.SignInAsync(name));
        var told = new TaskCompletionSource<HubClosing>(TaskCreationOptions.RunContinuationsAsynchronously);
        dashboard.On<HubClosing>(IncidentHub.ClosingMethod, why => told.TrySetResult(why));
        var closed = Closed(dashboard);

        using var reset = await host.Client.PutAsJsonAsync($"/api/access/people/{name}/password", new { password = "another long password" }, Ct);
        await closed.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(new HubClosing("credential-refused", $"'{name}' had their roles or password changed"), await told.Task);
    }

    private async Task<HubConnection> ConnectAsync(string cookie)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, IncidentHub.Path), o =>
            {
                o.Headers["Cookie"] = cookie;
                o.Headers["Origin"] = host.BaseAddress.GetLeftPart(UriPartial.Authority);
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

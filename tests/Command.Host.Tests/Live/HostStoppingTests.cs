using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Live;
using Command.Host.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Command.Host.Tests.Live;

/// <summary>
/// A host that begins to stop closes its hub connections at once and takes no new one: its pages, reconnecting, are not
/// taken back by it and left calling themselves live while nothing arrives until the end of its shutdown (its silo's
/// stopping can take half a minute).
/// </summary>
public sealed class HostStoppingTests(HostStoppingTests.StoppingHost host) : IClassFixture<HostStoppingTests.StoppingHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_that_begins_to_stop_closes_its_hub_connections_and_refuses_new_ones_saying_why()
    {
        var id = $"stop-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, IncidentHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(host.BootstrapToken))
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync(Ct);
        await hub.InvokeAsync<JsonElement>("Join", id, Ct);

        // What Ctrl+C, or the service manager, does first: the host's shutdown begins.
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        HttpResponseMessage negotiate;
        JsonElement refusal;
        try
        {
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            negotiate = await host.Client.PostAsync($"{IncidentHub.Path}/negotiate?negotiateVersion=1", null, Ct);
            refusal = await negotiate.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }
        finally
        {
            host.Shutdown.LetGo();
        }

        using var answered = negotiate;

        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "host-stopping", "the host is shutting down"),
            (negotiate.StatusCode, refusal.GetProperty("reason").GetString(), refusal.GetProperty("detail").GetString()));
    }

    /// <summary>A host whose shutdown, once begun, waits for the test: its hub is seen refusing while it stops.</summary>
    public sealed class StoppingHost : CommandHost
    {
        public StoppingHost()
            : this(new HeldShutdown())
        {
        }

        private StoppingHost(HeldShutdown shutdown)
            : base(new Dictionary<string, string?>(), services => services.AddSingleton<IHostedService>(shutdown)) => Shutdown = shutdown;

        public HeldShutdown Shutdown { get; }
    }
}

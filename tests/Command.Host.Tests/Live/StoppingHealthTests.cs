using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Command.Host.Tests.Live;

/// <summary>
/// A host that begins to stop still answers while it hands its incidents on: behind a load balancer, its health says
/// so, and new requests go to another host rather than to one about to drop them.
/// </summary>
public sealed class StoppingHealthTests(HostStoppingTests.StoppingHost host) : IClassFixture<HostStoppingTests.StoppingHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_that_begins_to_stop_answers_its_health_check_503_saying_so()
    {
        // What a rolling upgrade's SIGTERM does first: the host's shutdown begins.
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        HttpResponseMessage health;
        JsonElement said;
        try
        {
            health = await host.Client.GetAsync("/health", Ct);
            said = await health.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }
        finally
        {
            host.Shutdown.LetGo();
        }

        using var answered = health;

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "stopping", "this host is stopping: send new requests to another"),
            (health.StatusCode, said.GetProperty("status").GetString(), said.GetProperty("detail").GetString()));
    }
}

using System.Net;
using System.Reflection;
using Command.Grains.Incidents;
using Command.Host.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests.Api;

public sealed class ClosedIncidentCommandsTests
{
    [Fact]
    public async Task A_command_whose_incidents_host_stopped_is_answered_503_not_sent_on_once_the_cluster_moved_it()
    {
        // Sent as the incident's host was killed: asking whether it was closed waited until the cluster declared the host
        // dead, and the command, sent on then, was recorded seconds after the commander gave it.
        var incident = DispatchProxy.Create<IIncidentGrain, DrillSinkTests.MovingIncident>();
        ((DrillSinkTests.MovingIncident)(object)incident).FailuresLeft = 1;
        var grains = DispatchProxy.Create<IGrainFactory, DrillSinkTests.OneGrain>();
        ((DrillSinkTests.OneGrain)(object)grains).Grain = incident;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(grains);
        await using var app = builder.Build();
        app.UseUnavailableIncidents();
        var given = 0;
        app.MapPost("/api/incidents/{id}/threats/{threatId}/phase", () =>
        {
            given++;
            return Results.NoContent();
        }).RefusedOnceClosed();
        await app.StartAsync(TestContext.Current.CancellationToken);

        using var response = await app.GetTestClient().PostAsync(new Uri("/api/incidents/demo/threats/T1/phase", UriKind.Relative), null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(0, given);
        Assert.Equal(1, ((DrillSinkTests.MovingIncident)(object)incident).Calls);
    }
}

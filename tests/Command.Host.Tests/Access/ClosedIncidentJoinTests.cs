using System.Collections.Concurrent;
using Command.Host.Live;
using Command.Host.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests.Access;

/// <summary>
/// A closed incident's live board is refused to one who may not watch replays before the connection joins it: joined
/// first and let go after, this host watched the recording for it (subscribing to the incident) and could send it frames.
/// </summary>
public sealed class ClosedIncidentJoinTests(ClosedIncidentJoinTests.WatchedHost host) : IClassFixture<ClosedIncidentJoinTests.WatchedHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_join_refused_as_closed_never_subscribes_to_the_incident_and_one_allowed_does()
    {
        var id = $"t-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        await using var observing = await ConnectAsync(await host.Access.TokenForAsync("observer"));
        await using var evaluating = await ConnectAsync(await host.Access.TokenForAsync("evaluator"));

        var refused = await Assert.ThrowsAsync<HubException>(() => observing.InvokeAsync("Join", id, Ct));
        var afterRefusal = host.Subscriptions.Count(s => s == id);
        await evaluating.InvokeAsync("Join", id, Ct);

        Assert.Contains($"incident '{id}' was closed at ", refused.Message, StringComparison.Ordinal);
        Assert.Equal((0, 1), (afterRefusal, host.Subscriptions.Count(s => s == id)));
    }

    private Task<HubConnection> ConnectAsync(string token) => host.ConnectHubAsync(token, Ct);

    /// <summary>The host, noting the incident of every subscription made to one.</summary>
    public sealed class WatchedHost : CommandHost
    {
        public WatchedHost()
            : this(new ConcurrentQueue<string>())
        {
        }

        private WatchedHost(ConcurrentQueue<string> log)
            : base(new Dictionary<string, string?>(), s => s.AddSingleton<IIncomingGrainCallFilter>(new SubscriptionLog(log))) => Subscriptions = log;

        public IEnumerable<string> Subscriptions { get; }
    }

    private sealed class SubscriptionLog(ConcurrentQueue<string> log) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.ImplementationMethod.Name == nameof(Grains.Incidents.IFrameSource.Subscribe) && context.TargetContext?.GrainInstance is Grains.Incidents.IIncidentGrain)
            {
                log.Enqueue(context.TargetId.Key.ToString()!);
            }

            return context.Invoke();
        }
    }
}

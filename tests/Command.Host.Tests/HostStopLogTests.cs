using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Replays;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Command.Host.Tests;

/// <summary>
/// A host stopped in order (Ctrl+C, its service told to stop) logs nothing as an error, though an open replay was busy
/// as it stopped and its clock's ticks waited behind: operators watching for error lines are not paged by every restart.
/// Orleans moves a grain with work waiting when its silo stops; a single host has nowhere to move one to, and a replay
/// carries nothing a move would keep (it opens again from its saved place, where it is next called).
/// </summary>
public sealed class HostStopLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_single_host_stopped_while_an_open_replay_is_busy_logs_no_error()
    {
        await using var host = new HeldCallHost();
        await host.InitializeAsync();
        var id = await RecordedIncidentAsync(host);
        var opened = await (await host.PostJsonAsync("/api/replays", new { incidentId = id })).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var replay = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IReplayGrain>(opened.GetProperty("replayId").GetString()!);

        await replay.Play(1, new ReplayCaller("token:bootstrap", "token:bootstrap", MayDriveAny: true));

        var errors = await StopWhileBusyAsync(host, replay.GetPrimaryKeyString(), nameof(IReplayGrain.Status), () => replay.Status());

        Assert.Empty(errors);
    }

    // An incident with a unit's five fixes recorded.
    private static async Task<string> RecordedIncidentAsync(CommandHost host)
    {
        var id = $"stop-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        var last = DateTimeOffset.UtcNow.AddSeconds(-1);
        var reports = Enumerable.Range(0, 5).Select(i => TestSite.Report("P1", last.AddSeconds(-10 * (4 - i)), 0, -100 + (10 * i))).ToArray();
        (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports })).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>
    /// Holds a call of <paramref name="method"/> in the grain keyed <paramref name="key"/> until the grain deactivates, and
    /// stops the host meanwhile: the error lines the host logged.
    /// </summary>
    private static async Task<List<string>> StopWhileBusyAsync<T>(HeldCallHost host, string key, string method, Func<Task<T>> call)
    {
        host.Held.Hold(method, key);
        var running = call();
        await host.Held.Entered.WaitAsync(Ct);

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStopped.Register(stopped.SetResult))
        {
            lifetime.StopApplication();
            await stopped.Task.WaitAsync(Ct);
        }

        await running;
        return [.. HostLog.Lines(host).Where(l => l.Level is "Error" or "Fatal").Select(l => l.Text)];
    }

    /// <summary>A single host whose grains' calls a test can hold: a replay's clock ticks every frame, and waits behind one held.</summary>
    private sealed class HeldCallHost : CommandHost
    {
        public HeldCallHost()
            : this(new HeldGrainCall())
        {
        }

        private HeldCallHost(HeldGrainCall held)
            : base(new Dictionary<string, string?>(), services => services.AddSingleton<IIncomingGrainCallFilter>(held)) => Held = held;

        public HeldGrainCall Held { get; }
    }
}

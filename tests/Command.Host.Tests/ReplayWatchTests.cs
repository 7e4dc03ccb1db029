using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Replays;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

/// <summary>
/// Someone watching a replay another drives sees its clock as the driver does: every frame says how fast the replay's
/// clock runs, and a play, a pause or a change of speed says so at once, as does a replay that stops by itself at the
/// end of its session. Replays here play on a clock the test moves.
/// </summary>
public sealed class ReplayWatchTests(ReplayClockHost host) : IClassFixture<ReplayClockHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_watcher_hears_at_once_that_the_replay_played_paused_and_changed_speed()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var replayId = await OpenAsync(id);
        await ControlAsync(replayId, "seek", new { time = fixes[10].Time });
        await using var watcher = await FrameWatcher.JoinAsync(host, ReplayFeed.Id(replayId));

        await ControlAsync(replayId, "play", new { speed = 4 });
        var played = await watcher.WaitForAsync(f => f.ClockRate == 4);
        await ControlAsync(replayId, "pause", new { });
        var paused = await watcher.WaitForAsync(f => f.ClockRate == 0 && f.Generation > played.Generation);
        await ControlAsync(replayId, "play", new { speed = 10 });
        var faster = await watcher.WaitForAsync(f => f.ClockRate == 10 && f.Generation > paused.Generation);

        // The replays' clock stood still throughout: each word came from the control, not from a tick.
        Assert.Equal((0.0, fixes[10].Time), (watcher.Snapshot.ClockRate, watcher.Snapshot.Clock));
        Assert.Equal([fixes[10].Time, fixes[10].Time, fixes[10].Time], new[] { played.Clock, paused.Clock, faster.Clock });
    }

    [Fact]
    public async Task A_watcher_joining_a_replay_that_plays_is_told_its_speed_in_the_whole_picture()
    {
        var (id, _) = await RecordedHold.RecordAsync(host, host.Clock);
        var replayId = await OpenAsync(id);
        await ControlAsync(replayId, "play", new { speed = 30 });

        await using var watcher = await FrameWatcher.JoinAsync(host, ReplayFeed.Id(replayId));

        Assert.True(watcher.Snapshot.Full);
        Assert.Equal(30, watcher.Snapshot.ClockRate);
    }

    [Fact]
    public async Task A_watcher_hears_that_a_replay_stopped_by_itself_at_the_end_of_its_closed_session()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        var replayId = await OpenAsync(id);
        await using var watcher = await FrameWatcher.JoinAsync(host, ReplayFeed.Id(replayId));
        await ControlAsync(replayId, "play", new { speed = 60 });
        var played = await watcher.WaitForAsync(f => f.ClockRate == 60);

        host.Replays.Advance(TimeSpan.FromMinutes(10));
        var stopped = await watcher.WaitForAsync(f => f.ClockRate == 0 && f.Generation > played.Generation);
        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/replays/{replayId}", Ct);

        Assert.True(stopped.Clock >= fixes[^1].Time, $"stopped at {stopped.Clock:O}, before the last fix at {fixes[^1].Time:O}");
        Assert.Equal((true, stopped.Clock), (status.GetProperty("paused").GetBoolean(), status.GetProperty("position").GetDateTimeOffset()));
    }

    private async Task<string> OpenAsync(string incidentId)
    {
        var opened = await host.PostJsonAsync("/api/replays", new { incidentId });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;
    }

    private async Task ControlAsync(string replayId, string control, object body) =>
        (await host.PostJsonAsync($"/api/replays/{replayId}/{control}", body)).EnsureSuccessStatusCode();
}

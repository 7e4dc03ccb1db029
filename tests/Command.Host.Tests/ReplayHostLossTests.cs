using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Grains.Incidents;
using Command.Host.Live;
using Command.Host.Replays;
using Command.Host.Tests.Support;
using Command.Recording.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace Command.Host.Tests;

/// <summary>
/// A replay outlives the activation that played it: its grain deactivated without a close (as its silo dying leaves
/// it) comes back, on the next call, at the instant it has reached by then and playing or paused as it was. A replay
/// closed, or closed for idleness, stays closed; one whose recording is gone says so. Replays here play on a clock the
/// test moves.
/// </summary>
public sealed class ReplayHostLossTests(ReplayClockHost host) : IClassFixture<ReplayClockHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The bootstrap token that opened the replays here, at their controls.</summary>
    private static readonly ReplayCaller Admin = new("token:bootstrap", "token:bootstrap", MayDriveAny: true);

    private IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_paused_replay_whose_host_went_down_comes_back_where_it_was_at_its_speed()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var replayId = await OpenAsync(id);
        await ControlAsync(replayId, "seek", new { time = fixes[20].Time });
        await ControlAsync(replayId, "play", new { speed = 4 });
        await ControlAsync(replayId, "pause", new { });

        await LoseAsync(replayId);
        host.Replays.Advance(TimeSpan.FromMinutes(10));
        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/replays/{replayId}", Ct);

        Assert.Equal((id, fixes[20].Time, true, 4.0, true), Place(status));
    }

    [Fact]
    public async Task A_playing_replay_whose_host_went_down_comes_back_moved_on_by_the_time_it_was_down_and_still_plays()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var replayId = await OpenAsync(id);
        await ControlAsync(replayId, "seek", new { time = fixes[10].Time });
        await ControlAsync(replayId, "play", new { speed = 2 });

        await LoseAsync(replayId);
        host.Replays.Advance(TimeSpan.FromSeconds(30));
        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/replays/{replayId}", Ct);

        Assert.Equal((id, fixes[10].Time.AddSeconds(60), false, 2.0, true), Place(status));
    }

    [Fact]
    public async Task A_closed_replay_stays_closed_when_its_grain_is_called_again()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var replayId = await OpenAsync(id);
        await ControlAsync(replayId, "play", new { speed = 2 });

        (await host.Client.DeleteAsync($"/api/replays/{replayId}", Ct)).EnsureSuccessStatusCode();
        var status = await host.Client.GetAsync($"/api/replays/{replayId}", Ct);
        var frame = await Grains.GetGrain<IReplayGrain>(replayId).GetFullFrame();

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal("unknown-replay", (await status.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Null(frame);
    }

    [Fact]
    public async Task A_replay_closed_for_idleness_stays_closed()
    {
        var (id, _) = await RecordedHold.RecordAsync(host, host.Clock);
        var replayId = await OpenAsync(id);
        await ControlAsync(replayId, "play", new { speed = 2 });

        // What Orleans does to an activation nobody called for its collection age (the replay's idle limit), now.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Ct);
        var status = await host.Client.GetAsync($"/api/replays/{replayId}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task A_replay_whose_recording_is_gone_when_it_comes_back_says_so_until_it_is_closed()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var replayId = await OpenAsync(id);
        await ControlAsync(replayId, "seek", new { time = fixes[5].Time });
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        var store = host.Services.GetRequiredService<ISessionStore>();
        Assert.True(await store.DeleteSessionAsync(id, Ct) > 0);

        await LoseAsync(replayId);
        var status = await host.Client.GetAsync($"/api/replays/{replayId}", Ct);
        var again = await host.Client.GetAsync($"/api/replays/{replayId}", Ct);
        var closed = await host.Client.DeleteAsync($"/api/replays/{replayId}", Ct);
        var after = await host.Client.GetAsync($"/api/replays/{replayId}", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
        var error = await status.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("unavailable", error.GetProperty("reason").GetString());
        Assert.Equal(
            $"replay '{replayId}' of incident '{id}' could not be opened again where it was ({fixes[5].Time:O}): its recording cannot be read (KeyNotFoundException: No recorded session '{id}' in {store.Location}.)",
            error.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task A_replay_opened_again_numbers_its_frames_above_every_frame_its_lost_activation_sent()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var replay = Grains.GetGrain<IReplayGrain>(await OpenAsync(id));
        var catcher = new FrameCatcher();
        var observer = Grains.CreateObjectReference<IIncidentObserver>(catcher);
        await replay.Subscribe(observer);
        for (var i = 0; i < 10; i++)
        {
            await replay.Step(Admin);
        }

        await replay.Seek(fixes[30].Time, Admin);
        var sought = await catcher.WaitForAsync(f => f.Full && f.Clock == fixes[30].Time);
        var order = new FrameOrder();
        order.Admit(sought);

        await replay.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        await replay.Subscribe(observer);
        await replay.Step(Admin);
        var stepped = await catcher.WaitForAsync(f => !f.Full && f.Clock == fixes[31].Time);
        Grains.DeleteObjectReference<IIncidentObserver>(observer);

        // A host watching it takes the frame as newer than the last seek's, as it is.
        Assert.True(stepped.Generation > sought.Generation, $"frame {stepped.Generation} after frame {sought.Generation}");
        Assert.NotNull(order.Admit(stepped));
    }

    [Fact]
    public async Task A_page_watching_a_replay_whose_host_went_down_hears_it_again_from_where_it_has_got_to()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var replayId = await OpenAsync(id);
        await ControlAsync(replayId, "seek", new { time = fixes[10].Time });
        await ControlAsync(replayId, "play", new { speed = 10 });
        await using var watcher = await FrameWatcher.JoinAsync(host, ReplayFeed.Id(replayId));

        await LoseAsync(replayId);
        host.Replays.Advance(TimeSpan.FromSeconds(10));
        Domain.Views.IncidentFrame heard;
        try
        {
            // Back, it plays on (slowly: each look at the clock moves it on a little) and sends what its clock passes.
            host.Replays.AutoAdvanceAmount = TimeSpan.FromMilliseconds(20);
            heard = await watcher.WaitForAsync(f => !f.IsHeartbeat && f.Clock >= fixes[10].Time.AddSeconds(100));
        }
        finally
        {
            host.Replays.AutoAdvanceAmount = TimeSpan.Zero;
        }

        Assert.Equal(ReplayFeed.Id(replayId), heard.IncidentId);
        Assert.Equal(["P1"], heard.Units.Select(u => u.UnitId));
    }

    private static (string IncidentId, DateTimeOffset Position, bool Paused, double Speed, bool Follows) Place(JsonElement status) =>
        (status.GetProperty("incidentId").GetString()!, status.GetProperty("position").GetDateTimeOffset(), status.GetProperty("paused").GetBoolean(),
            status.GetProperty("speed").GetDouble(), status.GetProperty("follows").GetBoolean());

    private async Task<string> OpenAsync(string incidentId)
    {
        var opened = await host.PostJsonAsync("/api/replays", new { incidentId });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;
    }

    private async Task ControlAsync(string replayId, string control, object body) =>
        (await host.PostJsonAsync($"/api/replays/{replayId}/{control}", body)).EnsureSuccessStatusCode();

    // What a silo's death does to the replay's activation, short of the process: it is gone, and nothing closed it.
    private async Task LoseAsync(string replayId) => await Grains.GetGrain<IReplayGrain>(replayId).Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
}

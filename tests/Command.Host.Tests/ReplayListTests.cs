using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Access;
using Command.Host.Replays;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace Command.Host.Tests;

/// <summary>
/// GET /api/replays lists the replays open now, whoever opened them, for those who may watch them: what each plays, who
/// opened it, whether it plays, its speed and where it has got to. A replay closed, closed for idleness, or whose host
/// went down and nobody came back to for the idle limit, is not listed. Replays here play on a clock the test moves;
/// each test lists the replays of its own incident.
/// </summary>
public sealed class ReplayListTests(ReplayClockHost host) : IClassFixture<ReplayClockHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task The_replays_open_now_are_listed_with_what_they_play_who_opened_them_and_where_they_are()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var evaluator = $"debrief-{Guid.NewGuid():N}"[..16];
        using var driver = host.ClientWith((await host.Access.IssueTokenAsync(evaluator, ["evaluator"])).Token);
        var played = await OpenAsync(id, driver);
        await ControlAsync(played, "seek", new { time = fixes[10].Time }, driver);
        await ControlAsync(played, "play", new { speed = 4 }, driver);
        host.Replays.Advance(TimeSpan.FromSeconds(1));
        var paused = await OpenAsync(id);
        host.Replays.Advance(TimeSpan.FromSeconds(29));
        using var controller = host.ClientWith(await host.Access.TokenForAsync("controller"));

        var listed = await controller.GetFromJsonAsync<JsonElement[]>($"/api/replays?incident={id}", Ct);

        var opened = host.Replays.GetUtcNow() - TimeSpan.FromSeconds(30);
        Assert.Equal(
            [
                (played, id, $"Drill {id}", $"token:{evaluator}", opened, false, 4.0, fixes[10].Time.AddSeconds(120)),
                (paused, id, $"Drill {id}", "token:bootstrap", opened.AddSeconds(1), true, 1.0, fixes[0].Time.AddSeconds(-5)),
            ],
            listed!.Select(Listing));
        Assert.All(listed!, r => Assert.Equal(fixes[^1].Time, r.GetProperty("lastTime").GetDateTimeOffset()));
    }

    [Fact]
    public async Task Listing_the_open_replays_needs_the_right_to_watch_replays()
    {
        using var nobody = host.ClientWith(null);
        using var observer = host.ClientWith(await host.Access.TokenForAsync("observer"));
        using var commander = host.ClientWith(await host.Access.TokenForAsync("commander"));
        using var controller = host.ClientWith(await host.Access.TokenForAsync("controller"));

        var anonymous = await nobody.GetAsync("/api/replays", Ct);
        var watching = await observer.GetAsync("/api/replays", Ct);
        var commanding = await commander.GetAsync("/api/replays", Ct);
        var controlling = await controller.GetAsync("/api/replays", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, Rights.WatchReplays), (watching.StatusCode, await RightAsync(watching)));
        Assert.Equal((HttpStatusCode.Forbidden, Rights.WatchReplays), (commanding.StatusCode, await RightAsync(commanding)));
        Assert.Equal(HttpStatusCode.OK, controlling.StatusCode);
    }

    [Fact]
    public async Task Listing_the_replays_of_what_no_incident_can_be_called_is_refused_naming_the_field()
    {
        var response = await host.Client.GetAsync("/api/replays?incident=.hidden", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateArray());
        Assert.Equal(("incident", "invalid-value"), (error.GetProperty("field").GetString(), error.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_closed_replay_is_not_listed()
    {
        var (id, _) = await RecordedHold.RecordAsync(host, host.Clock);
        var closed = await OpenAsync(id);
        var kept = await OpenAsync(id);
        await ControlAsync(closed, "play", new { speed = 2 });

        (await host.Client.DeleteAsync($"/api/replays/{closed}", Ct)).EnsureSuccessStatusCode();

        Assert.Equal([kept], await ListedAsync(id));
    }

    [Fact]
    public async Task A_replay_closed_for_idleness_is_not_listed()
    {
        var (id, _) = await RecordedHold.RecordAsync(host, host.Clock);
        await OpenAsync(id);

        // What Orleans does to an activation nobody called for its collection age (the replay's idle limit), now.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Ct);

        Assert.Empty(await ListedAsync(id));
    }

    [Fact]
    public async Task A_replay_whose_host_went_down_is_listed_where_it_has_got_to_until_nobody_came_back_to_it_for_the_idle_limit()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var replayId = await OpenAsync(id);
        await ControlAsync(replayId, "seek", new { time = fixes[10].Time });
        await ControlAsync(replayId, "play", new { speed = 2 });

        // What a silo's death does to the replay's activation, short of the process: it is gone, and nothing closed it.
        await Grains.GetGrain<IReplayGrain>(replayId).Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);
        host.Replays.Advance(TimeSpan.FromSeconds(30));
        var down = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/replays?incident={id}", Ct);
        host.Replays.Advance(ReplayGrain.IdleLimit);
        var lapsed = await ListedAsync(id);
        var status = await host.Client.GetAsync($"/api/replays/{replayId}", Ct);

        var listed = Assert.Single(down!);
        Assert.Equal((replayId, false, fixes[10].Time.AddSeconds(60)), (Id(listed), listed.GetProperty("paused").GetBoolean(), listed.GetProperty("position").GetDateTimeOffset()));
        Assert.Empty(lapsed);
        // Called again, it is closed as the list says, not opened where it would have got to.
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task A_replay_following_an_incident_still_open_is_listed_moving_on_past_where_its_session_was_when_it_saved_its_place()
    {
        // The incident is still open: its session grows as it goes on, and a replay playing at its end plays on into it.
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var replayId = await OpenAsync(id);
        await ControlAsync(replayId, "seek", new { time = fixes[^1].Time.AddSeconds(-10) });
        await ControlAsync(replayId, "play", new { speed = 1 });

        host.Replays.Advance(TimeSpan.FromSeconds(30));
        var listed = Assert.Single((await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/replays?incident={id}", Ct))!);

        // Twenty seconds past the end recorded when it saved its place, as a session still being recorded has grown by
        // then: not held at that end until the replay next saves its place.
        Assert.Equal((false, fixes[^1].Time.AddSeconds(20)), (listed.GetProperty("paused").GetBoolean(), listed.GetProperty("position").GetDateTimeOffset()));
    }

    [Fact]
    public async Task A_replay_that_stopped_by_itself_at_the_end_of_its_session_is_listed_paused_there()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        var replayId = await OpenAsync(id);
        await using var watcher = await FrameWatcher.JoinAsync(host, ReplayFeed.Id(replayId));
        await ControlAsync(replayId, "play", new { speed = 60 });
        var played = await watcher.WaitForAsync(f => f.ClockRate == 60);

        host.Replays.Advance(TimeSpan.FromMinutes(10));
        var stopped = await watcher.WaitForAsync(f => f.ClockRate == 0 && f.Generation > played.Generation);
        // A call to the replay waits for the turn that stopped it, and so for its place to be saved and listed.
        (await host.Client.GetAsync($"/api/replays/{replayId}", Ct)).EnsureSuccessStatusCode();
        host.Replays.Advance(TimeSpan.FromSeconds(30));
        var listed = Assert.Single((await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/replays?incident={id}", Ct))!);

        Assert.True(stopped.Clock >= fixes[^1].Time);
        Assert.Equal((true, stopped.Clock), (listed.GetProperty("paused").GetBoolean(), listed.GetProperty("position").GetDateTimeOffset()));
    }

    private static string Id(JsonElement listed) => listed.GetProperty("replayId").GetString()!;

    private static (string, string, string, string, DateTimeOffset, bool, double, DateTimeOffset) Listing(JsonElement r) =>
        (Id(r), r.GetProperty("incidentId").GetString()!, r.GetProperty("name").GetString()!, r.GetProperty("openedBy").GetString()!,
            r.GetProperty("openedAt").GetDateTimeOffset(), r.GetProperty("paused").GetBoolean(), r.GetProperty("speed").GetDouble(), r.GetProperty("position").GetDateTimeOffset());

    private static async Task<string?> RightAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("right").GetString();

    private async Task<string[]> ListedAsync(string incidentId) =>
        [.. (await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/replays?incident={incidentId}", Ct))!.Select(Id)];

    private async Task<string> OpenAsync(string incidentId, HttpClient? client = null)
    {
        var opened = await (client ?? host.Client).PostAsJsonAsync("/api/replays", new { incidentId }, CommandHost.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return Id(await opened.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private async Task ControlAsync(string replayId, string control, object body, HttpClient? client = null) =>
        (await (client ?? host.Client).PostAsJsonAsync($"/api/replays/{replayId}/{control}", body, CommandHost.Json, Ct)).EnsureSuccessStatusCode();
}

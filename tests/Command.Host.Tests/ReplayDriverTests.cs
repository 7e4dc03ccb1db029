using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Grains;
using Command.Host.Access;
using Command.Host.Replays;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Command.Host.Tests;

/// <summary>
/// A replay is a debrief room: everyone who may watch replays watches it, and the one who opened it drives it. Another
/// evaluator's play, pause, step, seek, speed or close is refused, told who drives it and the right that would let them
/// (an admin's, who may drive any); the status says who drives it and who last moved it, when.
/// </summary>
public sealed class ReplayDriverTests(ReplayClockHost host) : IClassFixture<ReplayClockHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_the_evaluator_who_opened_a_replay_or_an_admin_drives_it_and_the_others_are_told_who_does()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var (driverName, otherName) = ($"eval-a-{Guid.NewGuid():N}"[..16], $"eval-b-{Guid.NewGuid():N}"[..16]);
        using var driver = host.ClientWith((await host.Access.IssueTokenAsync(driverName, ["evaluator"])).Token);
        using var other = host.ClientWith((await host.Access.IssueTokenAsync(otherName, ["evaluator"])).Token);
        using var controller = host.ClientWith(await host.Access.TokenForAsync("controller"));
        using var opened = await driver.PostAsJsonAsync("/api/replays", new { incidentId = id }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;
        var path = $"/api/replays/{replayId}";

        using var played = await driver.PostAsJsonAsync($"{path}/play", new { speed = 4 }, Ct);
        var refused = new[]
        {
            await other.PostAsJsonAsync($"{path}/play", new { speed = 60 }, Ct),
            await other.PostAsJsonAsync($"{path}/pause", new { }, Ct),
            await other.PostAsJsonAsync($"{path}/step", new { }, Ct),
            await other.PostAsJsonAsync($"{path}/seek", new { time = fixes[30].Time }, Ct),
            await other.DeleteAsync(path, Ct),
        };
        using var watched = await other.GetAsync(path, Ct);
        using var notAllowed = await controller.PostAsJsonAsync($"{path}/pause", new { }, Ct);
        host.Replays.Advance(TimeSpan.FromSeconds(3));
        using var paused = await host.Client.PostAsJsonAsync($"{path}/pause", new { }, Ct);

        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        foreach (var answer in refused)
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(("not-the-driver", Rights.DriveAnyReplay), (body.GetProperty("reason").GetString(), body.GetProperty("right").GetString()));
            Assert.Equal(
                $"replay '{replayId}' is driven by token:{driverName}, who opened it: only they may play, pause, step, seek or close it, or one holding the "
                + "'drive-any-replay' right, which admin holds; watch it as they drive, or open your own replay of this session",
                body.GetProperty("detail").GetString());
            answer.Dispose();
        }

        // Nothing the other evaluator sent moved it: it plays at 4x from where the driver played it, and is open.
        var status = await watched.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, watched.StatusCode);
        Assert.Equal((false, 4.0, $"token:{driverName}", $"token:{driverName}"), (status.GetProperty("paused").GetBoolean(), status.GetProperty("speed").GetDouble(),
            status.GetProperty("drivenBy").GetString(), status.GetProperty("changedBy").GetString()));

        // One who may not drive replays at all is told the right they lack; an admin may drive anyone's, and is named.
        var missing = await notAllowed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.Forbidden, "missing-right", Rights.OpenReplays), (notAllowed.StatusCode, missing.GetProperty("reason").GetString(), missing.GetProperty("right").GetString()));
        var byAdmin = await paused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal((true, $"token:{driverName}", "token:bootstrap", host.Replays.GetUtcNow()), (byAdmin.GetProperty("paused").GetBoolean(),
            byAdmin.GetProperty("drivenBy").GetString(), byAdmin.GetProperty("changedBy").GetString(), byAdmin.GetProperty("changedAt").GetDateTimeOffset()));
        using var closed = await driver.DeleteAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
    }
    [Fact]
    public async Task Someone_added_again_under_the_drivers_name_is_told_apart_by_identity_and_drives_nothing()
    {
        var (id, _) = await RecordedHold.RecordAsync(host, host.Clock);
        var name = $"Eval {Guid.NewGuid():N}"[..16];
        await host.Access.AddPersonAsync(name, "evaluator");
        var first = await host.Access.SignInAsync(name);
        using var firstMe = await SendAsync(HttpMethod.Get, "/api/auth/me", first);
        using var opened = await SendAsync(HttpMethod.Post, "/api/replays", first, new { incidentId = id });
        var replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;
        var path = $"/api/replays/{replayId}";
        using var played = await SendAsync(HttpMethod.Post, $"{path}/play", first, new { speed = 2 });

        // The person is removed, and someone is added again under the same name: the name, not the identity.
        using var removed = await host.Client.DeleteAsync($"/api/access/people/{Uri.EscapeDataString(name)}", Ct);
        await host.Access.AddPersonAsync(name, "evaluator");
        var again = await host.Access.SignInAsync(name);
        using var againMe = await SendAsync(HttpMethod.Get, "/api/auth/me", again);
        using var status = await SendAsync(HttpMethod.Get, path, again);
        using var listed = await SendAsync(HttpMethod.Get, $"/api/replays?incident={id}", again);
        using var paused = await SendAsync(HttpMethod.Post, $"{path}/pause", again, new { });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.NoContent), (opened.StatusCode, played.StatusCode, removed.StatusCode));
        var (firstId, againId) = (await IdAsync(firstMe), await IdAsync(againMe));
        Assert.StartsWith("person:", firstId, StringComparison.Ordinal);
        Assert.StartsWith("person:", againId, StringComparison.Ordinal);
        Assert.NotEqual(firstId, againId);
        var shown = await status.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((name, firstId, name, firstId), (shown.GetProperty("drivenBy").GetString(), shown.GetProperty("drivenById").GetString(),
            shown.GetProperty("changedBy").GetString(), shown.GetProperty("changedById").GetString()));
        var entry = Assert.Single((await listed.Content.ReadFromJsonAsync<JsonElement[]>(Ct))!);
        Assert.Equal((name, firstId), (entry.GetProperty("openedBy").GetString(), entry.GetProperty("openedById").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "not-the-driver"), (paused.StatusCode, (await paused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString()));
        using var closed = await host.Client.DeleteAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
    }

    [Fact]
    public async Task A_replay_saved_before_its_openers_identity_was_kept_is_still_driven_by_the_name_that_opened_it()
    {
        var (id, fixes) = await RecordedHold.RecordAsync(host, host.Clock);
        var name = $"eval-o-{Guid.NewGuid():N}"[..16];
        var (token, tokenId) = await host.Access.IssueTokenAsync(name, ["evaluator"]);
        using var opener = host.ClientWith(token);
        using var other = host.ClientWith(await host.Access.TokenForAsync("evaluator"));

        // Its place as a replay opened before the opener's identity was kept left it: by name alone.
        var replayId = Guid.NewGuid().ToString("N")[..12];
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IReplayGrain>(replayId);
        var now = host.Replays.GetUtcNow();
        await host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Durable).WriteStateAsync("replay", grain.GetGrainId(), new GrainState<ReplayGrainState>(
            new ReplayGrainState { Place = new ReplayPlace(id, fixes[10].Time, now, false, 1, false), OpenedBy = $"token:{name}", OpenedAt = now }));
        var path = $"/api/replays/{replayId}";

        using var status = await opener.GetAsync(path, Ct);
        using var refused = await other.PostAsJsonAsync($"{path}/step", new { }, Ct);
        using var stepped = await opener.PostAsJsonAsync($"{path}/step", new { }, Ct);

        // Its status names no identity, so a page matches its driver by name, as the host does.
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var shown = await status.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(($"token:{name}", ""), (shown.GetProperty("drivenBy").GetString(), shown.GetProperty("drivenById").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "not-the-driver"), (refused.StatusCode, (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.OK, stepped.StatusCode);
        var moved = await stepped.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(($"token:{name}", "", $"token:{name}", $"token:{tokenId}"), (moved.GetProperty("drivenBy").GetString(), moved.GetProperty("drivenById").GetString(),
            moved.GetProperty("changedBy").GetString(), moved.GetProperty("changedById").GetString()));
        using var closed = await opener.DeleteAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string cookie, object? body = null)
    {
        using var client = host.ClientWith(null);
        using var request = host.Access.AsPage(method, path, cookie, body);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<string> IdAsync(HttpResponseMessage me) => (await me.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Access;
using Command.Host.Tests.Support;

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
}

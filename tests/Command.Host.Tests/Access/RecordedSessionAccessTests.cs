using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Domain.Units;
using Command.Grains;
using Command.Grains.Units;
using Command.Host.Access;
using Command.Host.Live;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.Host.Tests.Access;

/// <summary>
/// Watching live reads what an open incident recorded so far, for the live page to show what it missed; once the
/// incident is closed its session is a recording, which only those who may watch replays read: its timeline, and its
/// last picture on the live board alike.
/// </summary>
public sealed class RecordedSessionAccessTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_observer_reads_an_open_incidents_timeline_but_not_a_closed_ones()
    {
        var id = $"t-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        using var observer = host.ClientWith(await host.Access.TokenForAsync("observer"));
        using var commander = host.ClientWith(await host.Access.TokenForAsync("commander"));
        using var evaluator = host.ClientWith(await host.Access.TokenForAsync("evaluator"));

        using var live = await observer.GetAsync($"/api/sessions/{id}/timeline", Ct);
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        using var recorded = await observer.GetAsync($"/api/sessions/{id}/timeline", Ct);
        using var commanding = await commander.GetAsync($"/api/sessions/{id}/timeline", Ct);
        using var evaluating = await evaluator.GetAsync($"/api/sessions/{id}/timeline", Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, Rights.WatchReplays), (recorded.StatusCode, await RightAsync(recorded)));
        Assert.Equal((HttpStatusCode.Forbidden, Rights.WatchReplays), (commanding.StatusCode, await RightAsync(commanding)));
        Assert.Equal(HttpStatusCode.OK, evaluating.StatusCode);
        Assert.Contains((await evaluating.Content.ReadFromJsonAsync<JsonElement[]>(Ct))!, m => m.GetProperty("type").GetString() == "incident-closed");
    }

    [Fact]
    public async Task A_closed_incidents_last_picture_is_joined_only_by_those_who_may_watch_replays_and_the_others_are_told_why()
    {
        var id = $"t-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        var observer = $"observer-{Guid.NewGuid():N}"[..20];
        await using var observing = await ConnectAsync((await host.Access.IssueTokenAsync(observer, ["observer"])).Token);
        await using var commanding = await ConnectAsync(await host.Access.TokenForAsync("commander"));
        await using var evaluating = await ConnectAsync(await host.Access.TokenForAsync("evaluator"));

        var live = await observing.InvokeAsync<JsonElement>("Join", id, Ct);
        await observing.InvokeAsync("Leave", id, Ct);
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        var closedAt = (await host.Client.GetFromJsonAsync<JsonElement[]>("/api/incidents", Ct))!.Single(i => i.GetProperty("incidentId").GetString() == id)
            .GetProperty("closedAt").GetDateTimeOffset();
        var observed = await Assert.ThrowsAsync<HubException>(() => observing.InvokeAsync<JsonElement>("Join", id, Ct));
        var commanded = await Assert.ThrowsAsync<HubException>(() => commanding.InvokeAsync<JsonElement>("Join", id, Ct));
        var evaluated = await evaluating.InvokeAsync<JsonElement>("Join", id, Ct);

        Assert.Equal((id, false), (live.GetProperty("incidentId").GetString(), live.TryGetProperty("closed", out var open) && open.ValueKind != JsonValueKind.Null));
        var closed = $"incident '{id}' was closed at {closedAt.UtcDateTime:HH:mm:ss} UTC and is a recording now";
        Assert.EndsWith(
            $"missing-right: {closed}: Join {id} needs the 'watch-replays' right, which admin or controller or evaluator holds; token:{observer} holds observer",
            observed.Message, StringComparison.Ordinal);
        Assert.Contains($"missing-right: {closed}: Join {id} needs the 'watch-replays' right", commanded.Message, StringComparison.Ordinal);
        Assert.Equal("exercise over", evaluated.GetProperty("closed").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_closed_incidents_units_and_zones_are_read_only_by_those_who_may_watch_replays()
    {
        var id = $"t-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        var zone = (await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct)).GetProperty("site").GetProperty("zones")[0].GetProperty("zoneId").GetString();
        var observerName = $"observer-{Guid.NewGuid():N}"[..20];
        using var observer = host.ClientWith((await host.Access.IssueTokenAsync(observerName, ["observer"])).Token);
        using var evaluator = host.ClientWith(await host.Access.TokenForAsync("evaluator"));
        string[] paths = [$"/api/incidents/{id}/units", $"/api/incidents/{id}/zones", $"/api/incidents/{id}/zones/{zone}"];

        var live = await Task.WhenAll(paths.Select(p => observer.GetAsync(p, Ct)));
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        var closedAt = (await host.Client.GetFromJsonAsync<JsonElement[]>("/api/incidents", Ct))!.Single(i => i.GetProperty("incidentId").GetString() == id)
            .GetProperty("closedAt").GetDateTimeOffset();
        var recorded = await Task.WhenAll(paths.Select(p => observer.GetAsync(p, Ct)));
        var evaluated = await Task.WhenAll(paths.Select(p => evaluator.GetAsync(p, Ct)));

        Assert.All(live, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(evaluated, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        for (var i = 0; i < paths.Length; i++)
        {
            var refused = await recorded[i].Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal((HttpStatusCode.Forbidden, Rights.WatchReplays), (recorded[i].StatusCode, refused.GetProperty("right").GetString()));
            Assert.Equal(
                $"incident '{id}' was closed at {closedAt.UtcDateTime:HH:mm:ss} UTC and is a recording now: GET {paths[i]} needs the 'watch-replays' right, "
                + $"which admin or controller or evaluator holds; token:{observerName} holds observer",
                refused.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_unit_last_in_a_closed_incident_is_read_only_by_those_who_may_watch_replays_until_it_joins_an_open_one()
    {
        var (id, next) = ($"t-{Guid.NewGuid():N}"[..20], $"t-{Guid.NewGuid():N}"[..20]);
        var (unit, released) = ($"u-{Guid.NewGuid():N}"[..14], $"r-{Guid.NewGuid():N}"[..14]);
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = unit, callsign = "Patrol 1", role = "contact" })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = released, callsign = "Patrol 2", role = "contact" })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report(unit, DateTimeOffset.UtcNow.AddSeconds(-1), 0, -60) } })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/units/{released}/release", new { reason = "sent to another call" })).EnsureSuccessStatusCode();
        var observerName = $"observer-{Guid.NewGuid():N}"[..20];
        using var observer = host.ClientWith((await host.Access.IssueTokenAsync(observerName, ["observer"])).Token);
        using var commander = host.ClientWith(await host.Access.TokenForAsync("commander"));
        using var evaluator = host.ClientWith(await host.Access.TokenForAsync("evaluator"));

        using var live = await observer.GetAsync($"/api/units/{unit}", Ct);
        using var letGo = await observer.GetAsync($"/api/units/{released}", Ct);
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        var closedAt = (await host.Client.GetFromJsonAsync<JsonElement[]>("/api/incidents", Ct))!.Single(i => i.GetProperty("incidentId").GetString() == id)
            .GetProperty("closedAt").GetDateTimeOffset();
        using var observed = await observer.GetAsync($"/api/units/{unit}", Ct);
        using var commanded = await commander.GetAsync($"/api/units/{unit}", Ct);
        using var evaluated = await evaluator.GetAsync($"/api/units/{unit}", Ct);
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(next))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{next}/units", new { unitId = unit, callsign = "Patrol 1", role = "perimeter" })).EnsureSuccessStatusCode();
        using var rejoined = await observer.GetAsync($"/api/units/{unit}", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (live.StatusCode, letGo.StatusCode, evaluated.StatusCode));
        Assert.Equal((id, id), ((await evaluated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("lastIncidentId").GetString(),
            (await letGo.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("lastIncidentId").GetString()));
        var refused = await observed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.Forbidden, Rights.WatchReplays), (observed.StatusCode, refused.GetProperty("right").GetString()));
        Assert.Equal(
            $"incident '{id}' was closed at {closedAt.UtcDateTime:HH:mm:ss} UTC and is a recording now, and unit '{unit}' was last enrolled there: GET /api/units/{unit} "
            + $"needs the 'watch-replays' right, which admin or controller or evaluator holds; token:{observerName} holds observer",
            refused.GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode.Forbidden, Rights.WatchReplays), (commanded.StatusCode, await RightAsync(commanded)));
        Assert.Equal(HttpStatusCode.OK, rejoined.StatusCode);
        Assert.Equal(next, (await rejoined.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("incidentId").GetString());
    }

    [Fact]
    public async Task A_unit_released_before_its_record_named_the_incident_is_read_only_by_those_who_may_watch_replays()
    {
        var unit = $"u-{Guid.NewGuid():N}"[..14];
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUnitGrain>(unit);
        await host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Durable).WriteStateAsync("unit", grain.GetGrainId(), new GrainState<UnitGrainState>(
            new UnitGrainState { Record = new UnitRecord(unit, "Patrol 9", UnitRole.Contact, null, DateTimeOffset.UtcNow.AddHours(-1), null) }));
        using var observer = host.ClientWith(await host.Access.TokenForAsync("observer"));
        using var controller = host.ClientWith(await host.Access.TokenForAsync("controller"));

        using var observed = await observer.GetAsync($"/api/units/{unit}", Ct);
        using var controlled = await controller.GetAsync($"/api/units/{unit}", Ct);

        Assert.Equal((HttpStatusCode.Forbidden, Rights.WatchReplays), (observed.StatusCode, await RightAsync(observed)));
        Assert.Equal(HttpStatusCode.OK, controlled.StatusCode);
    }

    [Fact]
    public async Task A_closed_incidents_threats_are_withheld_from_those_who_may_not_watch_replays_saying_why()
    {
        var id = $"t-{Guid.NewGuid():N}"[..20];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        var threat = TestSite.Frame.ToGeo(new(0, 100));
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = threat.Latitude, lon = threat.Longitude, uncertaintyM = 5, phase = "active", name = "Shooter", remarks = "rifle" }, Ct))
            .EnsureSuccessStatusCode();
        using var observer = host.ClientWith(await host.Access.TokenForAsync("observer"));
        using var evaluator = host.ClientWith(await host.Access.TokenForAsync("evaluator"));

        var live = await observer.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        var closedAt = (await host.Client.GetFromJsonAsync<JsonElement[]>("/api/incidents", Ct))!.Single(i => i.GetProperty("incidentId").GetString() == id)
            .GetProperty("closedAt").GetDateTimeOffset();
        var observed = await observer.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);
        var evaluated = await evaluator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);

        Assert.Equal(["T1"], live.GetProperty("threats").EnumerateArray().Select(t => t.GetProperty("threatId").GetString()));
        Assert.Equal(["T1"], evaluated.GetProperty("threats").EnumerateArray().Select(t => t.GetProperty("threatId").GetString()));
        Assert.False(evaluated.TryGetProperty("withheld", out _));
        Assert.Equal((0, $"Drill {id}", "Test campus"), (observed.GetProperty("threats").GetArrayLength(), observed.GetProperty("name").GetString(),
            observed.GetProperty("site").GetProperty("name").GetString()));
        Assert.Equal(
            $"incident '{id}' was closed at {closedAt.UtcDateTime:HH:mm:ss} UTC and is a recording now: its threats need the 'watch-replays' right, which admin or controller or evaluator holds",
            observed.GetProperty("withheld").GetString());
    }

    private Task<HubConnection> ConnectAsync(string token) => host.ConnectHubAsync(token, Ct);

    private static async Task<string?> RightAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("right").GetString();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Domain.Events;
using Command.Grains;
using Command.Grains.Incidents;
using Command.Host.Drills;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Command.Host.Tests;

/// <summary>
/// A drill whose engine fails, as it starts or as it carries on after its host stopped: the engine is stopped, the
/// drill is faulted once and said so, the incident gets its own clock back, and the drill can always be stopped. One
/// stopped by its incident's storage not answering is not faulted: it stands, and carries on once storage answers.
/// </summary>
public sealed class DrillFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A host that plays the drill for 10 s (and pauses it, where asked) and stops, handing it over to the next.
    private static async Task PlayOnFirstHostAsync(Dictionary<string, string?> settings, string id, string scenario, bool thenPause)
    {
        await using var first = new FakeClockHost(settings);
        await first.InitializeAsync();
        (await first.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await first.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario })).EnsureSuccessStatusCode();
        await PlayAsync(first, id, seconds: 10);
        if (thenPause)
        {
            (await first.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "pause" })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_drill_whose_carry_on_fails_after_its_engine_started_leaves_nothing_playing_and_is_faulted_once()
    {
        // Each host that tried to carry it on left another copy of its engine playing, and tried again every 5 s.
        using var files = new TestScenarioFiles();
        var data = DataFolder.New();
        var (id, name) = Walk(files, "carry", 'W');
        var settings = new Dictionary<string, string?> { ["DataPath"] = data, [files.Setting.Key] = files.Setting.Value };
        try
        {
            await PlayOnFirstHostAsync(settings, id, name, thenPause: false);

            var failing = new FailingGrainCalls();
            failing.Fail(nameof(IIncidentGrain.RecordDrill), id, "carry-on");
            await using var second = new FakeClockHost(settings, s => s.AddSingleton<IOutgoingGrainCallFilter>(failing));
            await second.InitializeAsync();

            // Carried on at the keeper's look, not as its status is read.
            await second.Services.GetServices<IHostedService>().OfType<DrillKeeper>().Single().LookOverAsync(Ct);
            var status = await second.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", Ct);
            var asked = await second.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", Ct);
            await second.Services.GetServices<IHostedService>().OfType<DrillKeeper>().Single().LookOverAsync(Ct);
            var before = await LastSequenceAsync(second, id);
            second.Clock.Advance(TimeSpan.FromSeconds(30));
            var after = await LastSequenceAsync(second, id);
            var roster = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IDrillRoster>(IDrillRoster.Key).List();

            Assert.Equal(("faulted", "faulted"), (Text(status, "state"), Text(asked, "state")));
            Assert.Equal(["start", "hand-over", "faulted"], await DrillControlsAsync(second, id));
            Assert.DoesNotContain(id, roster);
            Assert.DoesNotContain(id, second.Services.GetRequiredService<LocalDrills>().All.Select(d => d.GetPrimaryKeyString()));
            Assert.Equal(before, after);
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task A_drill_whose_start_fails_after_its_engine_started_is_put_down_and_can_be_started_again()
    {
        using var files = new TestScenarioFiles();
        var (id, name) = Walk(files, "start", 'S');
        var failing = new FailingGrainCalls();
        failing.Fail(nameof(IIncidentGrain.RecordDrill), id, "start", times: 1);
        await using var host = await OpenAsync(files, id, s => s.AddSingleton<IOutgoingGrainCallFilter>(failing));

        var failed = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name, speed = 4 });
        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", Ct);
        var again = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name, speed = 4 });

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("faulted", Text(status, "state"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["faulted", "start"], await DrillControlsAsync(host, id));
    }

    [Fact]
    public async Task A_paused_drill_whose_carry_on_failed_gives_the_incident_its_clock_back_and_can_still_be_stopped()
    {
        // Its file was broken while its host was down: the drill could not carry on, and the incident it had paused
        // stayed paused, with no drill to resume or stop.
        using var files = new TestScenarioFiles();
        var data = DataFolder.New();
        var (id, name) = Walk(files, "pause", 'P');
        var settings = new Dictionary<string, string?> { ["DataPath"] = data, [files.Setting.Key] = files.Setting.Value };
        try
        {
            await PlayOnFirstHostAsync(settings, id, name, thenPause: true);

            files.Write(name, TestScenarioFiles.Campus(TestScenarioFiles.Walker("P1"), more: "\"reporting\": { \"cadenceS\": 0.0001 },"));
            await using var second = new FakeClockHost(settings);
            await second.InitializeAsync();

            await second.Services.GetServices<IHostedService>().OfType<DrillKeeper>().Single().LookOverAsync(Ct);
            var status = await second.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", Ct);
            var frame = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(id).GetFullFrame();
            var stopped = await second.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "stop" });
            var answer = await stopped.Content.ReadFromJsonAsync<JsonElement>(Ct);

            Assert.Equal("faulted", Text(status, "state"));
            Assert.Null(frame!.DrillClock);
            Assert.Equal((HttpStatusCode.OK, "stopped"), (stopped.StatusCode, Text(answer, "state")));
            Assert.Equal(["start", "pause", "faulted", "stop"], await DrillControlsAsync(second, id));
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task A_drill_stopped_by_storage_not_answering_carries_on_from_where_it_stood_once_storage_answers()
    {
        // Storage away for under a minute faulted the drill for good: it read "faulted" until the cluster was started
        // again, its units went stale, and its fault was recorded only where storage answered as it was said.
        using var files = new TestScenarioFiles();
        var (id, name) = Walk(files, "away", 'A');
        var incidents = new StorageAway();
        var durable = new GrainStorageAway();
        await using var host = await OpenAsync(files, id, s =>
        {
            s.AddSingleton<IIncomingGrainCallFilter>(incidents);
            durable.Over(s, GrainStorage.Durable);
        });
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name })).EnsureSuccessStatusCode();
        await PlayAsync(host, id, seconds: 10);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var drill = grains.GetGrain<IDrillGrain>(id);
        var keeper = host.Services.GetServices<IHostedService>().OfType<DrillKeeper>().Single();

        // Its next fixes find the incident's storage gone, and its own and the roster's with it, for 45 s.
        incidents.Away(id);
        durable.Away();
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        // Played on the clock's own tick or when asked to catch up, whichever comes first: asked, it fails, or finds the
        // drill already standing.
        await Record.ExceptionAsync(() => drill.CatchUp());
        await keeper.LookOverAsync(Ct);
        var away = await drill.Status();
        host.Clock.Advance(TimeSpan.FromSeconds(40));
        await keeper.LookOverAsync(Ct);

        incidents.Back();
        durable.Back();
        await keeper.LookOverAsync(Ct);
        var back = await drill.Status();
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await drill.CatchUp();
        var on = await drill.Status();
        var roster = await grains.GetGrain<IDrillRoster>(IDrillRoster.Key).List();
        var carried = (await DrillControlEventsAsync(host, id)).Single(e => Text(e, "subject") == DrillControlled.CarryOn);

        Assert.Equal(("running", 10.0), (away!.State, away.DrillTimeS));
        Assert.Equal(("running", 10.0), (back!.State, back.DrillTimeS));
        Assert.Equal(("running", 15.0), (on!.State, on.DrillTimeS));
        Assert.Contains(id, roster);
        Assert.Equal(["start", "carry-on"], await DrillControlsAsync(host, id));
        Assert.Equal("drill (carried on at 0:10 of loop 1 once storage answered; not played for 0:45, which counts toward no hold)", Text(carried, "actor"));
    }

    [Fact]
    public async Task A_standing_drill_says_at_once_where_it_stands_and_why_though_it_waits_on_its_incident()
    {
        // Its status waited behind the drill's own carry-on, which waited on its incident while storage answered slowly:
        // the page's drill panel took 10-23 s, and then read a running drill of no title and no length.
        using var files = new TestScenarioFiles();
        var (id, name) = Walk(files, "wait", 'W', more: "\"name\": \"Campus walk\",");
        var held = new GatedGrainCall();
        var incidents = new StorageAway();
        var durable = new GrainStorageAway();
        await using var host = await OpenAsync(files, id, s =>
        {
            s.AddSingleton<IIncomingGrainCallFilter>(held);
            s.AddSingleton<IIncomingGrainCallFilter>(incidents);
            durable.Over(s, GrainStorage.Durable);
        });
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name })).EnsureSuccessStatusCode();
        await PlayAsync(host, id, seconds: 10);
        var drill = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IDrillGrain>(id);
        var playing = await drill.Status();

        incidents.Away(id);
        durable.Away();
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await Record.ExceptionAsync(() => drill.CatchUp());
        await host.Services.GetServices<IHostedService>().OfType<DrillKeeper>().Single().LookOverAsync(Ct);
        var standing = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/drill", Ct);

        // Storage answers again, slowly: the carry-on waits on its incident, and the drill is asked meanwhile.
        incidents.Back();
        durable.Back();
        held.Hold(nameof(IIncidentGrain.RecordDrill), id);
        var carrying = drill.KeepRunning();
        await held.Entered;
        var asked = drill.Status();
        // The carry-on goes on once the status is answered: a status that waited behind it is answered only when the
        // grain call runs out of time, and the test fails on it.
        _ = asked.ContinueWith(_ => held.Open(), TaskScheduler.Default);
        var first = await Task.WhenAny(asked, carrying);
        await carrying;
        var on = await drill.Status();

        Assert.Same(asked, first);
        Assert.Equal(("running", 10.0), ((await asked)!.State, (await asked)!.DrillTimeS));
        Assert.Equal(("running", 10.0), (Text(standing, "state"), standing.GetProperty("drillTimeS").GetDouble()));
        Assert.NotNull(playing!.Title);
        Assert.Equal((playing.Title, playing.DurationS), (Text(standing, "title"), (double?)standing.GetProperty("durationS").GetDouble()));
        Assert.Equal("not playing: its incident's storage does not answer; it stands at 0:10 of loop 1 and carries on from there once it answers", Text(standing, "detail"));
        Assert.Equal(("running", 10.0, (string?)null), (on!.State, on.DrillTimeS, on.Detail));
    }

    [Fact]
    public async Task A_drill_carried_on_by_another_host_says_at_once_that_it_waits_on_its_incident()
    {
        // Carried on inside its activation, it answered no call, its status included, until its incident had recorded
        // the carry-on: while storage answered slowly the page's drill panel waited as long.
        using var files = new TestScenarioFiles();
        var data = DataFolder.New();
        var (id, name) = Walk(files, "again", 'A', more: "\"name\": \"Campus walk\",");
        var settings = new Dictionary<string, string?> { ["DataPath"] = data, [files.Setting.Key] = files.Setting.Value };
        try
        {
            await PlayOnFirstHostAsync(settings, id, name, thenPause: false);
            var held = new GatedGrainCall();
            held.Hold(nameof(IIncidentGrain.RecordDrill), id);
            await using var second = new FakeClockHost(settings, s => s.AddSingleton<IIncomingGrainCallFilter>(held));
            await second.InitializeAsync();
            var drill = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IDrillGrain>(id);

            var carrying = drill.KeepRunning();
            await held.Entered;
            var asked = drill.Status();
            // The carry-on goes on once the status is answered: a status that waited behind it is answered only when the
            // grain call runs out of time, and the test fails on it.
            _ = asked.ContinueWith(_ => held.Open(), TaskScheduler.Default);
            var first = await Task.WhenAny(asked, carrying);
            await carrying;
            var on = await drill.Status();

            Assert.Same(asked, first);
            Assert.Equal(("running", 10.0), ((await asked)!.State, (await asked)!.DrillTimeS));
            Assert.Equal("not playing yet: it carries on here from 0:10 of loop 1 once its incident has recorded that it does, waiting on the incident and its storage", (await asked)!.Detail);
            Assert.Equal(("running", "Campus walk", (string?)null), (on!.State, on.Title, on.Detail));
            Assert.Equal(["start", "hand-over", "carry-on"], await DrillControlsAsync(second, id));
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task A_drill_that_ends_while_storage_does_not_answer_has_its_end_said_once_it_answers_and_can_be_started_again()
    {
        // Its end could not be saved, and the failure stayed with the drill: every start after it failed on it until the
        // grain was let go, and the drill stayed on the roster.
        using var files = new TestScenarioFiles();
        var (id, name) = Walk(files, "end", 'E');
        var failing = new FailingGrainCalls();
        await using var host = await OpenAsync(files, id, s => s.AddSingleton<IOutgoingGrainCallFilter>(failing));
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name })).EnsureSuccessStatusCode();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var roster = grains.GetGrain<IDrillRoster>(IDrillRoster.Key);
        var keeper = host.Services.GetServices<IHostedService>().OfType<DrillKeeper>().Single();

        // The walker's end comes as the roster's storage does not answer, once.
        failing.Fail(nameof(IDrillRoster.Ended), IDrillRoster.Key, times: 1, with: () => new Azure.RequestFailedException("Connection refused (127.0.0.1:10000)"));
        var drill = grains.GetGrain<IDrillGrain>(id);
        var director = host.Services.GetRequiredService<DrillDirector>();
        for (var s = 0; s < 400 && (await drill.Status())!.State == "running"; s += 5)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            try
            {
                await director.CatchUpAsync(id);
            }
            catch (InvalidOperationException done) when (done.Message.StartsWith("The drill is completed", StringComparison.Ordinal))
            {
                // It ended on the clock's own tick, before it was asked to catch up.
            }
        }

        var ended = await drill.Status();
        var listedWhileAway = (await roster.List()).Contains(id);
        await keeper.LookOverAsync(Ct);

        Assert.Equal("completed", ended!.State);
        Assert.True(listedWhileAway);
        Assert.DoesNotContain(id, await roster.List());
        Assert.Equal(["start", "completed"], await DrillControlsAsync(host, id));
        var again = await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name });
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["start", "completed", "start-over", "start"], await DrillControlsAsync(host, id));
    }

    [Fact]
    public async Task A_drill_that_fails_as_its_host_stops_ends_the_keepers_round_quietly()
    {
        // Stopped while storage was down, a host whose drill failed as the keeper asked it logged a fatal "BackgroundService
        // failed ... the IHost instance is stopping" over an orderly stop.
        var failing = new FailingGrainCalls();
        await using var host = new FakeClockHost(new Dictionary<string, string?>(), s => s.AddSingleton<IOutgoingGrainCallFilter>(failing));
        await host.InitializeAsync();
        var broken = $"stopping-{Guid.NewGuid():N}"[..20];
        using var stopping = new CancellationTokenSource();
        failing.Fail(nameof(IDrillGrain.KeepRunning), broken, with: () =>
        {
            stopping.Cancel();
            return new InvalidOperationException("the incident's storage did not answer (test)");
        });
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IDrillRoster>(IDrillRoster.Key).Running(broken);
        var keeper = host.Services.GetServices<IHostedService>().OfType<DrillKeeper>().Single();

        var thrown = await Record.ExceptionAsync(() => keeper.LookOverAsync(stopping.Token));

        Assert.Null(thrown);
    }

    [Fact]
    public async Task A_roster_that_cannot_be_read_as_its_host_stops_ends_the_keepers_round_quietly()
    {
        // Stopped while storage was down, a host whose keeper was reading the roster of running drills logged "BackgroundService
        // failed" and a fatal "the IHost instance is stopping" over an orderly stop.
        var failing = new FailingGrainCalls();
        await using var host = new FakeClockHost(new Dictionary<string, string?>(), s => s.AddSingleton<IOutgoingGrainCallFilter>(failing));
        await host.InitializeAsync();
        using var stopping = new CancellationTokenSource();
        failing.Fail(nameof(IDrillRoster.List), IDrillRoster.Key, with: () =>
        {
            stopping.Cancel();
            return new InvalidOperationException("Error from storage provider AzureBlobGrainStorage.drills during ReadStateAsync (test)");
        });
        var keeper = host.Services.GetServices<IHostedService>().OfType<DrillKeeper>().Single();

        var thrown = await Record.ExceptionAsync(() => keeper.LookOverAsync(stopping.Token));

        Assert.Null(thrown);
    }

    [Fact]
    public async Task The_keeper_asks_every_drill_though_one_fails_and_says_so_once()
    {
        // One drill whose activation failed kept every drill listed after it from being kept running.
        var failing = new FailingGrainCalls();
        await using var host = new FakeClockHost(new Dictionary<string, string?>(), s => s.AddSingleton<IOutgoingGrainCallFilter>(failing));
        await host.InitializeAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (broken, ended) = ($"a-broken-{suffix}", $"b-ended-{suffix}");
        failing.Fail(nameof(IDrillGrain.KeepRunning), broken);
        var roster = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IDrillRoster>(IDrillRoster.Key);
        await roster.Running(broken);
        await roster.Running(ended);
        var keeper = host.Services.GetServices<IHostedService>().OfType<DrillKeeper>().Single();

        await keeper.LookOverAsync(Ct);
        await keeper.LookOverAsync(Ct);
        var listed = await roster.List();

        // The drill that was never started takes itself off the roster; the broken one is asked again each round.
        Assert.Contains(broken, listed);
        Assert.DoesNotContain(ended, listed);
        Assert.Single(LogLines(host), l => l.Contains(broken, StringComparison.Ordinal) && l.Contains("could not be kept running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_drill_whose_fixes_expire_on_their_way_while_storage_answers_slowly_plays_on_and_is_not_faulted()
    {
        // Storage slow, not down: the incident's call expired before the cluster could place it, which Orleans throws as a
        // cancellation nobody asked for. The drill took it for a failure of its own and was faulted for good.
        using var files = new TestScenarioFiles();
        var (id, name) = Walk(files, "slow", 'S');
        var failing = new FailingGrainCalls();
        await using var host = await OpenAsync(files, id, s => s.AddSingleton<IOutgoingGrainCallFilter>(failing));
        (await host.PostJsonAsync($"/api/incidents/{id}/drill", new { action = "start", scenario = name })).EnsureSuccessStatusCode();
        await PlayAsync(host, id, seconds: 10);
        var drill = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IDrillGrain>(id);

        failing.Fail(nameof(IIncidentGrain.Submit), id, times: 1,
            with: () => new OperationCanceledException($"Message expired before placement could complete for grain incident/{id}."));
        await PlayAsync(host, id, seconds: 5);
        var expired = await drill.Status();
        await PlayAsync(host, id, seconds: 5);
        var on = await drill.Status();

        Assert.Equal(("running", 15.0), (expired!.State, expired.DrillTimeS));
        Assert.Equal(("running", 20.0), (on!.State, on.DrillTimeS));
        Assert.Equal(["start"], await DrillControlsAsync(host, id));
    }

    [Fact]
    public async Task A_call_Orleans_gives_up_on_as_cancelled_fails_that_round_and_leaves_the_keeper_and_its_host_running()
    {
        // A message that expired while storage did not answer is thrown as a cancellation: it ended the keeper, and a
        // keeper that ends stops its host, so storage away for a minute and a half stopped every host of the cluster.
        var failing = new FailingGrainCalls();
        await using var host = new FakeClockHost(new Dictionary<string, string?>(), s => s.AddSingleton<IOutgoingGrainCallFilter>(failing));
        await host.InitializeAsync();
        var expired = $"expired-{Guid.NewGuid():N}"[..20];
        failing.Fail(nameof(IDrillGrain.KeepRunning), expired, times: 1,
            with: () => new OperationCanceledException($"Message expired before placement could complete for grain drill/{expired}."));
        var roster = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IDrillRoster>(IDrillRoster.Key);
        await roster.Running(expired);
        var keeper = host.Services.GetServices<IHostedService>().OfType<DrillKeeper>().Single();

        var first = await Record.ExceptionAsync(() => keeper.LookOverAsync(Ct));
        var listed = await roster.List();
        await keeper.LookOverAsync(Ct);

        // Failed, it is still listed, and said; the next round finds it never started and takes it off the roster.
        Assert.Null(first);
        Assert.Contains(expired, listed);
        Assert.DoesNotContain(expired, await roster.List());
        Assert.Single(LogLines(host), l => l.Contains(expired, StringComparison.Ordinal) && l.Contains("could not be kept running", StringComparison.Ordinal));
    }

    // Moves the incidents' clock on five seconds at a time, the drill sending what fell due at each.
    // A scenario of one unit, its id from letter and the incident's, walking the campus, for an incident whose id starts
    // with prefix: the scenarios of tests run together enrol no unit twice.
    private static (string Id, string Name) Walk(TestScenarioFiles files, string prefix, char letter, string? more = null)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var unit = $"{letter}{id[(prefix.Length + 1)..(prefix.Length + 9)]}";
        return (id, files.Write("walk", TestScenarioFiles.Campus(TestScenarioFiles.Walker(unit), more: more)));
    }

    // A host on the fake clock that plays the files' scenarios, with incident id opened.
    private static async Task<FakeClockHost> OpenAsync(TestScenarioFiles files, string id, Action<IServiceCollection> services)
    {
        var host = new FakeClockHost(new Dictionary<string, string?> { [files.Setting.Key] = files.Setting.Value }, services);
        try
        {
            await host.InitializeAsync();
            (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private static async Task PlayAsync(FakeClockHost host, string id, int seconds)
    {
        var director = host.Services.GetRequiredService<DrillDirector>();
        for (var s = 0; s < seconds; s += 5)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await director.CatchUpAsync(id);
        }
    }

    private static async Task<long> LastSequenceAsync(FakeClockHost host, string id) =>
        (await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(id).GetView())!.LastSequence;

    private static async Task<string[]> DrillControlsAsync(CommandHost host, string id) =>
        [.. (await DrillControlEventsAsync(host, id)).Select(e => e.GetProperty("subject").GetString()!)];

    private static async Task<JsonElement[]> DrillControlEventsAsync(CommandHost host, string id) =>
        [.. (await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct))!
            .Where(e => e.GetProperty("type").GetString() == "drill-controlled")];

    // Every line of the host's log files so far (compact JSON; written through, one event a line).
    private static List<string> LogLines(CommandHost host)
    {
        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(host.DataPath, "logs"), "command-*.log").Order())
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

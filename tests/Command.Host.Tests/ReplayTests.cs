using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Domain.Events;
using Command.Host.Live;
using Command.Host.Tests.Support;
using Command.Recording.Reading;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests;

/// <summary>
/// A contact unit holds 40 m from an active threat for five minutes of incident time, reporting every 5 s; the
/// session is then replayed.
/// </summary>
public sealed class ReplayTests(FakeClockHost host) : IClassFixture<FakeClockHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replaying_a_live_session_reproduces_exactly_the_flags_raised_live()
    {
        var (id, _) = await RecordHoldAsync();
        var catalogue = host.Services.GetRequiredService<SessionCatalogue>();
        var all = await ReadAllAsync(await catalogue.OpenAsync(id, Ct));
        var recorded = all.Where(e => e.IsDerived).ToList();

        // The recorded inputs, folded again through the stream the incident ran, give back the recording byte for byte.
        var stream = new Command.Domain.Incidents.IncidentStream();
        var refolded = new List<IncidentEvent>();
        foreach (var e in all)
        {
            stream.Replay(e, refolded);
        }

        Assert.Equal(all.Select(EventJson.Serialize), refolded.Select(EventJson.Serialize));

        await using var replay = await catalogue.OpenReplayAsync(id, cancellationToken: Ct);
        var replayed = new List<IncidentEvent>();
        while (!replay.AtEnd)
        {
            replayed.AddRange((await replay.StepAsync(Ct)).Applied.Where(e => e.IsDerived));
        }

        Assert.Contains(recorded, e => e is FlagRaised { Subject: "P1" });
        Assert.Equal(recorded.Select(EventJson.Serialize), replayed.Select(EventJson.Serialize));
    }

    [Fact]
    public async Task Replay_seek_shows_the_positions_of_that_instant()
    {
        var (id, fixes) = await RecordHoldAsync();
        var opened = await host.PostJsonAsync("/api/replays", new { incidentId = id });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;
        await using var watcher = await FrameWatcher.JoinAsync(host, $"replay:{replayId}");
        var (instant, expected) = fixes[37];

        var seek = await host.PostJsonAsync($"/api/replays/{replayId}/seek", new { time = instant.AddSeconds(2) });
        var frame = await watcher.WaitForAsync(f => f.Full && f.Clock == instant.AddSeconds(2));

        Assert.Equal(HttpStatusCode.OK, seek.StatusCode);
        Assert.Equal($"replay:{replayId}", frame.IncidentId);
        var unit = Assert.Single(frame.Units);
        Assert.Equal(instant, unit.LastFix!.FixTime);
        // Frames carry positions to seven decimals, about a centimetre.
        Assert.Equal(Math.Round(expected.Latitude, UnitAssessmentConverter.CoordinateDecimals), unit.LastFix.Position.Latitude);
        Assert.Equal(Math.Round(expected.Longitude, UnitAssessmentConverter.CoordinateDecimals), unit.LastFix.Position.Longitude);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task A_replay_says_it_follows_its_incident_only_while_the_incident_is_open(bool closed, bool follows)
    {
        var (id, _) = await RecordHoldAsync();
        if (closed)
        {
            (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        }

        var opened = await host.PostJsonAsync("/api/replays", new { incidentId = id });

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var status = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(follows, status.GetProperty("follows").GetBoolean());
        (await host.Client.DeleteAsync($"/api/replays/{status.GetProperty("replayId").GetString()}", Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Seeking_outside_the_recording_is_refused_naming_its_span_and_leaves_the_replay_where_it_was()
    {
        // A time before the start or past the end went to the start or the end and answered 200: an after-action team that
        // gave a wrong date, or a local time as UTC, was shown the start as if it were the moment asked for.
        var (id, _) = await RecordHoldAsync();
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        var opened = await (await host.PostJsonAsync("/api/replays", new { incidentId = id })).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var replayId = opened.GetProperty("replayId").GetString()!;
        var (start, end) = (opened.GetProperty("firstTime").GetDateTimeOffset(), opened.GetProperty("lastTime").GetDateTimeOffset());
        var middle = start + (end - start) / 2;
        var before = await (await host.PostJsonAsync($"/api/replays/{replayId}/seek", new { time = middle })).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var span = string.Create(CultureInfo.InvariantCulture, $"which runs from {start:O} to {end:O}");

        foreach (var outside in new[] { start.AddHours(-1), end.AddSeconds(1) })
        {
            var refused = await host.PostJsonAsync($"/api/replays/{replayId}/seek", new { time = outside });
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var field = Assert.Single(body.GetProperty("errors").EnumerateArray());
            Assert.Equal(("time", "outside-recording"), (field.GetProperty("field").GetString(), field.GetProperty("reason").GetString()));
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{outside:O} is outside the recording, {span}"), field.GetProperty("detail").GetString());
        }

        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/replays/{replayId}", Ct);
        Assert.Equal(before.GetProperty("position").GetDateTimeOffset(), status.GetProperty("position").GetDateTimeOffset());
        // Its first instant as a page's slider gives it, to the millisecond, is its start.
        var sliderStart = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerMillisecond));
        (await host.PostJsonAsync($"/api/replays/{replayId}/seek", new { time = sliderStart })).EnsureSuccessStatusCode();
        (await host.Client.DeleteAsync($"/api/replays/{replayId}", Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Seeking_past_the_end_of_an_open_incidents_recording_says_it_is_still_growing()
    {
        // Refused as outside the recording, as a wrong date is, the team was not told the time may yet be recorded: the
        // incident is still open, and a seek there reaches it once it is recorded.
        var (id, _) = await RecordHoldAsync();
        var opened = await (await host.PostJsonAsync("/api/replays", new { incidentId = id })).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var replayId = opened.GetProperty("replayId").GetString()!;
        var (start, end) = (opened.GetProperty("firstTime").GetDateTimeOffset(), opened.GetProperty("lastTime").GetDateTimeOffset());
        var later = end.AddMinutes(5);

        var refused = await host.PostJsonAsync($"/api/replays/{replayId}/seek", new { time = later });
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var before = await host.PostJsonAsync($"/api/replays/{replayId}/seek", new { time = start.AddHours(-1) });
        var beforeBody = await before.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.True(opened.GetProperty("follows").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var field = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(("time", "outside-recording"), (field.GetProperty("field").GetString(), field.GetProperty("reason").GetString()));
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"{later:O} is past the end of the recording so far, which runs from {start:O} to {end:O}: incident '{id}' is still open ")
            + "and nothing is recorded that late yet; seek there again once the drill has reached it",
            field.GetProperty("detail").GetString());
        // Before its start is no time it will ever hold, open or not.
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"{start.AddHours(-1):O} is outside the recording, which runs from {start:O} to {end:O}"),
            Assert.Single(beforeBody.GetProperty("errors").EnumerateArray()).GetProperty("detail").GetString());
        (await host.Client.DeleteAsync($"/api/replays/{replayId}", Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_paused_replay_of_an_open_incident_seeks_to_what_was_recorded_after_it_was_opened()
    {
        // The seek was checked against the end the replay knew when it was opened: a team reviewing a drill still running
        // was refused a time recorded since, and told to play the replay on to its end to find it.
        var (id, _) = await RecordHoldAsync();
        var opened = await (await host.PostJsonAsync("/api/replays", new { incidentId = id })).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var replayId = opened.GetProperty("replayId").GetString()!;
        var (start, end) = (opened.GetProperty("firstTime").GetDateTimeOffset(), opened.GetProperty("lastTime").GetDateTimeOffset());
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        var later = host.Clock.GetUtcNow();
        (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", later, 0, 60) } })).EnsureSuccessStatusCode();

        var sought = await host.PostJsonAsync($"/api/replays/{replayId}/seek", new { time = later });
        var status = await sought.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var beyond = await (await host.PostJsonAsync($"/api/replays/{replayId}/seek", new { time = later.AddMinutes(5) })).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.True(later > end);
        Assert.Equal(HttpStatusCode.OK, sought.StatusCode);
        Assert.Equal((later, later, true), (status.GetProperty("position").GetDateTimeOffset(), status.GetProperty("lastTime").GetDateTimeOffset(), status.GetProperty("paused").GetBoolean()));
        // A time past even what was recorded since is refused as before, its span as it stands now.
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"{later.AddMinutes(5):O} is past the end of the recording so far, which runs from {start:O} to {later:O}: incident '{id}' is still open ")
            + "and nothing is recorded that late yet; seek there again once the drill has reached it",
            Assert.Single(beyond.GetProperty("errors").EnumerateArray()).GetProperty("detail").GetString());
        (await host.Client.DeleteAsync($"/api/replays/{replayId}", Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Playing_a_closed_sessions_replay_at_its_end_plays_it_again_from_the_start()
    {
        // As any player does; the page did it for itself, and a client of the API was left paused at the end.
        var (id, _) = await RecordHoldAsync();
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "drill over" })).EnsureSuccessStatusCode();
        var opened = await (await host.PostJsonAsync("/api/replays", new { incidentId = id })).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var replayId = opened.GetProperty("replayId").GetString()!;
        var (start, end) = (opened.GetProperty("firstTime").GetDateTimeOffset(), opened.GetProperty("lastTime").GetDateTimeOffset());
        (await host.PostJsonAsync($"/api/replays/{replayId}/seek", new { time = end })).EnsureSuccessStatusCode();

        var played = await (await host.PostJsonAsync($"/api/replays/{replayId}/play", new { speed = 1 })).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal((false, false, start), (played.GetProperty("paused").GetBoolean(), played.GetProperty("atEnd").GetBoolean(), played.GetProperty("position").GetDateTimeOffset()));
        (await host.Client.DeleteAsync($"/api/replays/{replayId}", Ct)).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_replay_of_a_recording_no_incident_list_knows_follows_it_only_when_the_recording_holds_no_close(bool closed, bool follows)
    {
        var id = await RecordUnlistedAsync(closed);

        var opened = await host.PostJsonAsync("/api/replays", new { incidentId = id });

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var status = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(follows, status.GetProperty("follows").GetBoolean());
        (await host.Client.DeleteAsync($"/api/replays/{status.GetProperty("replayId").GetString()}", Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_after_action_report_downloads_as_html_json_and_csv()
    {
        var (id, _) = await RecordHoldAsync();

        var html = await host.Client.GetAsync($"/api/sessions/{id}/report?format=html", Ct);
        var json = await host.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/report?format=json", Ct);
        var csv = await host.Client.GetStringAsync($"/api/sessions/{id}/report?format=csv", Ct);
        var bad = await host.Client.GetAsync($"/api/sessions/{id}/report?format=pdf", Ct);

        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await html.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var p1 = Assert.Single(json.GetProperty("units").EnumerateArray());
        Assert.Equal("P1", p1.GetProperty("unitId").GetString());
        Assert.Contains("P1", csv.Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_after_action_report_downloads_may_load_and_run_nothing_beyond_their_own_styles()
    {
        var (id, _) = await RecordHoldAsync();

        using var html = await host.Client.GetAsync($"/api/sessions/{id}/report?format=html", Ct);
        using var csv = await host.Client.GetAsync($"/api/sessions/{id}/report?format=csv", Ct);

        foreach (var download in new[] { html, csv })
        {
            Assert.Equal(
                ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'", "attachment", "nosniff"),
                (string.Join(",", download.Headers.GetValues("Content-Security-Policy")), download.Content.Headers.ContentDisposition?.DispositionType,
                    string.Join(",", download.Headers.GetValues("X-Content-Type-Options"))));
        }
    }

    [Fact]
    public async Task A_replay_refuses_a_speed_that_is_not_a_number_and_keeps_its_own()
    {
        var (id, _) = await RecordHoldAsync();
        var opened = await host.PostJsonAsync("/api/replays", new { incidentId = id });
        var replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;
        (await host.PostJsonAsync($"/api/replays/{replayId}/play", new { speed = 10 })).EnsureSuccessStatusCode();

        var fast = await host.PostJsonAsync($"/api/replays/{replayId}/play", new { speed = "fast" });
        var status = await host.Client.GetFromJsonAsync<JsonElement>($"/api/replays/{replayId}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, fast.StatusCode);
        Assert.Equal("malformed", (await fast.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Equal(10, status.GetProperty("speed").GetDouble());
    }

    [Fact]
    public async Task A_replay_serves_distance_series_for_the_chart()
    {
        var (id, _) = await RecordHoldAsync();
        var opened = await host.PostJsonAsync("/api/replays", new { incidentId = id });
        var replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;

        var series = await host.Client.GetFromJsonAsync<JsonElement>($"/api/replays/{replayId}/series?units=P1", Ct);
        var misspelt = await host.Client.GetAsync($"/api/replays/{replayId}/series?units=P1,NOPE", Ct);

        var refusal = await misspelt.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.NotFound, misspelt.StatusCode);
        Assert.Equal(("unknown-unit", $"session '{id}' has no unit 'NOPE'"), (refusal.GetProperty("reason").GetString(), refusal.GetProperty("detail").GetString()));

        var unit = Assert.Single(series.GetProperty("units").EnumerateArray());
        Assert.Equal("Patrol 1", unit.GetProperty("callsign").GetString());
        var first = unit.GetProperty("points")[0];
        Assert.Equal(40.0, first[1].GetDouble(), 0);
    }

    [Fact]
    public async Task A_replay_of_a_drill_started_over_serves_each_unit_once_over_both_rounds()
    {
        // The report has a row for each round P1 played; its chart is one line over both.
        var id = $"rounds-{Guid.NewGuid():N}"[..20];
        var at = host.Clock.GetUtcNow();
        var stream = new Command.Domain.Incidents.IncidentStream();
        var recorded = new List<IncidentEvent>();
        void Do(IncidentEvent e, DateTimeOffset time) => stream.Record(e with { Time = time }, time, recorded);
        Do(new IncidentOpened(id, $"Rounds {id}", new Domain.Sites.Site("Test campus", TestSite.Origin, [], []), true, "test", Domain.Incidents.IncidentSchema.Current, Domain.Incidents.AssessmentRules.Current), at);
        Do(new UnitEnrolled("P1", "Patrol 1", Domain.Units.UnitRole.Contact, "test"), at);
        Do(new ThreatSet(new Domain.Threats.Threat("T1", TestSite.Origin, 5, Domain.Threats.ThreatPhase.Active), "test"), at);
        for (var s = 1; s <= 20; s++)
        {
            if (s == 11)
            {
                Do(new DrillControlled(DrillControlled.StartOver, "night-shift", "test", 2), at.AddSeconds(s));
            }

            var fix = at.AddSeconds(s);
            Do(new PositionAccepted(new Domain.Reports.PositionReport("P1", Domain.Reports.ReportSource.Simulator, fix, TestSite.Origin, AccuracyM: 3)), fix);
        }

        await host.Services.GetRequiredService<Domain.Recording.ISessionLog>().AppendAsync(id, recorded, Ct);
        var opened = await host.PostJsonAsync("/api/replays", new { incidentId = id });
        var replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replayId").GetString()!;

        var series = await host.Client.GetAsync($"/api/replays/{replayId}/series?units=P1", Ct);

        Assert.Equal(HttpStatusCode.OK, series.StatusCode);
        var unit = Assert.Single((await series.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("units").EnumerateArray());
        Assert.Equal("Patrol 1", unit.GetProperty("callsign").GetString());
        (await host.Client.DeleteAsync($"/api/replays/{replayId}", Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_session_timeline_lists_the_flags_recorded_so_far_oldest_first()
    {
        var (id, _) = await RecordHoldAsync();

        var marks = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);
        var unknown = await host.Client.GetAsync("/api/sessions/never-recorded/timeline", Ct);

        var p1 = marks!.Where(m => m.GetProperty("subject").GetString() == "P1").Select(m => $"{m.GetProperty("type").GetString()} {m.GetProperty("level").GetString()}");
        Assert.Equal(["flag-raised watch", "flag-escalated alert"], p1);
        Assert.Contains(marks!, m => m.GetProperty("subject").GetString() == "zone:hot");
        var sequences = marks!.Select(m => m.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var threat = Assert.Single(marks!, m => m.GetProperty("type").GetString() == "threat-set");
        Assert.Equal(("T1", "active", "token:bootstrap"), (threat.GetProperty("subject").GetString(), threat.GetProperty("level").GetString(), threat.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task A_session_timeline_names_a_unit_by_its_callsign_and_a_zone_by_its_kind_and_name()
    {
        var (id, _) = await RecordHoldAsync();

        var marks = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);

        string? Name(JsonElement m) => m.TryGetProperty("name", out var name) ? name.GetString() : null;
        Assert.All(marks!.Where(m => m.GetProperty("subject").GetString() == "P1"), m => Assert.Equal("Patrol 1", Name(m)));
        Assert.All(marks!.Where(m => m.GetProperty("subject").GetString() == "zone:hot"), m => Assert.Equal("hot zone Main building", Name(m)));
        // A threat is neither: it is named by its id, as it is placed.
        Assert.Null(Name(Assert.Single(marks!, m => m.GetProperty("type").GetString() == "threat-set")));
    }

    [Fact]
    public async Task A_session_timeline_lists_the_commands_given_with_who_gave_them()
    {
        var (id, _) = await RecordHoldAsync();
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/units/P1/role", new { role = "rescue-task-force" }, Ct)).EnsureSuccessStatusCode();

        var marks = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);

        var role = Assert.Single(marks!, m => m.GetProperty("type").GetString() == "unit-role-changed");
        Assert.Equal(("P1", "rescueTaskForce", "token:bootstrap"), (role.GetProperty("subject").GetString(), role.GetProperty("level").GetString(), role.GetProperty("actor").GetString()));
        Assert.Equal("flag-cleared", marks![^1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_session_timeline_carries_why_a_threat_s_phase_changed()
    {
        var (id, _) = await RecordHoldAsync();
        var threat = TestSite.Frame.ToGeo(new(0, 100));
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = threat.Latitude, lon = threat.Longitude, uncertaintyM = 5, phase = "contained", reason = "subject barricaded in room 114" }, Ct)).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/threats/T1/phase", new { phase = "neutralized", reason = "subject in custody" })).EnsureSuccessStatusCode();

        var marks = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct);

        var phases = marks!.Where(m => m.GetProperty("subject").GetString() == "T1")
            .Select(m => (m.GetProperty("type").GetString(), m.GetProperty("level").GetString(), m.TryGetProperty("reason", out var reason) ? reason.GetString() : null));
        Assert.Equal(
            [("threat-set", "active", null), ("threat-set", "contained", "subject barricaded in room 114"), ("threat-phase-changed", "neutralized", "subject in custody")],
            phases);
    }

    [Fact]
    public async Task Replaying_an_unknown_session_is_not_found()
    {
        var response = await host.PostJsonAsync("/api/replays", new { incidentId = "never-recorded" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_replay_playing_on_past_a_declared_containment_keeps_saying_flags_are_suppressed()
    {
        // Every replayed frame carries the threats, for their places at the replay's time; the page takes whether flags
        // are suppressed from a frame that carries them, and the frames carried no word of it: the banner a commander's
        // declaration put up went as soon as the replay played on, though the threat stood contained.
        var id = $"contained-{Guid.NewGuid():N}"[..20];
        var at = host.Clock.GetUtcNow();
        var stream = new Command.Domain.Incidents.IncidentStream();
        var recorded = new List<IncidentEvent>();
        void Record(int second, IncidentEvent e) => stream.Record(e with { Time = at.AddSeconds(second) }, at.AddSeconds(second), recorded);
        Record(0, new IncidentOpened(id, "Contained", new Domain.Sites.Site("Test campus", TestSite.Origin, [], []), true, "test",
            Domain.Incidents.IncidentSchema.Current, Domain.Incidents.AssessmentRules.Current));
        Record(1, new ThreatSet(new Domain.Threats.Threat("T1", TestSite.Origin, null, Domain.Threats.ThreatPhase.Active), "test"));
        Record(1, new UnitEnrolled("P1", "Patrol 1", Domain.Units.UnitRole.Contact, "test"));
        Record(5, new ThreatPhaseChanged("T1", Domain.Threats.ThreatPhase.Contained, "Cmdr Okafor", "subject barricaded"));
        for (var second = 10; second <= 30; second += 5)
        {
            Record(second, new PositionAccepted(new Domain.Reports.PositionReport("P1", Domain.Reports.ReportSource.Simulator, at.AddSeconds(second), TestSite.Frame.ToGeo(new(0, -60)))));
        }

        await host.Services.GetRequiredService<Domain.Recording.ISessionLog>().AppendAsync(id, recorded, Ct);
        var sent = new List<Domain.Views.IncidentFrame>();
        await using var player = new Command.Host.Replays.ReplayPlayer("r-contained", await host.Services.GetRequiredService<SessionCatalogue>().OpenReplayAsync(id, cancellationToken: Ct),
            sent.Add, new Domain.Views.FramePacing(), TimeProvider.System);

        await player.SeekAsync(at.AddSeconds(6));
        for (var step = 0; step < 5; step++)
        {
            await player.StepAsync();
        }

        var played = sent.Where(f => !f.Full && f.Threats.Length > 0).ToList();
        Assert.NotEmpty(played);
        Assert.All(played, f => Assert.Equal(("T1", "Cmdr Okafor", "subject barricaded"), (f.Suppression?.ThreatId, f.Suppression?.Actor, f.Suppression?.Reason)));
    }

    private Task<(string Id, List<(DateTimeOffset Time, Domain.Geometry.GeoPoint Position)> Fixes)> RecordHoldAsync() =>
        RecordedHold.RecordAsync(host, host.Clock);

    // A session this host's incident directory never listed, as one copied from another deployment is: recorded
    // straight through the host's session log, with no incident grain.
    private async Task<string> RecordUnlistedAsync(bool closed)
    {
        var id = $"copied-{Guid.NewGuid():N}"[..20];
        var at = host.Clock.GetUtcNow();
        var stream = new Command.Domain.Incidents.IncidentStream();
        var recorded = new List<IncidentEvent>();
        var site = new Domain.Sites.Site("Test campus", TestSite.Origin, [], []);
        stream.Record(new IncidentOpened(id, $"Copied {id}", site, true, "test", Domain.Incidents.IncidentSchema.Current, Domain.Incidents.AssessmentRules.Current) { Time = at }, at, recorded);
        stream.Record(new UnitEnrolled("P1", "Patrol 1", Domain.Units.UnitRole.Contact, "test") { Time = at }, at, recorded);
        if (closed)
        {
            stream.Record(new IncidentClosed("drill over", "test") { Time = at.AddSeconds(30) }, at.AddSeconds(30), recorded);
        }

        await host.Services.GetRequiredService<Domain.Recording.ISessionLog>().AppendAsync(id, recorded, Ct);
        return id;
    }

    private static async Task<List<IncidentEvent>> ReadAllAsync(SessionReader reader)
    {
        var events = new List<IncidentEvent>();
        await foreach (var e in reader.ReadAsync(null, null, Ct))
        {
            events.Add(e);
        }

        return events;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests;

/// <summary>
/// One recording on the data folder that cannot be read (a torn copy, a bad sector) is listed as such, and what asks for
/// it is told why; the other sessions are replayed and reported as before.
/// </summary>
public sealed class DamagedRecordingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_damaged_recording_is_listed_as_unreadable_its_paperwork_and_replay_say_why_and_every_other_session_still_opens()
    {
        var data = DataFolder.New();
        try
        {
            await using var host = new DataHost(data);
            await host.InitializeAsync();
            (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident("good-run"))).EnsureSuccessStatusCode();
            for (var i = 0; i < 5; i++)
            {
                (await host.PostJsonAsync("/api/incidents/good-run/reports", new { reports = new[] { TestSite.Report("P1", DateTimeOffset.UtcNow, 0, -60 + i) } })).EnsureSuccessStatusCode();
            }

            (await host.PostJsonAsync("/api/incidents/good-run/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
            // A copy of it, torn in the middle as a bad copy leaves it.
            var sessions = Path.Combine(data, "sessions");
            await CopySessionAsync(sessions, "torn-run", line => "this is not json at all " + line);

            var listed = await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions", Ct);
            var torn = listed.EnumerateArray().Single(s => s.GetProperty("incidentId").GetString() == "torn-run");
            var good = listed.EnumerateArray().Single(s => s.GetProperty("incidentId").GetString() == "good-run");
            Assert.False(good.TryGetProperty("unreadable", out _));
            Assert.False(good.TryGetProperty("damaged", out _));
            // Past what its manifest indexes (the manifest lags the segment by its last few seconds), the session is read up
            // to the last good line before the damage, and its list entry, report and replay say so.
            const string tornSaid = "the recording of 'torn-run' is read up to the line at byte ";
            Assert.StartsWith(tornSaid, torn.GetProperty("damaged").GetString(), StringComparison.Ordinal);
            var tornReport = await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions/torn-run/report?format=json", Ct);
            Assert.StartsWith(tornSaid, tornReport.GetProperty("incident").GetProperty("recordingDamaged").GetString(), StringComparison.Ordinal);
            var tornEnd = (await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions/torn-run/timeline", Ct)).EnumerateArray().Last();
            Assert.Equal("recording-damaged", tornEnd.GetProperty("type").GetString());
            Assert.StartsWith(tornSaid, tornEnd.GetProperty("reason").GetString(), StringComparison.Ordinal);

            // Damaged past what its manifest indexes, with good lines after: read up to the last good line, its report and
            // replay made of that and saying the rest is damaged; before, the whole session could not be read.
            var tail = await CopySessionAsync(sessions, "tail-run", line => line);
            var recorded = await File.ReadAllLinesAsync(tail, Ct);
            await File.AppendAllTextAsync(tail, "{\"type\":\"position-acc#####\n" + recorded[^1] + "\n", Ct);
            var damagedAt = new FileInfo(tail).Length - recorded[^1].Length - 1 - "{\"type\":\"position-acc#####\n".Length;
            var said = $"the recording of 'tail-run' is read up to the line at byte {damagedAt} of {Path.GetFileName(tail)}, which is not an event (JsonException: ";
            var listedTail = (await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions", Ct)).EnumerateArray().Single(s => s.GetProperty("incidentId").GetString() == "tail-run");
            Assert.StartsWith(said, listedTail.GetProperty("damaged").GetString(), StringComparison.Ordinal);
            Assert.Equal(good.GetProperty("eventCount").GetInt64(), listedTail.GetProperty("eventCount").GetInt64());
            var tailReport = await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions/tail-run/report?format=json", Ct);
            Assert.StartsWith(said, tailReport.GetProperty("incident").GetProperty("recordingDamaged").GetString(), StringComparison.Ordinal);
            using var tailReplay = await host.PostJsonAsync("/api/replays", new { incidentId = "tail-run" });
            tailReplay.EnsureSuccessStatusCode();
            Assert.StartsWith(said, (await tailReplay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("damaged").GetString(), StringComparison.Ordinal);

            // A line of garbage of its own length, past what the manifest indexes (it lags while the incident is open): the
            // same. (Within what it indexes, see the replay below.)
            await CopySessionAsync(sessions, "bad-line-run", line => new string('x', System.Text.Encoding.UTF8.GetByteCount(line)));
            var badLine = await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions/bad-line-run/report?format=json", Ct);
            Assert.StartsWith("the recording of 'bad-line-run' is read up to the line at byte ", badLine.GetProperty("incident").GetProperty("recordingDamaged").GetString(), StringComparison.Ordinal);

            // Cut short of what its manifest indexes (a copy that stopped at 30 %): said so, not passed off as a run that ended
            // early or one still open. (Cut past it, it cannot be told from a host that stopped mid-write.)
            var segment = await CopySessionAsync(sessions, "cut-run", line => line);
            await using (var file = new FileStream(segment, FileMode.Open))
            {
                file.SetLength(file.Length * 3 / 10);
            }

            var cut = (await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions", Ct)).EnumerateArray().Single(s => s.GetProperty("incidentId").GetString() == "cut-run");
            Assert.Matches("^the recording of 'cut-run' cannot be read \\(InvalidDataException: segment-[0-9]+\\.jsonl holds [0-9]+ bytes where its manifest recorded [0-9]+: the recording was cut short\\)$",
                cut.GetProperty("unreadable").GetString());
            using var cutReport = await host.Client.GetAsync("/api/sessions/cut-run/aar?format=html", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, cutReport.StatusCode);

            (await host.Client.GetAsync("/api/sessions/good-run/report?format=json", Ct)).EnsureSuccessStatusCode();
            (await host.PostJsonAsync("/api/replays", new { incidentId = "good-run" })).EnsureSuccessStatusCode();
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task A_replay_stopped_by_a_damaged_line_says_why_when_played_again_rather_than_playing_from_the_start()
    {
        var data = DataFolder.New();
        try
        {
            // Recorded and the host stopped, so its manifest indexes the whole recording: a line damaged past what it
            // indexes makes the session unreadable as it is listed.
            await using (var recording = new DataHost(data))
            {
                await recording.InitializeAsync();
                (await recording.PostJsonAsync("/api/incidents", TestSite.CreateIncident("good-run"))).EnsureSuccessStatusCode();
                for (var i = 0; i < 5; i++)
                {
                    (await recording.PostJsonAsync("/api/incidents/good-run/reports", new { reports = new[] { TestSite.Report("P1", DateTimeOffset.UtcNow, 0, -60 + i) } })).EnsureSuccessStatusCode();
                }

                (await recording.PostJsonAsync("/api/incidents/good-run/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
            }

            await CopySessionAsync(Path.Combine(data, "sessions"), "bad-line-run", line => new string('x', System.Text.Encoding.UTF8.GetByteCount(line)), line: 5);
            await using var host = new DataHost(data);
            await host.InitializeAsync();
            using var opened = await host.PostJsonAsync("/api/replays", new { incidentId = "bad-line-run" });
            Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync(Ct));
            var status = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var replayId = status.GetProperty("replayId").GetString();

            // Sought to its end, it stops where the good lines end and says where the damaged one is.
            using var sought = await host.PostJsonAsync($"/api/replays/{replayId}/seek", new { time = status.GetProperty("lastTime").GetDateTimeOffset() });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, sought.StatusCode);
            var reason = (await sought.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();
            Assert.Matches("^the recording of 'bad-line-run' cannot be read \\(JsonException: the line at byte [0-9]+ of segment-000001\\.jsonl is not an event: ", reason);

            // Played there, it says so again: it played from the start, to stop there again without a word.
            using var played = await host.PostJsonAsync($"/api/replays/{replayId}/play", new { speed = 1 });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, played.StatusCode);
            Assert.Equal(reason, (await played.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());

            // Its report covers it up to the same line and says so, where it answered 503 for the whole of it.
            using var report = await host.Client.GetAsync("/api/sessions/bad-line-run/report?format=json", Ct);
            Assert.True(report.StatusCode == HttpStatusCode.OK, await report.Content.ReadAsStringAsync(Ct));
            var incident = (await report.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("incident");
            Assert.Equal(4, incident.GetProperty("eventCount").GetInt64());
            Assert.Matches("^the recording of 'bad-line-run' is read up to line 5 of segment-000001\\.jsonl, at byte [0-9]+, which is not an event \\(JsonException: ", incident.GetProperty("recordingDamaged").GetString());

            // Its timeline ends there too and says so, where it answered as if the recording were whole.
            var timelineEnd = (await host.Client.GetFromJsonAsync<JsonElement>("/api/sessions/bad-line-run/timeline", Ct)).EnumerateArray().Last();
            Assert.Equal("recording-damaged", timelineEnd.GetProperty("type").GetString());
            Assert.Equal(incident.GetProperty("recordingDamaged").GetString(), timelineEnd.GetProperty("reason").GetString());
            Assert.Equal(incident.GetProperty("endedAt").GetDateTimeOffset(), timelineEnd.GetProperty("time").GetDateTimeOffset());
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    // A copy of good-run under another name, its third line (or the one given) as damage makes it; answers its segment's path.
    private static async Task<string> CopySessionAsync(string sessions, string name, Func<string, string> damage, int line = 3)
    {
        CopyFolder(Path.Combine(sessions, "good-run"), Path.Combine(sessions, name));
        var manifest = Path.Combine(sessions, name, "manifest.json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest, Ct)).Replace("\"good-run\"", $"\"{name}\"", StringComparison.Ordinal), Ct);
        var segment = Directory.GetFiles(Path.Combine(sessions, name), "segment-*.jsonl").Single();
        var lines = await File.ReadAllLinesAsync(segment, Ct);
        lines[line - 1] = damage(lines[line - 1]);
        await File.WriteAllTextAsync(segment, string.Join('\n', lines) + "\n", Ct);
        return segment;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        // Its snapshots too, which its manifest lists.
        foreach (var folder in Directory.GetDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private sealed class DataHost(string data) : CommandHost(new Dictionary<string, string?> { ["DataPath"] = data });
}

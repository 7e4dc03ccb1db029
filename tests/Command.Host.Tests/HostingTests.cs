using System.Net.Http.Json;
using System.Text.Json;
using Command.Domain.Events;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Command.Host.Tests;

public sealed class HostingTests(CommandHost host) : IClassFixture<CommandHost>
{
    [Fact]
    public void Drills_stop_before_the_silo_and_the_recording_after_it()
    {
        var order = host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        var recording = order.IndexOf("RecordingLifetime");
        var silo = order.FindIndex(name => name.Contains("Silo", StringComparison.Ordinal));
        var drills = order.IndexOf("DrillDirector");

        // Hosted services stop in the reverse of their order: drills stop sending first, then the incidents
        // deactivate (recording as they go), and the recording flushes last.
        Assert.True(recording >= 0 && silo >= 0 && drills >= 0, string.Join(", ", order));
        Assert.True(recording < silo, $"the recording stops before the silo: {string.Join(", ", order)}");
        Assert.True(silo < drills, $"drills stop after the silo: {string.Join(", ", order)}");
    }

    [Fact]
    public void The_host_logs_its_own_information_but_not_every_grain_placement()
    {
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("Command.Grains.Incidents.IncidentGrain").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task The_configured_log_level_wins_over_the_default()
    {
        await using var quiet = new QuietHost();
        await quiet.InitializeAsync();

        var logger = quiet.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Command.Grains.Incidents.IncidentGrain");

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task An_incident_carries_on_from_its_recording_after_the_host_restarts()
    {
        var data = Path.Combine(Path.GetTempPath(), "command-tests", "restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            await CarriesOnAfterRestartAsync(data);
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public async Task A_second_host_on_a_data_folder_another_host_runs_on_refuses_to_start_and_one_after_it_stopped_starts()
    {
        // Started anyway, the second host wrote the first's incident recording with the same sequence numbers, and the
        // first's accepted reports were gone after a restart.
        var data = Path.Combine(Path.GetTempPath(), "command-tests", "shared-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = new DataHost(data))
            {
                await first.InitializeAsync();
                // Where it keeps its data is said as it starts: a typo in the setting put it in the program's folder unsaid.
                Assert.Contains(HostLog.Lines(first), l => l.Text.Contains("Keeping this host's data in", StringComparison.Ordinal) && l.Text.Contains(data.Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal));
                await using var second = new DataHost(data);

                var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await second.InitializeAsync());

                Assert.Matches($"^This host cannot start: its data folder {System.Text.RegularExpressions.Regex.Escape(data)} is in use by another host \\(process {Environment.ProcessId} on .+, since .+ UTC\\)\\. Give each host its own DataPath, or stop the other first\\.$", refused.Message);
                (await first.Client.GetAsync("/health", Ct)).EnsureSuccessStatusCode();
            }

            await using var after = new DataHost(data);
            await after.InitializeAsync();
            (await after.Client.GetAsync("/health", Ct)).EnsureSuccessStatusCode();
        }
        finally
        {
            DataFolder.Remove(data);
        }
    }

    [Fact]
    public void A_data_folder_that_is_a_file_is_named_as_one()
    {
        // Started on it, the host logged a storage failure and then died of a missing 'access' folder.
        var file = Path.Combine(Path.GetTempPath(), "command-tests", "a-file-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "not a folder");
        try
        {
            var refused = Assert.Throws<InvalidOperationException>(() => Command.Host.Hosting.DataFolderLock.Take(file, TimeProvider.System));

            Assert.Equal($"This host cannot start: its data folder {file} (DataPath) is a file, not a folder", refused.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_spill_folder_that_cannot_be_written_stops_the_host_at_start()
    {
        // Under a file: found only when storage failed and the spill was needed, the events it was there for lost.
        var file = Path.Combine(Path.GetTempPath(), "command-tests", "spill-file-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "not a folder");
        try
        {
            await using var host = new SpillHost(Path.Combine(file, "spill"));

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.InitializeAsync());

            Assert.StartsWith($"This host cannot start: Recording:SpillPath {Path.Combine(file, "spill")} cannot be written (", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed class SpillHost(string spill) : CommandHost(new Dictionary<string, string?> { ["Recording:SpillPath"] = spill });

    private static async Task CarriesOnAfterRestartAsync(string data)
    {
        var id = $"r-{Guid.NewGuid():N}"[..20];
        long before;
        await using (var first = new DataHost(data))
        {
            await first.InitializeAsync();
            (await first.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
            (await first.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", DateTimeOffset.UtcNow.AddSeconds(-2), 0, -50) } })).EnsureSuccessStatusCode();
            before = (await first.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct)).GetProperty("lastSequence").GetInt64();
        }

        await using var second = new DataHost(data);
        await second.InitializeAsync();
        var incident = await second.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct);
        var units = await second.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/units", Ct);
        var posted = await second.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", DateTimeOffset.UtcNow, 0, -45) } });
        var listed = await second.Client.GetFromJsonAsync<JsonElement>("/api/incidents", Ct);
        var reopened = await second.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id));

        // Grain state is in memory and went with the first host; the recording on disk did not. Run again, the incident
        // says first that it was not running while its host was stopped.
        Assert.Equal(before + 1, incident.GetProperty("lastSequence").GetInt64());
        Assert.Equal("P1", Assert.Single(units.EnumerateArray()).GetProperty("unitId").GetString());
        posted.EnsureSuccessStatusCode();
        Assert.Contains(listed.EnumerateArray(), i => i.GetProperty("incidentId").GetString() == id);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, reopened.StatusCode);
        var sequences = new List<long>();
        var reader = await Command.Recording.Reading.SessionReader.OpenAsync(
            new Command.Recording.Storage.DiskSessionStore(Path.Combine(data, "sessions")), id, Ct);
        await foreach (var e in reader.ReadAsync(cancellationToken: Ct))
        {
            sequences.Add(e.Sequence);
            Assert.Equal(e.Sequence == before + 1, e is Command.Domain.Events.IncidentResumed);
        }

        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.True(sequences[^1] > before);
    }

    [Fact]
    public async Task A_quiet_incident_records_no_ticks_and_carries_on_with_the_next_report()
    {
        // Incidents tick every second on a clock the test moves, and go quiet after ten minutes.
        await using var idle = new FakeClockHost(new Dictionary<string, string?> { ["Incidents:TickInterval"] = "00:00:01", ["Incidents:IdleAfter"] = "00:10:00" });
        await idle.InitializeAsync();
        var id = $"idle-{Guid.NewGuid():N}"[..20];
        (await idle.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await idle.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", idle.Clock.GetUtcNow(), 0, -50) } })).EnsureSuccessStatusCode();

        idle.Clock.Advance(TimeSpan.FromMinutes(11));
        var after = TestSite.Report("P1", idle.Clock.GetUtcNow(), 0, -45);
        (await idle.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { after } })).EnsureSuccessStatusCode();

        // Eleven minutes of silence left nothing in the recording but what they brought about (the unit going stale,
        // flags); the report after them is numbered on from the last event recorded.
        var recorded = await RecordedAsync(idle, id);
        Assert.DoesNotContain(recorded, e => e is ClockTicked);
        Assert.Equal(Enumerable.Range(1, recorded.Count).Select(i => (long)i), recorded.Select(e => e.Sequence));
        var last = Assert.IsType<PositionAccepted>(recorded.Last(e => !e.IsDerived));
        Assert.Equal(idle.Clock.GetUtcNow(), last.Time);
        Assert.Equal(2, recorded.OfType<PositionAccepted>().Count());
    }

    private static async Task<List<IncidentEvent>> RecordedAsync(CommandHost host, string incidentId)
    {
        var reader = await Command.Recording.Reading.SessionReader.OpenAsync(
            new Command.Recording.Storage.DiskSessionStore(Path.Combine(host.DataPath, "sessions")), incidentId, Ct);
        return await reader.ReadAsync(cancellationToken: Ct).ToListAsync(Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class QuietHost() : CommandHost(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" });

    /// <summary>A host on a data folder the test keeps, so a second host can start on it.</summary>
    private sealed class DataHost(string data) : CommandHost(new Dictionary<string, string?> { ["DataPath"] = data });
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Grains;
using Command.Host.Hosting;
using Command.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Command.Host.Tests.Hosting;

/// <summary>
/// While an incident cannot record (its storage away), what this host hands it is refused: reports from radios and
/// phones, and commanders' commands. Once it records again it is told once of the hole in its record, with what was
/// refused and why, so that the after-action report says so instead of reading the silence as the units'. Meanwhile
/// <c>/health</c> says the host is degraded and why. The host's own recorder is left out: the test tells on its clock.
/// </summary>
public sealed class RecordingHoleTests(RecordingHoleTests.Host host) : IClassFixture<RecordingHoleTests.Host>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hole_in_the_record_is_told_once_the_incident_records_again_with_what_was_refused()
    {
        var id = $"hole-{Guid.NewGuid():N}"[..16];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        await ReportAsync(id, HttpStatusCode.OK, "P1");
        var recorder = host.Recorder();

        host.Storage.Away(id);
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        var from = host.Clock.GetUtcNow();
        await ReportAsync(id, HttpStatusCode.ServiceUnavailable, "P1", "P2");
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        using (var role = await host.Client.PutAsJsonAsync($"/api/incidents/{id}/units/P1/role", new { role = "perimeter" }, Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, role.StatusCode);
        }

        var health = await host.Client.GetFromJsonAsync<JsonElement>("/health", Ct);
        Assert.Equal(("degraded", $"at {host.Clock.GetUtcNow():HH:mm:ss} UTC the incident's storage did not answer (Connection refused (127.0.0.1:10000)): incidents cannot record until it answers"),
            (health.GetProperty("status").GetString(), health.GetProperty("detail").GetString()));
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        var until = host.Clock.GetUtcNow();
        await ReportAsync(id, HttpStatusCode.ServiceUnavailable, "P1");
        host.Storage.Back();

        // Not told while refusals may still come, then told once, however often the recorder looks.
        Assert.Equal(0, await recorder.TellQuietAsync(Ct));
        host.Clock.Advance(RecordingHoleRecorder.QuietFor);
        Assert.Equal(1, await recorder.TellQuietAsync(Ct));
        Assert.Equal(0, await recorder.TellQuietAsync(Ct));

        var local = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.ToString();
        var marks = (await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct))!
            .Where(m => m.GetProperty("type").GetString() == "recording-interrupted").ToList();
        var mark = Assert.Single(marks);
        Assert.Equal((local, "3/1", $"{from:O}/{until:O}", "the incident's storage did not answer (Connection refused (127.0.0.1:10000))"),
            (mark.GetProperty("subject").GetString(), mark.GetProperty("level").GetString(), mark.GetProperty("about").GetString(), mark.GetProperty("reason").GetString()));
        var report = await host.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/report?format=json", Ct);
        Assert.Contains(report.GetProperty("timeline").EnumerateArray(), m => m.GetProperty("text").GetString() ==
            $"The incident could not record from {from:HH:mm:ss} to {until:HH:mm:ss} UTC: 3 reports and 1 command handed to it by host {local} were refused and are not in this record (the incident's storage did not answer (Connection refused (127.0.0.1:10000)))");

        // Storage answered a minute ago and has not failed since: healthy again.
        host.Clock.Advance(Command.Host.Api.HealthApi.StorageFailureShownFor);
        Assert.Equal("healthy", (await host.Client.GetFromJsonAsync<JsonElement>("/health", Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_hole_the_incident_cannot_record_yet_is_told_again_with_the_refusals_since()
    {
        var id = $"hole-{Guid.NewGuid():N}"[..16];
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        var recorder = host.Recorder();

        host.Storage.Away(id);
        var from = host.Clock.GetUtcNow();
        await ReportAsync(id, HttpStatusCode.ServiceUnavailable, "P1");
        host.Clock.Advance(RecordingHoleRecorder.QuietFor);

        // Still away: the telling is refused, and kept; the report refused meanwhile joins it.
        Assert.Equal(0, await recorder.TellQuietAsync(Ct));
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        var until = host.Clock.GetUtcNow();
        await ReportAsync(id, HttpStatusCode.ServiceUnavailable, "P1", "P2");
        host.Storage.Back();
        host.Clock.Advance(RecordingHoleRecorder.QuietFor);
        Assert.Equal(1, await recorder.TellQuietAsync(Ct));

        var mark = Assert.Single((await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{id}/timeline", Ct))!,
            m => m.GetProperty("type").GetString() == "recording-interrupted");
        Assert.Equal(("3/0", $"{from:O}/{until:O}"), (mark.GetProperty("level").GetString(), mark.GetProperty("about").GetString()));
    }

    private async Task ReportAsync(string id, HttpStatusCode expected, params string[] units)
    {
        using var response = await host.PostJsonAsync($"/api/incidents/{id}/reports",
            new { reports = units.Select(u => TestSite.Report(u, host.Clock.GetUtcNow(), 0, -50)).ToArray() });
        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>A host whose incidents' storage a test can take away, without its own hole recorder.</summary>
    public sealed class Host : FakeClockHost
    {
        public Host()
            : this(new StorageAway())
        {
        }

        private Host(StorageAway storage)
            : base(new Dictionary<string, string?>(), services =>
            {
                services.AddSingleton<IIncomingGrainCallFilter>(storage);
                services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RecordingHoleRecorder)));
            }) =>
            Storage = storage;

        public StorageAway Storage { get; }

        public RecordingHoleRecorder Recorder() => new(
            Services.GetRequiredService<RecordingHoles>(), Services.GetRequiredService<IGrainFactory>(), Services.GetRequiredService<ILocalSiloDetails>(),
            Services.GetRequiredKeyedService<TimeProvider>(IncidentClock.Key), Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RecordingHoleRecorder>>());
    }
}

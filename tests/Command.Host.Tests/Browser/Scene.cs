using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Domain.Geometry;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Browser;

/// <summary>An incident on the test campus, set up through the public API the way dispatch would.</summary>
internal sealed class Scene(DashboardHost host, string incidentId)
{
    /// <summary>Report cadence of the scripted units, seconds.</summary>
    public const int CadenceS = 10;

    public string IncidentId { get; } = incidentId;

    /// <summary>
    /// Opens an incident on the test campus, or on the site <paramref name="create"/> makes for its id; those opened
    /// before it are closed, unless <paramref name="keepOpen"/> (see <see cref="CommandHost.NextIncidentAsync"/>).
    /// </summary>
    public static async Task<Scene> OpenAsync(DashboardHost host, string prefix, Func<string, object>? create = null, bool keepOpen = false)
    {
        var id = await host.NextIncidentAsync($"{prefix}-{Guid.NewGuid():N}"[..24], keepOpen);
        (await host.PostJsonAsync("/api/incidents", (create ?? (i => TestSite.CreateIncident(i)))(id))).EnsureSuccessStatusCode();
        return new Scene(host, id);
    }

    /// <summary>An incident with patrol P1 enrolled a second after it opened on the test's clock, and its first report.</summary>
    public static async Task<Scene> PatrolReportedAsync(FakeClockDashboardHost host, string prefix)
    {
        var scene = await OpenAsync(host, prefix);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.ReportAsync("P1", host.Clock.GetUtcNow(), 0, -60);
        return scene;
    }

    /// <summary>
    /// An incident whose threat is active in the main building, 100 m north of the origin, and Patrol 1, a contact
    /// unit, holding 60 m south of the origin long enough to be alerted: the scene most page tests start from.
    /// </summary>
    public static async Task<Scene> HeldPatrolAsync(DashboardHost host, string prefix)
    {
        var scene = await OpenAsync(host, prefix);
        await scene.ThreatAsync(0, 100);
        await scene.EnrolAsync("P1", "Patrol 1", "contact");
        await scene.HoldAsync("P1", 0, -60);
        return scene;
    }

    /// <summary>Latitude and longitude of a campus point as the page writes them (six decimals).</summary>
    public static (string Lat, string Lon) Shown(double east, double north)
    {
        var p = TestSite.Frame.ToGeo(new LocalPoint(east, north));
        return (p.Latitude.ToString("F6", CultureInfo.InvariantCulture), p.Longitude.ToString("F6", CultureInfo.InvariantCulture));
    }

    public async Task EnrolAsync(string unitId, string callsign, string role) =>
        (await host.PostJsonAsync($"/api/incidents/{IncidentId}/units", new { unitId, callsign, role })).EnsureSuccessStatusCode();

    public async Task ThreatAsync(double east, double north, double uncertaintyM = 10, string phase = "active", string? reason = null, string? name = null, string? remarks = null)
    {
        var p = TestSite.Frame.ToGeo(new LocalPoint(east, north));
        var body = new { lat = p.Latitude, lon = p.Longitude, uncertaintyM, phase, reason, name, remarks };
        (await host.Client.PutAsJsonAsync($"/api/incidents/{IncidentId}/threats/T1", body, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    /// <summary>Posts fixes at the cadence ending a second ago, one per position given (east, north).</summary>
    public Task TrackAsync(string unitId, params (double East, double North)[] path) => TrackAsync(unitId, 5, path);

    /// <summary>Posts fixes at the cadence ending a second ago, one per position given, stating an accuracy.</summary>
    public async Task TrackAsync(string unitId, double accuracyM, params (double East, double North)[] path)
    {
        var last = DateTimeOffset.UtcNow.AddSeconds(-1);
        var reports = path.Select((p, i) => TestSite.Report(unitId, last.AddSeconds(-CadenceS * (path.Length - 1 - i)), p.East, p.North, accuracyM)).ToArray();
        var response = await host.PostJsonAsync($"/api/incidents/{IncidentId}/reports", new { reports });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(reports.Length, answer.GetProperty("accepted").GetInt32());
    }

    /// <summary>Posts one fix taken at the given time.</summary>
    public async Task ReportAsync(string unitId, DateTimeOffset fixTime, double east, double north)
    {
        var response = await host.PostJsonAsync($"/api/incidents/{IncidentId}/reports", new { reports = new[] { TestSite.Report(unitId, fixTime, east, north) } });
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
    }

    /// <summary>A unit standing still for ninety seconds: long enough past any grace to raise an alert.</summary>
    public Task HoldAsync(string unitId, double east, double north) =>
        TrackAsync(unitId, [.. Enumerable.Repeat((east, north), 10)]);

    public async Task AcknowledgeAsync(string subject, string reason) =>
        (await host.PostJsonAsync($"/api/incidents/{IncidentId}/flags/{subject}/ack", new { reason })).EnsureSuccessStatusCode();

    public async Task<JsonElement> UnitAsync(string unitId)
    {
        var units = await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{IncidentId}/units", TestContext.Current.CancellationToken);
        return units!.Single(u => u.GetProperty("unitId").GetString() == unitId);
    }

    public async Task<JsonElement> ThreatViewAsync()
    {
        var view = await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{IncidentId}", TestContext.Current.CancellationToken);
        return view.GetProperty("threats").EnumerateArray().Single(t => t.GetProperty("threatId").GetString() == "T1");
    }

    /// <summary>When a unit's distance-to-threat series starts, as a replay's chart gets it.</summary>
    public async Task<DateTimeOffset> FirstChartPointAsync(string unitId)
    {
        var opened = await host.PostJsonAsync("/api/replays", new { incidentId = IncidentId });
        opened.EnsureSuccessStatusCode();
        var replayId = (await opened.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("replayId").GetString();
        var series = await host.Client.GetFromJsonAsync<JsonElement>($"/api/replays/{replayId}/series?units={unitId}", TestContext.Current.CancellationToken);
        var seconds = series.GetProperty("units")[0].GetProperty("points")[0][0].GetDouble();
        (await host.Client.DeleteAsync($"/api/replays/{replayId}", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
    }

    public Task<JsonElement> DrillAsync() =>
        host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{IncidentId}/drill", TestContext.Current.CancellationToken);
}

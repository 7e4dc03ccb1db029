using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Command.Ingest.Tests.Listeners;

namespace Command.Ingest.Tests.Http;

/// <summary>
/// A request belongs to the listener it arrived on, whatever Host header it carries: the OsmAnd port serves only
/// OsmAnd, and the API's port never serves OsmAnd.
/// </summary>
public sealed class ListenerSeparationTests : IAsyncLifetime
{
    private const string Fix = "/?id=phone1&lat=39.7392&lon=-104.9903&timestamp=1773500390";

    private IngestApp? rig;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => rig = await IngestApp.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        if (rig is not null)
        {
            await rig.DisposeAsync();
        }
    }

    [Fact]
    public void Port_0_gives_the_osmand_listener_a_free_port_of_its_own()
    {
        Assert.NotEqual(0, rig!.OsmAndPort);
        Assert.NotEqual(rig.ApiPort, rig.OsmAndPort);
    }

    [Fact]
    public async Task A_report_batch_sent_to_the_osmand_port_is_404_and_delivers_nothing()
    {
        var onOsmAnd = await rig!.OsmAnd.PostAsJsonAsync("/api/incidents/drill-1/reports", new { reports = new[] { Report() } }, Ct);
        var onApi = await rig.Api.PostAsJsonAsync("/api/incidents/drill-1/reports", new { reports = new[] { Report() } }, Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (onOsmAnd.StatusCode, onApi.StatusCode));
        Assert.Equal(["drill-1"], rig.Incidents.Snapshot().Select(d => d.Incident));
    }

    [Fact]
    public async Task The_root_of_the_osmand_port_takes_only_get_and_post()
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, Fix);

        var response = await rig!.OsmAnd.SendAsync(put, Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow);
        Assert.Empty(rig.Incidents.Snapshot());
    }

    [Fact]
    public async Task An_osmand_request_on_the_api_port_is_not_osmand_even_with_the_osmand_port_as_its_host()
    {
        using var forged = new HttpRequestMessage(HttpMethod.Get, Fix);
        forged.Headers.Host = $"127.0.0.1:{rig!.OsmAndPort}";

        var response = await rig.Api.SendAsync(forged, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(rig.Incidents.Snapshot());
    }

    [Fact]
    public async Task The_api_port_answers_a_refused_batch_with_the_api_error_shape()
    {
        using var body = new StringContent("{\"reports\": [", System.Text.Encoding.UTF8, "application/json");

        var response = await rig!.Api.PostAsync("/api/incidents/drill-1/reports", body, Ct);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["reason", "detail", "errors"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("malformed", JsonValueKind.Null), (error.GetProperty("reason").GetString(), error.GetProperty("errors").ValueKind));
    }

    private static object Report() => new { unitId = "P1", fixTime = IngestRig.Now, lat = 39.7392, lon = -104.9903 };
}

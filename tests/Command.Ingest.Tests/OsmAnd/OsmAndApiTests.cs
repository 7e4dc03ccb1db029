using System.Net;
using System.Text;
using Command.Domain.Validation;
using Command.Ingest.Http;
using Command.Ingest.Intake;
using Command.Ingest.Tests.Listeners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Command.Ingest.Tests.OsmAnd;

public sealed class OsmAndApiTests : IAsyncLifetime
{
    private readonly FakeIncidentPort port = new();
    private WebApplication? app;
    private HttpClient? client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ingest:Incident"] = "drill-1",
            ["Ingest:OsmAnd:Port"] = "0",
            ["Ingest:OsmAnd:Incident"] = "drill-phones",
            ["Ingest:OsmAnd:MaxBodyBytes"] = "1024",
            ["Ingest:Cot:Udp:Enabled"] = "false",
            ["Ingest:Cot:Tcp:Enabled"] = "false",
            ["Ingest:Nmea:Tcp:Enabled"] = "false",
            ["Ingest:Aprs:Tcp:Enabled"] = "false",
        });
        builder.Services.AddSingleton<IIncidentPort>(port).AddSingleton<TimeProvider>(new FakeTimeProvider(IngestRig.Now)).AddCommandIngest(builder.Configuration);
        app = builder.Build();
        app.MapIngestEndpoints();
        await app.StartAsync(Ct);
        client = app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Get_with_query_is_answered_200_with_an_empty_body()
    {
        var response = await client!.GetAsync("/?id=phone1&lat=39.7392&lon=-104.9903&timestamp=1773500390&speed=2", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(Ct));
        var delivered = Assert.Single(port.Snapshot());
        Assert.Equal(("drill-phones", "phone1"), (delivered.Incident, delivered.Report?.UnitId));
    }

    [Fact]
    public async Task Post_form_and_post_with_query_are_both_read()
    {
        using var form = new StringContent("id=phone2&lat=39.7&lon=-104.9&timestamp=1773500390", Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, (await client!.PostAsync("/", form, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/?id=phone3&lat=39.7&lon=-104.9&timestamp=1773500390", null, Ct)).StatusCode);
        Assert.Equal(["phone2", "phone3"], port.Snapshot().Select(d => d.Report!.UnitId));
    }

    [Fact]
    public async Task Post_json_body_is_read()
    {
        using var json = new StringContent(OsmAndParserTests.Json, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await client!.PostAsync("/", json, Ct)).StatusCode);
        Assert.Equal("phone-7", Assert.Single(port.Snapshot()).Report?.UnitId);
    }

    [Fact]
    public async Task Refused_request_is_400_with_reason_and_recorded_with_its_raw_text()
    {
        var response = await client!.GetAsync("/?id=phone1&lat=39.7392", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("missing-field: request has no lat and lon", await response.Content.ReadAsStringAsync(Ct));
        var refused = Assert.Single(port.Snapshot()).Refused;
        Assert.Equal((RejectReason.MissingField, "id=phone1&lat=39.7392"), (refused?.Reason, refused?.Raw));
    }

    [Fact]
    public async Task Body_over_the_limit_is_oversized()
    {
        using var big = new StringContent("id=p&lat=1&lon=2&pad=" + new string('x', 2000), Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await client!.PostAsync("/", big, Ct);
        Assert.Equal("oversized: body is longer than the 1024-byte limit", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Fix_too_old_for_the_screen_is_refused_by_the_intake()
    {
        var response = await client!.GetAsync("/?id=phone1&lat=39.7392&lon=-104.9903&timestamp=1773400000", Ct);
        Assert.Equal("too-old: fix is 100400 s old (limit 300 s)", await response.Content.ReadAsStringAsync(Ct));
    }
}

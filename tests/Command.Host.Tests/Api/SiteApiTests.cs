using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Domain.Geometry;
using Command.Host.Access;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Api;

/// <summary>
/// PUT /api/incidents/{id}/site: an incident opened with only an origin is given its buildings, zones and time zone
/// afterwards, as a drill's start gives it its scenario's; a site it has of its own is never overwritten.
/// </summary>
public sealed class SiteApiTests(CommandHost host) : IClassFixture<CommandHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewId() => $"s-{Guid.NewGuid():N}"[..20];

    // The test campus's ground, without its origin: the incident's is kept.
    private static object Campus(string name = "Test campus", string timeZone = "America/Chicago") => new
    {
        name,
        buildings = new[] { new { id = "main", name = "Main building", floors = 2, footprint = TestSite.Square(100, 20) } },
        zones = new[] { new { id = "hot", name = "Hot zone", kind = "hot", polygon = TestSite.Square(100, 30) } },
        timeZone,
    };

    private async Task<string> OpenOriginOnlyAsync()
    {
        var id = NewId();
        var created = await host.PostJsonAsync("/api/incidents", new { id, site = new { origin = new { lat = TestSite.Origin.Latitude, lon = TestSite.Origin.Longitude } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return id;
    }

    private Task<HttpResponseMessage> PutAsync(string id, object site, HttpClient? client = null) =>
        (client ?? host.Client).PutAsJsonAsync($"/api/incidents/{id}/site", site, Ct);

    private async Task<JsonElement> SiteAsync(string id) =>
        (await host.Client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}", Ct)).GetProperty("site");

    [Fact]
    public async Task An_incident_opened_with_only_an_origin_is_given_its_site_and_judges_units_inside_its_buildings()
    {
        var id = await OpenOriginOnlyAsync();

        var put = await PutAsync(id, Campus());

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var site = await SiteAsync(id);
        Assert.Equal(("Test campus", "main", "hot", "America/Chicago"), (
            site.GetProperty("name").GetString(), site.GetProperty("buildings")[0].GetProperty("buildingId").GetString(),
            site.GetProperty("zones")[0].GetProperty("zoneId").GetString(), site.GetProperty("timeZone").GetString()));
        Assert.Equal(TestSite.Origin.Latitude, site.GetProperty("origin").GetProperty("latitude").GetDouble());

        // The threat in the school and a unit at its middle: arrived inside the building the site now has.
        var threat = TestSite.Frame.ToGeo(new LocalPoint(0, 100));
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", new { lat = threat.Latitude, lon = threat.Longitude }, Ct)).EnsureSuccessStatusCode();
        var now = DateTimeOffset.UtcNow;
        (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report("P1", now.AddSeconds(-5), 2, 100), TestSite.Report("P1", now, 2, 101) } })).EnsureSuccessStatusCode();
        var unit = Assert.Single((await host.Client.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{id}/units", Ct))!);
        Assert.Equal("arrived", unit.GetProperty("state").GetString());
        Assert.StartsWith("inside Main building", unit.GetProperty("arrivalReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_site_an_incident_has_is_kept_and_another_is_refused_saying_how_it_differs()
    {
        var id = await OpenOriginOnlyAsync();
        (await PutAsync(id, Campus())).EnsureSuccessStatusCode();

        var again = await PutAsync(id, Campus());
        var other = await PutAsync(id, Campus(timeZone: "America/Denver"));

        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var error = await other.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("site-differs", error.GetProperty("reason").GetString());
        Assert.Equal(
            $"incident '{id}' has a site of its own, Test campus, that differs: time zone America/Chicago against the site given's America/Denver. A site someone set is not overwritten",
            error.GetProperty("detail").GetString());
        Assert.Equal("America/Chicago", (await SiteAsync(id)).GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task A_site_of_an_incident_opened_with_its_own_is_not_overwritten()
    {
        var id = NewId();
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();

        var response = await PutAsync(id, new { name = "Elsewhere", zones = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("site-differs", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Equal("main", (await SiteAsync(id)).GetProperty("buildings")[0].GetProperty("buildingId").GetString());
    }

    [Fact]
    public async Task A_bad_site_or_another_origin_is_refused_by_field_and_nothing_is_set()
    {
        var id = await OpenOriginOnlyAsync();

        var badZone = await PutAsync(id, new { zones = new[] { new { id = "z1", kind = "lukewarm", polygon = TestSite.Square(0, 10) } } });
        var moved = await PutAsync(id, new { origin = new { lat = 44.01, lon = -100.0 }, buildings = new[] { new { id = "main", floors = 2, footprint = TestSite.Square(100, 20) } } });
        var missing = await PutAsync(NewId(), Campus());

        Assert.Equal([("site.zones[0].kind", "invalid-value")], await FieldsAsync(badZone));
        Assert.Equal([("site.origin", "invalid-value")], await FieldsAsync(moved));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("unknown-incident", (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        var site = await SiteAsync(id);
        Assert.Equal((0, 0), (site.GetProperty("buildings").GetArrayLength(), site.GetProperty("zones").GetArrayLength()));
    }

    [Fact]
    public async Task Setting_a_site_needs_the_right_to_command()
    {
        var id = await OpenOriginOnlyAsync();
        using var nobody = host.ClientWith(null);
        using var observer = host.ClientWith(await host.Access.TokenForAsync("observer"));
        using var evaluator = host.ClientWith(await host.Access.TokenForAsync("evaluator"));

        var anonymous = await PutAsync(id, Campus(), nobody);
        var watching = await PutAsync(id, Campus(), observer);
        var evaluating = await PutAsync(id, Campus(), evaluator);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, Rights.Command), (watching.StatusCode, await RightAsync(watching)));
        Assert.Equal((HttpStatusCode.Forbidden, Rights.Command), (evaluating.StatusCode, await RightAsync(evaluating)));
        Assert.Equal(0, (await SiteAsync(id)).GetProperty("buildings").GetArrayLength());
    }

    private static async Task<(string?, string?)[]> FieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString(), e.GetProperty("reason").GetString()))];
    }

    private static async Task<string?> RightAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("right").GetString();
}

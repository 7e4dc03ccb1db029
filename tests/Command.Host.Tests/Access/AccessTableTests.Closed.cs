using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Command.Host.Access;
using Command.Host.Live;
using Command.Host.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.Host.Tests.Access;

/// <summary>
/// The table's other half: what each role gets of a real closed incident (a unit with a fix, a zone, a threat, a note),
/// from every endpoint and hub call that reads an incident. A closed incident is a recording: those who may not watch
/// replays (commander, observer) are refused what it showed, saying it is closed, or read it without its threats; those
/// who may (controller, evaluator) read it, as far as their other rights go. Ids that name nothing could not tell.
/// </summary>
public sealed partial class AccessTableTests
{
    /// <summary>The roles asked of the closed incident: two who may not watch replays, two who may.</summary>
    private static readonly string[] ClosedRoles = ["commander", "observer", "controller", "evaluator"];

    /// <summary>
    /// What each of <see cref="ClosedRoles"/> gets of the closed incident: "ok"; "ok, withheld" for an answer that withholds
    /// part of it saying why; "closed: right" for a refusal naming the right and saying the incident is a recording;
    /// "refused: right" for one naming the right alone; else the status.
    /// </summary>
    private static readonly Dictionary<string, string[]> OfClosed = new(StringComparer.Ordinal)
    {
        ["GET /api/incidents/"] = ["ok", "ok", "ok", "ok"],
        ["GET /api/incidents/{id}"] = ["ok, withheld", "ok, withheld", "ok", "ok"],
        ["GET /api/incidents/{id}/units"] = ["closed: watch-replays", "closed: watch-replays", "ok", "ok"],
        ["GET /api/incidents/{id}/zones"] = ["closed: watch-replays", "closed: watch-replays", "ok", "ok"],
        ["GET /api/incidents/{id}/zones/{zoneId}"] = ["closed: watch-replays", "closed: watch-replays", "ok", "ok"],
        ["GET /api/units/{unitId}"] = ["closed: watch-replays", "closed: watch-replays", "ok", "ok"],
        ["GET /api/incidents/{id}/drill/"] = ["closed: watch-replays", "closed: watch-replays", "ok", "ok"],
        ["GET /api/sessions"] = ["refused: watch-replays", "refused: watch-replays", "ok", "ok"],
        ["GET /api/sessions/{id}/timeline"] = ["closed: watch-replays", "closed: watch-replays", "ok", "ok"],
        ["GET /api/sessions/{id}/report"] = ["refused: export", "refused: export", "refused: export", "ok"],
        ["GET /api/sessions/{id}/notes"] = ["refused: read-notes", "refused: read-notes", "ok", "ok"],
        ["GET /api/sessions/{id}/ratings"] = ["refused: read-notes", "refused: read-notes", "ok", "ok"],
        ["GET /api/sessions/{id}/aar"] = ["refused: export", "refused: export", "refused: export", "ok"],
        ["GET /api/sessions/{id}/ics214"] = ["refused: export", "refused: export", "refused: export", "ok"],
        ["GET /api/sessions/{id}/exports/{jobId}"] = ["refused: export", "refused: export", "refused: export", "404"],
        ["GET /api/diagnostics/incidents/{id}/silo"] = ["refused: manage-access", "refused: manage-access", "refused: manage-access", "refused: manage-access"],
        ["hub Join {id}"] = ["closed: watch-replays", "closed: watch-replays", "ok", "ok"],
        ["hub WatchNotes {id}"] = ["refused: read-notes", "refused: read-notes", "ok", "ok"],
    };

    [Fact]
    public void Every_endpoint_that_reads_an_incident_has_a_row_for_a_closed_one()
    {
        var reading = Endpoints.Keys.Where(e => e.StartsWith("GET ", StringComparison.Ordinal)
            && (e.Contains("{id}", StringComparison.Ordinal) || e.Contains("{unitId}", StringComparison.Ordinal) || e.StartsWith("GET /api/incidents", StringComparison.Ordinal) || e.StartsWith("GET /api/sessions", StringComparison.Ordinal)));
        var hub = HubCalls.Where(c => c.Argument == "no-such-incident" && c.Method is "Join" or "WatchNotes").Select(c => $"hub {c.Method} {{id}}");

        Assert.Equal([], reading.Concat(hub).Except(OfClosed.Keys).Select(e => $"reads an incident, no row: {e}").Concat(OfClosed.Keys.Except(reading.Concat(hub)).Select(e => $"row, not read: {e}")));
    }

    [Fact]
    public async Task Every_role_against_every_endpoint_that_reads_a_closed_incident()
    {
        var (id, unit) = await ClosedIncidentAsync();
        var got = new List<string>();
        foreach (var (call, expected) in OfClosed)
        {
            for (var r = 0; r < ClosedRoles.Length; r++)
            {
                var outcome = call.StartsWith("hub ", StringComparison.Ordinal)
                    ? await HubOutcomeAsync(call.Split(' ')[1], id, ClosedRoles[r])
                    : await OutcomeAsync(call.Split(' ')[1].Replace("{id}", id, StringComparison.Ordinal).Replace("{unitId}", unit, StringComparison.Ordinal)
                        .Replace("{zoneId}", "hot", StringComparison.Ordinal).Replace("{jobId}", "none", StringComparison.Ordinal), id, ClosedRoles[r]);
                if (outcome != expected[r])
                {
                    got.Add($"{call} as {ClosedRoles[r]}: {outcome}, expected {expected[r]}");
                }
            }
        }

        Assert.Empty(got);
    }

    /// <summary>
    /// A real closed incident: a unit with a fix, a zone, a threat, an exercise objective and a note (the admin's, number
    /// 1), closed with a reason.
    /// </summary>
    private async Task<(string Id, string Unit)> ClosedIncidentAsync()
    {
        var (id, unit) = ($"t-{Guid.NewGuid():N}"[..20], $"u-{Guid.NewGuid():N}"[..14]);
        (await host.PostJsonAsync("/api/incidents", TestSite.CreateIncident(id))).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/units", new { unitId = unit, callsign = "Patrol 1", role = "contact" })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/reports", new { reports = new[] { TestSite.Report(unit, DateTimeOffset.UtcNow.AddSeconds(-1), 0, -60) } })).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/threats/T1", Threat, Ct)).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/incidents/{id}/exercise", Exercise, Ct)).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/sessions/{id}/notes", new { text = "Patrol 1 held outside", mark = "observation" })).EnsureSuccessStatusCode();
        (await host.PostJsonAsync($"/api/incidents/{id}/close", new { reason = "exercise over" })).EnsureSuccessStatusCode();
        return (id, unit);
    }

    /// <summary>The closed incident's threat T1, as it was placed.</summary>
    private static object Threat => new { lat = ThreatAt.Latitude, lon = ThreatAt.Longitude, uncertaintyM = 5, phase = "active" };

    private static Domain.Geometry.GeoPoint ThreatAt => TestSite.Frame.ToGeo(new(0, 100));

    /// <summary>The closed incident's exercise: one objective, OBJ-1.</summary>
    private static object Exercise => new
    {
        scenario = "school",
        version = "1",
        objectives = new[] { new { id = "OBJ-1", title = "Reach the threat", measures = new[] { new { measure = "first-contact", performedS = 180, someChallengesS = 300, majorChallengesS = 600 } } } },
    };

    private async Task<string> OutcomeAsync(string path, string id, string role)
    {
        using var client = host.ClientWith(host.Tokens[role]);
        using var response = await client.GetAsync(path, Ct);
        var body = response.Content.Headers.ContentType?.MediaType == "application/json" ? await response.Content.ReadFromJsonAsync<JsonElement>(Ct) : default;
        return response.StatusCode switch
        {
            HttpStatusCode.OK => body.ValueKind == JsonValueKind.Object && body.TryGetProperty("withheld", out _) ? "ok, withheld" : "ok",
            HttpStatusCode.Forbidden => Refusal(body.GetProperty("detail").GetString()!, body.GetProperty("right").GetString()!, id),
            var status => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private async Task<string> HubOutcomeAsync(string method, string id, string role)
    {
        await using var connection = await host.ConnectHubAsync(host.Tokens[role], Ct);
        try
        {
            await connection.InvokeAsync(method, id, Ct);
            return "ok";
        }
        catch (HubException ex) when (Regex.Match(ex.Message, "needs the '([^']+)' right") is { Success: true } named)
        {
            return Refusal(ex.Message, named.Groups[1].Value, id);
        }
    }

    private static string Refusal(string detail, string right, string id) =>
        $"{(detail.Contains($"incident '{id}' was closed at ", StringComparison.Ordinal) ? "closed" : "refused")}: {right}";
}

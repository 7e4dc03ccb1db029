using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Command.Simulation.Wire;

namespace Command.Simulator.Api;

/// <summary>
/// The host's public HTTP API as the simulator uses it. The HttpClient carries the base address and the
/// bearer token; every non-success answer the API does not document as expected throws with its body.
/// </summary>
internal sealed class CommandApiClient(HttpClient http)
{
    /// <summary>Creates the incident; false when it already exists (409), which the caller reuses.</summary>
    public async Task<bool> CreateIncidentAsync(CreateIncidentBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/incidents", body, ApiJsonContext.Default.CreateIncidentBody, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>
    /// Gives an incident opened with only an origin its site (its origin left out: the incident's stands); the same site
    /// again changes nothing. One with another site of its own throws (409 <c>site-differs</c>, saying how it differs).
    /// </summary>
    public async Task PutSiteAsync(string incidentId, SiteBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"api/incidents/{E(incidentId)}/site", body, ApiJsonContext.Default.SiteBody, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Records the scenario played, and its objectives, as the exercise the incident is run as; the token needs the controller's right.</summary>
    public async Task PutExerciseAsync(string incidentId, ExerciseBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"api/incidents/{E(incidentId)}/exercise", body, ApiJsonContext.Default.ExerciseBody, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task PutThreatAsync(string incidentId, string threatId, ThreatBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"api/incidents/{E(incidentId)}/threats/{E(threatId)}", body, ApiJsonContext.Default.ThreatBody, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// Enrols a unit; false when it is already enrolled in this incident (409 <c>already-exists</c>), as on a rerun
    /// against the same incident. Enrolled in another open incident (409 <c>enrolled-elsewhere</c>) it throws, naming that
    /// incident: every report of the unit would be refused. Under a callsign a unit of the incident has (409
    /// <c>callsign-taken</c>) it throws too, naming that unit: taken as enrolled, its reports would enrol it under another.
    /// </summary>
    public async Task<bool> EnrolAsync(string incidentId, EnrolUnitBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"api/incidents/{E(incidentId)}/units", body, ApiJsonContext.Default.EnrolUnitBody, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"already-exists\"", StringComparison.Ordinal))
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    public async Task PutRoleAsync(string incidentId, string unitId, RoleBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"api/incidents/{E(incidentId)}/units/{E(unitId)}/role", body, ApiJsonContext.Default.RoleBody, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Tells the incident the drill started over; the token needs the controller's right to control drills.</summary>
    public async Task StartOverAsync(string incidentId, StartOverBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"api/incidents/{E(incidentId)}/drill", body, ApiJsonContext.Default.StartOverBody, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Tells the incident how fast the drill plays, so it judges units on the drill's clock; the token needs the controller's right.</summary>
    public async Task ClockAsync(string incidentId, ClockBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"api/incidents/{E(incidentId)}/drill", body, ApiJsonContext.Default.ClockBody, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// The rounds played so far on an incident being reused: the last a drill started over into (its timeline's
    /// <c>start-over</c> marks), and at least one where any of its units has a position (a run of the drill left them
    /// there). 0 for an incident nothing played on.
    /// </summary>
    public async Task<int> RoundsPlayedAsync(string incidentId, CancellationToken cancellationToken)
    {
        using var units = await GetJsonAsync($"api/incidents/{E(incidentId)}/units", cancellationToken);
        var positioned = units.RootElement.EnumerateArray().Any(u => u.TryGetProperty("lastFix", out var fix) && fix.ValueKind == System.Text.Json.JsonValueKind.Object);
        using var timeline = await GetJsonAsync($"api/sessions/{E(incidentId)}/timeline", cancellationToken);
        var lastRound = timeline.RootElement.EnumerateArray()
            .Where(m => Text(m, "type") == "drill-controlled" && Text(m, "subject") == "start-over")
            .Select(m => int.TryParse(Text(m, "level"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var round) ? round : 0)
            .DefaultIfEmpty(0)
            .Max();
        return Math.Max(lastRound, positioned ? 1 : 0);
    }

    /// <summary>Who the token is and the rights it holds, as the host's <c>GET /api/auth/me</c> says them.</summary>
    public async Task<(string Name, IReadOnlySet<string> Rights)> WhoAmIAsync(CancellationToken cancellationToken)
    {
        using var me = await GetJsonAsync("api/auth/me", cancellationToken);
        var rights = me.RootElement.TryGetProperty("rights", out var held) && held.ValueKind == System.Text.Json.JsonValueKind.Array
            ? held.EnumerateArray().Where(r => r.ValueKind == System.Text.Json.JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        return (Text(me.RootElement, "name") ?? "this token", rights);
    }

    /// <summary>The roles the incident's units have now, by unit id (as its answers write them: "rescueTaskForce").</summary>
    public async Task<IReadOnlyDictionary<string, string>> RolesAsync(string incidentId, CancellationToken cancellationToken)
    {
        using var units = await GetJsonAsync($"api/incidents/{E(incidentId)}/units", cancellationToken);
        return units.RootElement.EnumerateArray()
            .Where(u => Text(u, "unitId") is not null && Text(u, "role") is not null)
            .ToDictionary(u => Text(u, "unitId")!, u => Text(u, "role")!, StringComparer.Ordinal);
    }

    private async Task<System.Text.Json.JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    private static string? Text(System.Text.Json.JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;

    /// <summary>Posts a batch; both 200 and 400 carry the accepted count and the refused items.</summary>
    public async Task<ReportsOutcomeBody> PostReportsAsync(string incidentId, ReportsBody body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"api/incidents/{E(incidentId)}/reports", body, ApiJsonContext.Default.ReportsBody, cancellationToken);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest)
        {
            var outcome = await TryReadAsync(response, ApiJsonContext.Default.ReportsOutcomeBody, cancellationToken);
            if (outcome is not null)
            {
                return outcome;
            }
        }

        await EnsureSuccessAsync(response, cancellationToken);
        throw new HttpRequestException($"POST {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} without an outcome body.");
    }

    private static async Task<T?> TryReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true
            ? await response.Content.ReadFromJsonAsync(type, cancellationToken)
            : null;

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var request = response.RequestMessage;
            throw new HttpRequestException($"{request?.Method} {request?.RequestUri} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }
    }

    private static string E(string segment) => Uri.EscapeDataString(segment);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Command.Host.Tests.Support;

namespace Command.Host.Tests.Access;

/// <summary>
/// The closed table's commands: every endpoint that changes an incident or its session, sent well formed to a real closed
/// incident as each role. A closed incident takes nothing more: one who may give the command is told so (409
/// <c>closed</c>, saying when), one who may not is refused the right first (403 naming it) and told nothing of the
/// incident. What stays open on a recording (notes, ratings, exports) is answered as on any session.
/// </summary>
public sealed partial class AccessTableTests
{
    /// <summary>The roles that send each command to the closed incident: every role.</summary>
    private static readonly string[] CommandingRoles = ["admin", "commander", "controller", "evaluator", "observer", "device"];

    /// <summary>
    /// What each of <see cref="CommandingRoles"/> gets of each command: "closed" for 409 <c>closed</c> saying when the
    /// incident closed; "refused: right" for a 403 naming the right alone; "ok" for a success; else the status and reason.
    /// Each body is one the command would take on an open incident.
    /// </summary>
    private static readonly Dictionary<string, (Func<string, string, object> Body, string[] Expected)> CommandsToClosed = new(StringComparer.Ordinal)
    {
        ["POST /api/incidents/"] = ((id, _) => TestSite.CreateIncident(id),
            ["409 incident-exists", "409 incident-exists", "refused: command", "refused: command", "refused: command", "refused: command"]),
        ["PUT /api/incidents/{id}/site"] = ((id, _) => JsonSerializer.SerializeToElement(TestSite.CreateIncident(id)).GetProperty("site"),
            ["closed", "closed", "refused: command", "refused: command", "refused: command", "refused: command"]),
        ["PUT /api/incidents/{id}/threats/{threatId}"] = ((_, _) => Threat,
            ["closed", "closed", "refused: command", "refused: command", "refused: command", "refused: command"]),
        ["POST /api/incidents/{id}/threats/{threatId}/phase"] = ((_, _) => new { phase = "contained", reason = "suspect in custody" },
            ["closed", "closed", "refused: command", "refused: command", "refused: command", "refused: command"]),
        ["POST /api/incidents/{id}/close"] = ((_, _) => new { reason = "exercise over" },
            ["closed", "closed", "refused: command", "refused: command", "refused: command", "refused: command"]),
        ["POST /api/incidents/{id}/units"] = ((_, _) => new { unitId = "P9", callsign = "Patrol 9", role = "contact" },
            ["closed", "closed", "refused: command", "refused: command", "refused: command", "refused: command"]),
        ["PUT /api/incidents/{id}/units/{unitId}/role"] = ((_, _) => new { role = "contact" },
            ["closed", "closed", "refused: command", "refused: command", "refused: command", "refused: command"]),
        ["POST /api/incidents/{id}/units/{unitId}/release"] = ((_, _) => new { reason = "end of shift" },
            ["closed", "closed", "refused: command", "refused: command", "refused: command", "refused: command"]),
        ["POST /api/incidents/{id}/flags/{subject}/ack"] = ((_, _) => new { reason = "holding the east door" },
            ["closed", "closed", "refused: command", "refused: command", "refused: command", "refused: command"]),
        ["POST /api/incidents/{id}/flags/{subject}/send"] = ((_, unit) => new { unitId = unit },
            ["closed", "closed", "refused: command", "refused: command", "refused: command", "refused: command"]),
        ["POST /api/incidents/{id}/reports"] = ((_, _) => new { reports = new[] { TestSite.Report("U1", DateTimeOffset.UtcNow.AddSeconds(-1), 0, -50) } },
            ["closed", "refused: report", "refused: report", "refused: report", "refused: report", "closed"]),
        // The load tool's probe parses a batch and hands it to a grain that keeps nothing: no incident hears of it.
        ["POST /api/probe/{id}/reports"] = ((_, _) => new { reports = new[] { TestSite.Report("U1", DateTimeOffset.UtcNow.AddSeconds(-1), 0, -50) } },
            ["ok", "refused: report", "refused: report", "refused: report", "refused: report", "ok"]),
        ["POST /api/incidents/{id}/drill/"] = ((_, _) => new { action = "start", scenario = "demo" },
            ["closed", "refused: control-drills", "closed", "refused: control-drills", "refused: control-drills", "refused: control-drills"]),
        ["PUT /api/incidents/{id}/exercise"] = ((_, _) => Exercise,
            ["closed", "refused: control-drills", "closed", "refused: control-drills", "refused: control-drills", "refused: control-drills"]),
        ["POST /api/sessions/{id}/notes"] = ((_, _) => new { text = "Patrol 1 reached the door at last", mark = "observation" },
            ["ok", "refused: write-notes", "refused: write-notes", "ok", "refused: write-notes", "refused: write-notes"]),
        ["POST /api/sessions/{id}/notes/{number}/amend"] = ((_, _) => new { text = "Patrol 1 held outside the east door" },
            ["ok", "refused: write-notes", "refused: write-notes", "refused: amend-any-note", "refused: write-notes", "refused: write-notes"]),
        ["POST /api/sessions/{id}/ratings"] = ((_, _) => new { objectiveId = "OBJ-1", rating = "U" },
            ["ok", "refused: write-notes", "refused: write-notes", "ok", "refused: write-notes", "refused: write-notes"]),
        ["POST /api/sessions/{id}/exports"] = ((_, _) => new { kind = "aar-html" },
            ["ok", "refused: export", "refused: export", "ok", "refused: export", "refused: export"]),
        // Last, as it takes the note back: the admin first, so the evaluator finds it withdrawn (one who may read notes reads that).
        ["POST /api/sessions/{id}/notes/{number}/withdraw"] = ((_, _) => new { reason = "wrong unit" },
            ["ok", "refused: write-notes", "refused: write-notes", "409 note-withdrawn", "refused: write-notes", "refused: write-notes"]),
    };

    [Fact]
    public void Every_command_to_an_incident_or_its_session_has_a_row_for_a_closed_one()
    {
        var commands = Endpoints.Keys.Where(e => !e.StartsWith("GET ", StringComparison.Ordinal) && !e.StartsWith("* ", StringComparison.Ordinal)
            && (e.Contains(" /api/incidents", StringComparison.Ordinal) || e.Contains(" /api/sessions", StringComparison.Ordinal) || e.Contains(" /api/probe", StringComparison.Ordinal)));

        Assert.Equal([], commands.Except(CommandsToClosed.Keys).Select(e => $"changes an incident, no row: {e}")
            .Concat(CommandsToClosed.Keys.Except(commands).Select(e => $"row, not a command: {e}")));
    }

    [Fact]
    public async Task Every_role_against_every_command_to_a_closed_incident()
    {
        var (id, unit) = await ClosedIncidentAsync();

        var got = new List<string>();
        foreach (var (call, (body, expected)) in CommandsToClosed)
        {
            var (method, pattern) = (call.Split(' ')[0], call.Split(' ')[1]);
            var path = pattern.Replace("{id}", id, StringComparison.Ordinal).Replace("{unitId}", unit, StringComparison.Ordinal).Replace("{subject}", unit, StringComparison.Ordinal)
                .Replace("{threatId}", "T1", StringComparison.Ordinal).Replace("{number}", "1", StringComparison.Ordinal);
            for (var r = 0; r < CommandingRoles.Length; r++)
            {
                var outcome = await CommandOutcomeAsync(method, path, body(id, unit), id, CommandingRoles[r]);
                if (outcome != expected[r])
                {
                    got.Add($"{call} as {CommandingRoles[r]}: {outcome}, expected {expected[r]}");
                }
            }
        }

        Assert.Empty(got);
    }

    /// <summary>
    /// The same commands with a body none of them takes (a misspelt field), the table's answer expected of each that the
    /// close or the right decides: a closed incident is said before anything in the body, as a body mended would still go
    /// nowhere, and the right before both. What stays open on a recording answers the body as it would on any session.
    /// </summary>
    [Fact]
    public async Task A_command_to_a_closed_incident_is_refused_for_the_close_before_its_body()
    {
        var (id, unit) = await ClosedIncidentAsync();

        var got = new List<string>();
        // A session's notes, ratings and exports stay open on its recording: their bodies are answered as on any session.
        foreach (var (call, (_, expected)) in CommandsToClosed.Where(c => !c.Key.Contains(" /api/sessions/", StringComparison.Ordinal)))
        {
            var (method, pattern) = (call.Split(' ')[0], call.Split(' ')[1]);
            var path = pattern.Replace("{id}", id, StringComparison.Ordinal).Replace("{unitId}", unit, StringComparison.Ordinal).Replace("{subject}", unit, StringComparison.Ordinal)
                .Replace("{threatId}", "T1", StringComparison.Ordinal).Replace("{number}", "1", StringComparison.Ordinal);
            for (var r = 0; r < CommandingRoles.Length; r++)
            {
                if (expected[r] != "closed" && !expected[r].StartsWith("refused: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var outcome = await CommandOutcomeAsync(method, path, new { misspelt = true }, id, CommandingRoles[r]);
                if (outcome != expected[r])
                {
                    got.Add($"{call} as {CommandingRoles[r]} with a body it does not take: {outcome}, expected {expected[r]}");
                }
            }
        }

        Assert.Empty(got);
    }

    [Fact]
    public async Task Objectives_sent_to_a_closed_incident_are_refused_saying_where_its_objectives_are_rated()
    {
        var (id, _) = await ClosedIncidentAsync();

        using var client = host.ClientWith(host.Tokens["controller"]);
        using var response = await client.PutAsJsonAsync($"/api/incidents/{id}/exercise", Exercise, Ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("closed", answer.GetProperty("reason").GetString());
        Assert.EndsWith($"; it takes nothing more: exercise objectives are an incident's while it runs, and those it had are rated on its recording (/api/sessions/{id}/ratings)",
            answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> CommandOutcomeAsync(string method, string path, object body, string id, string role)
    {
        using var client = host.ClientWith(host.Tokens[role]);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, Ct);
        var answer = response.Content.Headers.ContentType?.MediaType == "application/json" ? await response.Content.ReadFromJsonAsync<JsonElement>(Ct) : default;
        var reason = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("reason", out var r) ? r.GetString() : null;
        return response.StatusCode switch
        {
            _ when response.IsSuccessStatusCode => "ok",
            HttpStatusCode.Forbidden when answer.TryGetProperty("right", out var right) => Refusal(answer.GetProperty("detail").GetString()!, right.GetString()!, id),
            HttpStatusCode.Conflict when reason == "closed" && answer.GetProperty("detail").GetString()!.Contains($"incident '{id}' was closed at ", StringComparison.Ordinal) => "closed",
            var status => $"{(int)status} {reason}",
        };
    }
}

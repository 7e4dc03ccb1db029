using System.Net.Http.Json;
using System.Text.Json;

namespace Command.Cluster.Tests.Support;

/// <summary>What a host's timeline of a session says.</summary>
public static class SessionTimeline
{
    /// <summary>
    /// The changes of its sources of reports the incident recorded. Each was on storage before the incident answered the
    /// host that told it, and so before that host's log said it was recorded: read once that log line is seen, the
    /// timeline holds it.
    /// </summary>
    public static Task<List<JsonElement>> SourceChangesAsync(HttpClient http, string incidentId, CancellationToken cancellationToken) =>
        MarksAsync(http, incidentId, "source-changed", cancellationToken);

    /// <summary>The hosts the incident recorded leaving the cluster, read as <see cref="SourceChangesAsync"/> are.</summary>
    public static Task<List<JsonElement>> HostDeparturesAsync(HttpClient http, string incidentId, CancellationToken cancellationToken) =>
        MarksAsync(http, incidentId, "host-departed", cancellationToken);

    private static async Task<List<JsonElement>> MarksAsync(HttpClient http, string incidentId, string type, CancellationToken cancellationToken) =>
        [.. (await http.GetFromJsonAsync<JsonElement[]>($"/api/sessions/{incidentId}/timeline", cancellationToken))!
            .Where(m => m.GetProperty("type").GetString() == type)];
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Command.Host.Tests.Access;

/// <summary>
/// The table's replay controls, sent to a real replay (of the closed incident, opened by the admin) with a body each
/// control refuses: the right first (401 for nobody, 403 for one who may not open replays), then the driver (403
/// <c>not-the-driver</c> for one who may open replays but did not open this one), and only then the body, for the one
/// who drives it. One who may not move the replay learns nothing of the recording from the refusal, its span included.
/// </summary>
public sealed partial class AccessTableTests
{
    /// <summary>Who sends each control: the admin who opened the replay, an evaluator who did not, a controller, nobody.</summary>
    private static readonly string?[] ReplayCallers = ["admin", "evaluator", "controller", null];

    private static readonly string[] NotTheirs = ["403 not-the-driver: drive-any-replay", "403 missing-right: open-replays", "401"];

    /// <summary>Each control with a body it refuses, and what each of <see cref="ReplayCallers"/> gets of it.</summary>
    private static readonly (string Control, Func<DateTimeOffset, string> Body, string[] Expected)[] RefusedControls =
    [
        ("play", _ => """{"speed": 999}""", ["400 invalid-value", .. NotTheirs]),
        ("play", _ => """{"speed": "fast"}""", ["400 malformed", .. NotTheirs]),
        ("seek", end => JsonSerializer.Serialize(new { time = end.AddDays(1) }), ["400 outside-recording", .. NotTheirs]),
        ("seek", _ => "{}", ["400 missing-field", .. NotTheirs]),
        ("seek", _ => """{"time": "15:02:00"}""", ["400 malformed", .. NotTheirs]),
    ];

    [Fact]
    public async Task A_replay_control_is_refused_for_the_right_then_the_driver_before_its_body()
    {
        var (id, _) = await ClosedIncidentAsync();
        using var opened = await host.Client.PostAsJsonAsync("/api/replays", new { incidentId = id }, Ct);
        var replay = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var (replayId, end) = (replay.GetProperty("replayId").GetString()!, replay.GetProperty("lastTime").GetDateTimeOffset());

        var got = new List<string>();
        foreach (var (control, body, expected) in RefusedControls)
        {
            for (var c = 0; c < ReplayCallers.Length; c++)
            {
                var outcome = await ControlOutcomeAsync($"/api/replays/{replayId}/{control}", body(end), ReplayCallers[c]);
                if (outcome != expected[c])
                {
                    got.Add($"{control} {body(end)} as {ReplayCallers[c] ?? "nobody"}: {outcome}, expected {expected[c]}");
                }
            }
        }

        (await host.Client.DeleteAsync($"/api/replays/{replayId}", Ct)).EnsureSuccessStatusCode();
        Assert.Empty(got);
    }

    /// <summary>"ok"; the status alone for a 401; else the status, the reason (the first field's for a 400), and for a 403 the right named.</summary>
    private async Task<string> ControlOutcomeAsync(string path, string json, string? role)
    {
        using var client = host.ClientWith(role is null ? null : host.Tokens[role]);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var response = await client.SendAsync(request, Ct);
        if (response.IsSuccessStatusCode)
        {
            return "ok";
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return "401";
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var reason = answer.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
            ? errors[0].GetProperty("reason").GetString()
            : answer.GetProperty("reason").GetString();
        var right = response.StatusCode == HttpStatusCode.Forbidden && answer.TryGetProperty("right", out var r) ? $": {r.GetString()}" : "";
        return $"{(int)response.StatusCode} {reason}{right}";
    }
}

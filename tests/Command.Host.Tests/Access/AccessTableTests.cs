using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Command.Host.Access;
using Command.Host.Live;
using Command.Host.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Command.Host.Tests.Access;

/// <summary>
/// Every role, and nobody, against every endpoint the host maps (read from its own endpoint list) and every hub
/// method (read from the hub by reflection): allowed, or refused with 401 or with 403 naming the right. An endpoint
/// or hub method added later without a row here fails the table, so it cannot slip out without a policy. The same
/// endpoints against a real closed incident are in <c>AccessTableTests.Closed.cs</c>.
/// </summary>
public sealed partial class AccessTableTests(AccessTableTests.ProbeHost host) : IClassFixture<AccessTableTests.ProbeHost>
{
    /// <summary>No right: open to anyone.</summary>
    private const string Anyone = "anyone";

    /// <summary>Any authenticated caller.</summary>
    private const string SignedIn = "signed-in";

    /// <summary>A signed-in person only: a token has no password.</summary>
    private const string Person = "person";

    /// <summary>Watch for an open incident's session, watch-replays for a recorded one (the table asks of none open).</summary>
    private const string Recorded = "recorded";

    private static readonly string[] Roles = ["admin", "commander", "controller", "evaluator", "observer", "device"];

    /// <summary>What each endpoint needs, by method and route pattern.</summary>
    private static readonly Dictionary<string, string> Endpoints = new(StringComparer.Ordinal)
    {
        ["GET /health"] = Anyone,
        ["GET /api/sources"] = Rights.Watch,
        ["POST /api/auth/sign-in"] = Anyone,
        ["POST /api/auth/link"] = Anyone,
        ["POST /api/auth/sign-out"] = SignedIn,
        ["GET /api/auth/me"] = SignedIn,
        ["PUT /api/auth/password"] = Person,
        ["GET /api/incidents/"] = Rights.Watch,
        ["POST /api/incidents/"] = Rights.Command,
        ["GET /api/incidents/{id}"] = Rights.Watch,
        ["PUT /api/incidents/{id}/site"] = Rights.Command,
        ["PUT /api/incidents/{id}/threats/{threatId}"] = Rights.Command,
        ["POST /api/incidents/{id}/threats/{threatId}/phase"] = Rights.Command,
        ["POST /api/incidents/{id}/close"] = Rights.Command,
        ["GET /api/incidents/{id}/units"] = Rights.Watch,
        ["POST /api/incidents/{id}/units"] = Rights.Command,
        ["PUT /api/incidents/{id}/units/{unitId}/role"] = Rights.Command,
        ["POST /api/incidents/{id}/units/{unitId}/release"] = Rights.Command,
        ["POST /api/incidents/{id}/flags/{subject}/ack"] = Rights.Command,
        ["GET /api/incidents/{id}/zones"] = Rights.Watch,
        ["GET /api/incidents/{id}/zones/{zoneId}"] = Rights.Watch,
        ["GET /api/units/{unitId}"] = Rights.Watch,
        ["POST /api/incidents/{id}/reports"] = Rights.Report,
        ["POST /api/probe/{id}/reports"] = Rights.Report,
        ["GET /api/incidents/{id}/drill/"] = Rights.Watch,
        ["POST /api/incidents/{id}/drill/"] = Rights.ControlDrills,
        ["GET /api/scenarios"] = Rights.ControlDrills,
        ["GET /api/sessions"] = Rights.WatchReplays,
        ["GET /api/sessions/{id}/timeline"] = Recorded,
        ["GET /api/sessions/{id}/report"] = Rights.Export,
        ["GET /api/sessions/{id}/notes"] = Rights.ReadNotes,
        ["POST /api/sessions/{id}/notes"] = Rights.WriteNotes,
        ["GET /api/sessions/{id}/ratings"] = Rights.ReadNotes,
        ["POST /api/sessions/{id}/notes/{number}/amend"] = Rights.WriteNotes,
        ["POST /api/sessions/{id}/notes/{number}/withdraw"] = Rights.WriteNotes,
        ["POST /api/sessions/{id}/ratings"] = Rights.WriteNotes,
        ["GET /api/sessions/{id}/aar"] = Rights.Export,
        ["GET /api/sessions/{id}/ics214"] = Rights.Export,
        ["POST /api/sessions/{id}/exports"] = Rights.Export,
        ["GET /api/sessions/{id}/exports/{jobId}"] = Rights.Export,
        ["GET /api/exports/{jobId}"] = Rights.Export,
        ["GET /api/compare"] = Rights.Export,
        ["PUT /api/incidents/{id}/exercise"] = Rights.ControlDrills,
        ["POST /api/incidents/{id}/flags/{subject}/send"] = Rights.Command,
        ["GET /api/replays/"] = Rights.WatchReplays,
        ["POST /api/replays/"] = Rights.OpenReplays,
        ["GET /api/replays/{replayId}"] = Rights.WatchReplays,
        ["DELETE /api/replays/{replayId}"] = Rights.OpenReplays,
        ["POST /api/replays/{replayId}/play"] = Rights.OpenReplays,
        ["POST /api/replays/{replayId}/pause"] = Rights.OpenReplays,
        ["POST /api/replays/{replayId}/step"] = Rights.OpenReplays,
        ["POST /api/replays/{replayId}/seek"] = Rights.OpenReplays,
        ["GET /api/replays/{replayId}/timeline"] = Rights.WatchReplays,
        ["GET /api/replays/{replayId}/series"] = Rights.WatchReplays,
        ["GET /api/access/people"] = Rights.ManageAccess,
        ["POST /api/access/people"] = Rights.ManageAccess,
        ["PUT /api/access/people/{userName}/roles"] = Rights.ManageAccess,
        ["PUT /api/access/people/{userName}/password"] = Rights.ManageAccess,
        ["DELETE /api/access/people/{userName}"] = Rights.ManageAccess,
        ["GET /api/access/tokens"] = Rights.ManageAccess,
        ["POST /api/access/tokens"] = Rights.ManageAccess,
        ["DELETE /api/access/tokens/{id}"] = Rights.ManageAccess,
        ["GET /api/access/devices"] = Rights.ManageAccess,
        ["POST /api/access/devices"] = Rights.ManageAccess,
        ["DELETE /api/access/devices/{id}"] = Rights.ManageAccess,
        ["GET /api/access/lockouts"] = Rights.ManageAccess,
        ["DELETE /api/access/lockouts/{address}"] = Rights.ManageAccess,
        ["GET /api/diagnostics/incidents/{id}/silo"] = Rights.ManageAccess,
        // The hub's endpoints take any method: the table calls negotiate with POST and the connection with GET.
        ["* /hubs/incidents/negotiate"] = Rights.Watch,
        ["* /hubs/incidents"] = Rights.Watch,
    };

    /// <summary>What each hub call needs: the method, its argument, the right.</summary>
    private static readonly (string Method, string Argument, string Right)[] HubCalls =
    [
        ("Join", "no-such-incident", Rights.Watch),
        ("Join", "replay:no-such-replay", Rights.WatchReplays),
        ("Leave", "no-such-incident", Rights.Watch),
        ("WatchExport", "no-such-job", Rights.Export),
        ("WatchNotes", "no-such-incident", Rights.ReadNotes),
        ("UnwatchNotes", "no-such-incident", Rights.Watch),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_endpoint_the_host_maps_has_a_row()
    {
        Assert.Equal([], Mapped().Except(Endpoints.Keys).Select(e => $"mapped, no row: {e}").Concat(Endpoints.Keys.Except(Mapped()).Select(e => $"row, not mapped: {e}")));
    }

    [Fact]
    public void Every_hub_method_has_a_row()
    {
        var methods = typeof(IncidentHub).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetBaseDefinition().DeclaringType == typeof(IncidentHub)).Select(m => m.Name).Order().ToList();
        Assert.Equal(HubCalls.Select(c => c.Method).Distinct().Order(), methods);
    }

    [Fact]
    public async Task Every_role_and_nobody_against_every_endpoint()
    {
        var wrong = new List<string>();
        foreach (var (endpoint, need) in Endpoints)
        {
            foreach (var role in Roles.Append<string?>(null))
            {
                var (status, right) = await CallAsync(endpoint, role);
                var expected = Expected(need, role);
                if (expected == HttpStatusCode.OK ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != expected)
                {
                    wrong.Add($"{endpoint} as {role ?? "nobody"}: {(int)status}, expected {(expected == HttpStatusCode.OK ? "allowed" : (int)expected)}");
                }
                else if (expected == HttpStatusCode.Forbidden && need != Person && right != Named(need, role))
                {
                    wrong.Add($"{endpoint} as {role}: 403 names '{right}', not '{Named(need, role)}'");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Every_role_and_nobody_against_every_hub_method()
    {
        var wrong = new List<string>();
        foreach (var role in Roles.Append<string?>(null))
        {
            await using var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(host.BaseAddress, IncidentHub.Path), o => o.AccessTokenProvider = () => Task.FromResult(role is null ? null : host.Tokens[role]))
                .Build();
            HttpStatusCode? refusedAt = null;
            try
            {
                await connection.StartAsync(Ct);
            }
            catch (HttpRequestException ex)
            {
                refusedAt = ex.StatusCode ?? throw new InvalidOperationException($"connecting as {role ?? "nobody"} failed without a status", ex);
            }

            foreach (var (method, argument, right) in HubCalls)
            {
                var expected = Expected(right, role);
                string outcome;
                if (refusedAt is { } status)
                {
                    outcome = status == expected ? "as expected" : $"connection refused {status}";
                }
                else
                {
                    var refused = await InvokeAsync(connection, method, argument);
                    outcome = (refused, expected) switch
                    {
                        (false, HttpStatusCode.OK) or (true, HttpStatusCode.Forbidden) => "as expected",
                        (true, _) => "refused",
                        _ => "allowed",
                    };
                }

                if (outcome != "as expected")
                {
                    wrong.Add($"{method}({argument}) as {role ?? "nobody"}: {outcome}, expected {(expected == HttpStatusCode.OK ? "allowed" : (int)expected)}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    private static HttpStatusCode Expected(string need, string? role) => (need, role) switch
    {
        (Anyone, _) => HttpStatusCode.OK,
        (_, null) => HttpStatusCode.Unauthorized,
        (SignedIn, _) => HttpStatusCode.OK,
        (Person, _) => HttpStatusCode.Forbidden,
        (Recorded, _) => Expected(Rights.WatchReplays, role),
        _ => Rights.Holders[need].Any(r => Grains.Access.AccessRoles.Name(r) == role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
    };

    /// <summary>The right a 403 names: for a recorded session, watch where the caller lacks it, else watch-replays.</summary>
    private static string Named(string need, string? role) =>
        need != Recorded ? need : Expected(Rights.Watch, role) == HttpStatusCode.OK ? Rights.WatchReplays : Rights.Watch;

    private static async Task<bool> InvokeAsync(HubConnection connection, string method, string argument)
    {
        try
        {
            await connection.InvokeAsync(method, argument, Ct);
            return false;
        }
        catch (HubException ex)
        {
            return ex.Message.Contains("missing-right", StringComparison.Ordinal);
        }
    }

    private async Task<(HttpStatusCode Status, string? Right)> CallAsync(string endpoint, string? role)
    {
        var (method, pattern) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        method = method != "*" ? method : pattern.EndsWith("/negotiate", StringComparison.Ordinal) ? "POST" : "GET";
        var path = pattern.Replace("{address}", "203.0.113.9", StringComparison.Ordinal);
        path = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "none");
        using var client = host.ClientWith(role is null ? null : host.Tokens[role]);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new { });
        }

        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var response = await client.SendAsync(request, Ct);
        string? right = null;
        if (response.StatusCode == HttpStatusCode.Forbidden && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            right = body.TryGetProperty("right", out var r) ? r.GetString() : body.GetProperty("reason").GetString();
        }

        return (response.StatusCode, right);
    }

    private List<string> Mapped() =>
    [
        .. host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} /{e.RoutePattern.RawText?.TrimStart('/')}")),
    ];

    /// <summary>One host with the probe mapped, and a token for every role.</summary>
    public sealed class ProbeHost() : CommandHost(new Dictionary<string, string?> { ["Diagnostics:Probe"] = "true" })
    {
        public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Tokens["admin"] = BootstrapToken;
            foreach (var role in Roles.Where(r => r != "admin"))
            {
                Tokens[role] = await Access.TokenForAsync(role, role == "device" ? ["U1"] : []);
            }
        }
    }
}

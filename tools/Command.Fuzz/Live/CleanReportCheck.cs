using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Command.Fuzz.Live;

/// <summary>
/// After a run: does the host still answer /health, and does a clean report in each protocol still land? A report
/// has landed when the unit's latest fix (GET /api/units/{id}) is the one sent. The tool asks every quarter second
/// for up to <see cref="Within"/>, sending a datagram again every two seconds since UDP may drop it. Before the run it
/// readies what a clean report needs on a real host (<see cref="ReadyAsync"/>), with an admin's token: the incident's
/// site to report at, each clean unit enrolled, and a device identifier for the Traccar Client's.
/// </summary>
public sealed class CleanReportCheck(HttpClient api, IPAddress host)
{
    /// <summary>How long a clean report has to land. 30 s.</summary>
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    /// <summary>The status /health answers with, or the error that kept it from answering.</summary>
    public async Task<string> HealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
            return $"{(int)response.StatusCode} {response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return $"no answer: {e.Message}";
        }
    }

    /// <summary>
    /// Readies the clean reports for <paramref name="incident"/>, the incident the listeners feed: where its site is (a
    /// report far from it is no unit of its drill), each protocol's clean unit enrolled in it as a contact unit (a
    /// listener may take enrolled units only; one enrolled by an earlier run stays), and a device identifier issued for
    /// the OsmAnd one (the Traccar Client's reports come from identifiers an admin issued). Throws
    /// <see cref="CleanReportsRefusedException"/>, saying what to set, where the host refuses any of it.
    /// </summary>
    public async Task<CleanReportsReady> ReadyAsync(IReadOnlyList<LiveProtocol> protocols, string incident, CancellationToken cancellationToken)
    {
        using var opened = await api.GetAsync(new Uri($"/api/incidents/{Uri.EscapeDataString(incident)}", UriKind.Relative), cancellationToken);
        await RefusedAsync(opened, $"reading incident '{incident}'", cancellationToken);
        var origin = (await opened.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("site").GetProperty("origin");
        var (lat, lon) = (origin.GetProperty("latitude").GetDouble(), origin.GetProperty("longitude").GetDouble());
        foreach (var protocol in protocols)
        {
            using var enrolled = await api.PostAsJsonAsync(
                new Uri($"/api/incidents/{Uri.EscapeDataString(incident)}/units", UriKind.Relative),
                new { unitId = protocol.CleanUnit, callsign = $"Fuzz {protocol.Name}", role = "contact" }, cancellationToken);
            if (enrolled.StatusCode != HttpStatusCode.Conflict)
            {
                await RefusedAsync(enrolled, $"enrolling {protocol.CleanUnit} in incident '{incident}'", cancellationToken);
            }
        }

        string? device = null;
        var ready = new List<LiveProtocol>(protocols.Count);
        foreach (var protocol in protocols)
        {
            if (protocol.Sender is not OsmAndSender)
            {
                ready.Add(protocol);
                continue;
            }

            using var issued = await api.PostAsJsonAsync(new Uri("/api/access/devices", UriKind.Relative), new { name = "fuzz-clean-report", unitId = protocol.CleanUnit }, cancellationToken);
            await RefusedAsync(issued, $"issuing a device identifier for {protocol.CleanUnit}", cancellationToken);
            var credential = await issued.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var identifier = credential.GetProperty("identifier").GetString()!;
            device = credential.GetProperty("id").GetString();
            ready.Add(protocol with { Clean = (t, la, lo) => CleanReports.OsmAnd(identifier, t, la, lo) });
        }

        return new CleanReportsReady(lat, lon, ready, device);
    }

    /// <summary>Revokes the device identifier <see cref="ReadyAsync"/> issued, where it issued one: a run leaves none behind.</summary>
    public async Task ForgetAsync(CleanReportsReady ready, CancellationToken cancellationToken)
    {
        if (ready.Device is { } device)
        {
            using var revoked = await api.DeleteAsync(new Uri($"/api/access/devices/{Uri.EscapeDataString(device)}", UriKind.Relative), cancellationToken);
            await RefusedAsync(revoked, "revoking the clean report's device identifier", cancellationToken);
        }
    }

    /// <summary>How long the clean report took to land, or null when it did not within <see cref="Within"/>.</summary>
    public async Task<TimeSpan?> LandsAsync(LiveProtocol protocol, int port, double lat, double lon, CancellationToken cancellationToken)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var from = IPAddress.IsLoopback(host) ? IPAddress.Loopback : IPAddress.Any;
        var watch = Stopwatch.StartNew();
        var resent = TimeSpan.Zero;
        await SendAsync(protocol, port, from, sentAt, lat, lon, cancellationToken);
        while (watch.Elapsed < Within)
        {
            if (await LatestFixAsync(protocol.CleanUnit, cancellationToken) is { } fix && fix >= sentAt.AddSeconds(-1))
            {
                return watch.Elapsed;
            }

            if (protocol.Sender is DatagramSender && watch.Elapsed - resent > TimeSpan.FromSeconds(2))
            {
                resent = watch.Elapsed;
                await SendAsync(protocol, port, from, DateTimeOffset.UtcNow, lat, lon, cancellationToken);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        return null;
    }

    private Task SendAsync(LiveProtocol protocol, int port, IPAddress from, DateTimeOffset time, double lat, double lon, CancellationToken cancellationToken) =>
        protocol.Sender.SendAsync(new SenderTurn(from, new IPEndPoint(host, port), _ => ValueTask.CompletedTask, new LiveTally()), protocol.Clean(time, lat, lon), cancellationToken);

    private async Task<DateTimeOffset?> LatestFixAsync(string unitId, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync(new Uri($"/api/units/{Uri.EscapeDataString(unitId)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            await RefusedAsync(response, $"reading unit {unitId}", cancellationToken);
        }

        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var unit = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return unit.TryGetProperty("latestFix", out var fix) && fix.ValueKind == JsonValueKind.Object ? fix.GetProperty("fixTime").GetDateTimeOffset() : null;
    }

    // A refusal is said with what the host answered and what to set: a clean report that "did not land" because the
    // tool could not ask for it, or could not ready it, says nothing of the host's listeners.
    private static async Task RefusedAsync(HttpResponseMessage response, string doing, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var said = body.Length > 300 ? body[..300] : body;
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $": set {LiveCheck.TokenVariable} to an admin's token of the host",
            HttpStatusCode.Forbidden => $": {LiveCheck.TokenVariable} must be an admin's token (it issues a device identifier and enrols units)",
            HttpStatusCode.NotFound when doing.StartsWith("reading incident", StringComparison.Ordinal) => ": pass --incident, the incident the host's listeners feed (Ingest:Incident)",
            _ => "",
        };
        throw new CleanReportsRefusedException(string.Create(CultureInfo.InvariantCulture, $"The host refused {doing}: {(int)response.StatusCode} {response.StatusCode} {said}{hint}."));
    }
}

/// <summary>What the clean reports need, readied: where to report (the incident's site), each protocol's clean report, and the device identifier issued.</summary>
public sealed record CleanReportsReady(double Lat, double Lon, IReadOnlyList<LiveProtocol> Protocols, string? Device);

/// <summary>The host refused what readying or checking the clean reports asked of it; the message says what and what to set.</summary>
public sealed class CleanReportsRefusedException(string message) : Exception(message);

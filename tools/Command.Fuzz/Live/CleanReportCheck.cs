using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Command.Fuzz.Live;

/// <summary>
/// After a run: does the host still answer /health, and does a clean report in each protocol still land? A report
/// has landed when the unit's latest fix (GET /api/units/{id}) is the one sent. The tool asks every quarter second
/// for up to <see cref="Within"/>, sending a datagram again every two seconds since UDP may drop it.
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
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var unit = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return unit.TryGetProperty("latestFix", out var fix) && fix.ValueKind == JsonValueKind.Object ? fix.GetProperty("fixTime").GetDateTimeOffset() : null;
    }
}

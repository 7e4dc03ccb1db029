using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Command.Cluster.Tests.Support;

/// <summary>
/// A .NET SignalR client watching one incident on one host, as a browser would; keeps each frame's sequence, when it
/// came, whether it was whole and where its units' latest fixes put them, and waits for frames that match.
/// </summary>
public sealed class Dashboard : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly List<Frame> frames = [];
    private readonly List<(Func<Frame, bool> Wanted, TaskCompletionSource<Frame> Caught)> waiters = [];

    private Dashboard(Uri host, string token)
    {
        Host = host;
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host, "/hubs/incidents"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        connection.On<JsonElement>("frame", Receive);
    }

    public Uri Host { get; }

    /// <summary>The highest sequence this dashboard has been shown so far.</summary>
    public long LastSequence
    {
        get
        {
            lock (waiters)
            {
                return frames.Count == 0 ? 0 : frames.Max(f => f.Sequence);
            }
        }
    }

    public static async Task<Dashboard> JoinAsync(Uri host, string token, string incidentId, CancellationToken cancellationToken)
    {
        var dashboard = new Dashboard(host, token);
        await dashboard.connection.StartAsync(cancellationToken);
        var snapshot = await dashboard.connection.InvokeAsync<JsonElement>("Join", incidentId, cancellationToken);
        dashboard.Receive(snapshot);
        return dashboard;
    }

    /// <summary>Completes with the first frame (already received or still to come) that matches.</summary>
    public Task<Frame> WaitForAsync(Func<Frame, bool> wanted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var caught = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            if (frames.FirstOrDefault(wanted) is { } already)
            {
                return Task.FromResult(already);
            }

            waiters.Add((wanted, caught));
        }

        return caught.Task.WaitAsync(timeout, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    private void Receive(JsonElement json)
    {
        var frame = new Frame(json.GetProperty("sequence").GetInt64(), DateTimeOffset.UtcNow, json.GetProperty("full").GetBoolean(), Latitudes(json));
        lock (waiters)
        {
            frames.Add(frame);
            foreach (var waiter in waiters.Where(w => w.Wanted(frame)).ToList())
            {
                waiter.Caught.TrySetResult(frame);
                waiters.Remove(waiter);
            }
        }
    }

    // The latitude of each unit's latest fix the frame brings.
    private static Dictionary<string, double> Latitudes(JsonElement json) =>
        json.TryGetProperty("units", out var units)
            ? units.EnumerateArray()
                .Where(u => u.TryGetProperty("lastFix", out var fix) && fix.ValueKind == JsonValueKind.Object)
                .ToDictionary(u => u.GetProperty("unitId").GetString()!, u => u.GetProperty("lastFix").GetProperty("position").GetProperty("latitude").GetDouble())
            : [];

    /// <summary>
    /// A frame's sequence, when this dashboard got it, whether it is the whole picture, and the latitude of each unit's
    /// latest fix it brings.
    /// </summary>
    public sealed record Frame(long Sequence, DateTimeOffset Received, bool Full, IReadOnlyDictionary<string, double>? Latitudes = null);
}

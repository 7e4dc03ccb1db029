using System.Text.Json;
using Microsoft.Playwright;

namespace Command.Host.Tests.Browser;

/// <summary>
/// The page's link to the hub, cut and restored on demand the way a dropped network would: the open WebSocket is
/// closed, and while the link is cut every new attempt to reach the hub (negotiation, any transport) is refused.
/// The host's answers to the page's calls can be held back, as from a host slow to bring an incident up, or lost, as
/// on a link that went as they were sent, while its other messages go through. It counts the page's joins and the whole pictures the host answers them with.
/// </summary>
internal sealed class HubLink
{
    private const string HubUrl = "**/hubs/incidents**";
    private const char RecordSeparator = '\u001e';
    private readonly Lock gate = new();
    private readonly List<(IWebSocketRoute Page, string Record)> heldAnswers = [];
    private readonly HashSet<string> joinCalls = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Reached)> snapshotWaits = [];
    private int snapshots;
    private IWebSocketRoute? socket;
    private volatile bool cut;
    private bool holdingAnswers;
    private bool losingAnswers;

    public async Task AttachAsync(IBrowserContext context)
    {
        await context.RouteAsync(HubUrl, route => cut ? route.AbortAsync("connectionrefused") : route.ContinueAsync());
        await context.RouteWebSocketAsync(HubUrl, ws =>
        {
            lock (gate)
            {
                socket = ws;
            }

            var server = ws.ConnectToServer();
            server.OnMessage(message => Forward(ws, message));
            ws.OnMessage(message =>
            {
                if (message.Text is { } text)
                {
                    NoteJoins(text);
                    server.Send(text);
                }
                else
                {
                    server.Send(message.Binary ?? []);
                }
            });
        });
    }

    /// <summary>How many times the page has called the hub's Join.</summary>
    public int JoinsAsked
    {
        get
        {
            lock (gate)
            {
                return joinCalls.Count;
            }
        }
    }

    /// <summary>How many whole pictures the host has answered the page's joins with and the page was given.</summary>
    public int SnapshotsReceived
    {
        get
        {
            lock (gate)
            {
                return snapshots;
            }
        }
    }

    /// <summary>Done once the page has been given <paramref name="count"/> whole pictures in answer to its joins.</summary>
    public Task SnapshotsReceivedAsync(int count)
    {
        lock (gate)
        {
            if (snapshots >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            snapshotWaits.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>From now on the host's answers to the page's calls wait until <see cref="ReleaseAnswers"/>.</summary>
    public void HoldAnswers()
    {
        lock (gate)
        {
            holdingAnswers = true;
        }
    }

    /// <summary>From now on the host's answers to the page's calls are lost, until <see cref="PassAnswers"/>.</summary>
    public void LoseAnswers()
    {
        lock (gate)
        {
            losingAnswers = true;
        }
    }

    public void PassAnswers()
    {
        lock (gate)
        {
            losingAnswers = false;
        }
    }

    public void ReleaseAnswers()
    {
        List<(IWebSocketRoute Page, string Record)> held;
        lock (gate)
        {
            holdingAnswers = false;
            held = [.. heldAnswers];
            heldAnswers.Clear();
        }

        foreach (var (page, record) in held)
        {
            NoteSnapshot(record.TrimEnd(RecordSeparator));
            page.Send(record);
        }
    }

    // SignalR's JSON protocol: records ended by 0x1E, an answer to a call being of type 3.
    private void Forward(IWebSocketRoute page, IWebSocketFrame message)
    {
        if (message.Text is not { } text)
        {
            page.Send(message.Binary ?? []);
            return;
        }

        foreach (var record in text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var whole = record + RecordSeparator;
            lock (gate)
            {
                if ((holdingAnswers || losingAnswers) && record.Contains("\"type\":3", StringComparison.Ordinal))
                {
                    if (holdingAnswers)
                    {
                        heldAnswers.Add((page, whole));
                    }

                    continue;
                }
            }

            NoteSnapshot(record);
            page.Send(whole);
        }
    }

    private void NoteJoins(string text)
    {
        foreach (var record in text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            using var message = JsonDocument.Parse(record);
            var root = message.RootElement;
            if (root.TryGetProperty("target", out var target) && target.GetString() == "Join" && root.TryGetProperty("invocationId", out var id))
            {
                lock (gate)
                {
                    joinCalls.Add(id.GetString()!);
                }
            }
        }
    }

    // Only as the record goes on to the page: one held back has not been given yet.
    private void NoteSnapshot(string record)
    {
        if (!record.Contains("\"type\":3", StringComparison.Ordinal))
        {
            return;
        }

        using var message = JsonDocument.Parse(record);
        var root = message.RootElement;
        if (!root.TryGetProperty("result", out _) || !root.TryGetProperty("invocationId", out var id))
        {
            return;
        }

        lock (gate)
        {
            if (!joinCalls.Contains(id.GetString()!))
            {
                return;
            }

            snapshots++;
            foreach (var wait in snapshotWaits.Where(w => w.Count <= snapshots).ToList())
            {
                snapshotWaits.Remove(wait);
                wait.Reached.TrySetResult();
            }
        }
    }

    public Task CutAsync()
    {
        cut = true;
        IWebSocketRoute open;
        lock (gate)
        {
            open = socket ?? throw new InvalidOperationException("the page has not connected to the hub");
        }

        return open.CloseAsync(new() { Code = 4000, Reason = "network down" });
    }

    public void Restore() => cut = false;
}

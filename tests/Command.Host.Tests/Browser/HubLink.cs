using Microsoft.Playwright;

namespace Command.Host.Tests.Browser;

/// <summary>
/// The page's link to the hub, cut and restored on demand the way a dropped network would: the open WebSocket is
/// closed, and while the link is cut every new attempt to reach the hub (negotiation, any transport) is refused.
/// The host's answers to the page's calls can be held back, as from a host slow to bring an incident up, while its
/// other messages go through.
/// </summary>
internal sealed class HubLink
{
    private const string HubUrl = "**/hubs/incidents**";
    private const char RecordSeparator = '\u001e';
    private readonly Lock gate = new();
    private readonly List<(IWebSocketRoute Page, string Record)> heldAnswers = [];
    private IWebSocketRoute? socket;
    private volatile bool cut;
    private bool holdingAnswers;

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
        });
    }

    /// <summary>From now on the host's answers to the page's calls wait until <see cref="ReleaseAnswers"/>.</summary>
    public void HoldAnswers()
    {
        lock (gate)
        {
            holdingAnswers = true;
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
                if (holdingAnswers && record.Contains("\"type\":3", StringComparison.Ordinal))
                {
                    heldAnswers.Add((page, whole));
                    continue;
                }
            }

            page.Send(whole);
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

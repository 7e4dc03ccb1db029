using Microsoft.Playwright;

namespace Command.Host.Tests.Browser;

/// <summary>
/// The page's link to the hub, cut and restored on demand the way a dropped network would: the open WebSocket is
/// closed, and while the link is cut every new attempt to reach the hub (negotiation, any transport) is refused.
/// </summary>
internal sealed class HubLink
{
    private const string HubUrl = "**/hubs/incidents**";
    private readonly Lock gate = new();
    private IWebSocketRoute? socket;
    private volatile bool cut;

    public async Task AttachAsync(IBrowserContext context)
    {
        await context.RouteAsync(HubUrl, route => cut ? route.AbortAsync("connectionrefused") : route.ContinueAsync());
        await context.RouteWebSocketAsync(HubUrl, ws =>
        {
            lock (gate)
            {
                socket = ws;
            }

            ws.ConnectToServer();
        });
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

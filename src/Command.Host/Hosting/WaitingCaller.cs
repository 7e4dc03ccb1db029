namespace Command.Host.Hosting;

/// <summary>
/// Marks a call someone waits on — an HTTP request, a page's hub call — in the Orleans request context, which flows with
/// it into every grain it reaches, an activation included. Grain storage reads made for it try the cluster's storage once
/// and briefly (<see cref="GrainStorageRetry"/>), so the caller hears "storage did not answer" within seconds rather
/// than after the SDK's retries; work nobody waits on (drills, radios' deliveries, the recording) keeps retrying.
/// </summary>
public static class WaitingCaller
{
    private const string Key = "command.caller-waits";

    /// <summary>Marks the calls made from here on, in this flow, as ones someone waits on.</summary>
    public static void Mark() => RequestContext.Set(Key, true);

    /// <summary>Whether the current call is one someone waits on.</summary>
    public static bool Waits => RequestContext.Get(Key) is true;

    /// <summary>Marks each hub call a page makes.</summary>
    public sealed class HubFilter : Microsoft.AspNetCore.SignalR.IHubFilter
    {
        public ValueTask<object?> InvokeMethodAsync(
            Microsoft.AspNetCore.SignalR.HubInvocationContext invocationContext, Func<Microsoft.AspNetCore.SignalR.HubInvocationContext, ValueTask<object?>> next)
        {
            Mark();
            return next(invocationContext);
        }
    }
}

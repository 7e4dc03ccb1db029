using Microsoft.AspNetCore.SignalR;
using Serilog.Core;
using Serilog.Events;

namespace Command.Host.Hosting;

/// <summary>
/// Leaves out SignalR's own line for a hub call the hub refused on purpose with a <see cref="HubException"/> (a right
/// the caller lacks, an incident or replay that is not there, an incident that cannot answer now): SignalR logs every
/// call that ends in an exception as an error with its stack, which for an expected refusal is noise that buries real
/// faults. The hub logs each refusal once itself, without a stack; any other exception a hub call ends in is still
/// logged as SignalR logs it.
/// </summary>
public sealed class HubRefusalFilter : ILogEventFilter
{
    /// <summary>The category SignalR logs a failed hub call under.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public bool IsEnabled(LogEvent logEvent) =>
        !(logEvent.Exception is HubException
            && logEvent.Properties.TryGetValue(Constants.SourceContextPropertyName, out var source)
            && source is ScalarValue { Value: DispatcherCategory });
}

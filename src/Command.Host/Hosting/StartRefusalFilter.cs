using Serilog.Core;
using Serilog.Events;

namespace Command.Host.Hosting;

/// <summary>
/// Leaves out the generic host's "Hosting failed to start" line, with its stack, for a start refused for its
/// configuration (<see cref="StartRefusal"/>): the host says that refusal itself, in one line, as it exits. A start that
/// failed on a fault is still logged as the host logs it.
/// </summary>
public sealed class StartRefusalFilter : ILogEventFilter
{
    /// <summary>The category the generic host logs a failed start under.</summary>
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public bool IsEnabled(LogEvent logEvent) =>
        !(logEvent.Exception is { } failure
            && logEvent.MessageTemplate.Text == "Hosting failed to start"
            && logEvent.Properties.TryGetValue(Constants.SourceContextPropertyName, out var source)
            && source is ScalarValue { Value: HostCategory }
            && StartRefusal.Reason(failure) is not null);
}

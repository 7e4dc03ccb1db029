using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Command.Host.Hosting;

/// <summary>
/// Keeps the hub's <c>access_token</c> query parameter (a bearer token, sent there by clients that cannot set
/// headers) out of every log line, whatever level request logging is set to: the value is replaced before any sink
/// sees the event.
/// </summary>
public sealed partial class AccessTokenRedaction : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text } && text.Contains("access_token=", StringComparison.OrdinalIgnoreCase))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(Token().Replace(text, "access_token=[redacted]"))));
            }
        }
    }

    [GeneratedRegex("access_token=[^&\\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex Token();
}

using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Command.Host.Hosting;

/// <summary>
/// Keeps the hub's <c>access_token</c> query parameter (a bearer token, sent there by clients that cannot set
/// headers) out of every log line, whatever level request logging is set to: the value is replaced before any sink
/// sees the event. The host reads the parameter's name decoded and regardless of case, so <c>access%5Ftoken=</c> (any of
/// its characters percent-encoded, once or again, as in a <c>return=</c> address) is a token too and is redacted so.
/// </summary>
public sealed class AccessTokenRedaction : ILogEventEnricher
{
    // Each character of the name, and the '=' after it, as itself or percent-encoded ("%5F", or "%255F" encoded twice).
    private static readonly Regex Token = new(
        string.Concat("access_token=".Select(c => $"(?:{Regex.Escape(c.ToString())}|%(?:25)*{(int)c:x2})")) + "[^&\\s]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            // Every string of every line passes here: only one holding an '=', as itself or encoded, can hold a token.
            if (value is ScalarValue { Value: string text } && text.AsSpan().ContainsAny('=', '%') && Token.IsMatch(text))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(Token.Replace(text, "access_token=[redacted]"))));
            }
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Command.Ingest.Http;

/// <summary>The Retry-After header of a 429: whole seconds until the sender's next token, at least one.</summary>
internal static class RetryAfter
{
    /// <summary>Sets the header on <paramref name="response"/> and returns the seconds it says.</summary>
    public static int Set(HttpResponse response, TimeSpan wait)
    {
        var seconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, int.MaxValue);
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}

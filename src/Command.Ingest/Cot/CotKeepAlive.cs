using System.Globalization;
using System.Text;

namespace Command.Ingest.Cot;

/// <summary>
/// A TAK stream's keepalives as TAK servers and ATAK write them: an event of the ping or pong type standing 20 s, with
/// no position, after the XML declaration and a newline, as the TAK protocol asks of every event sent on a stream.
/// </summary>
internal static class CotKeepAlive
{
    private const int StandsS = 20;

    /// <summary>A ping (<c>t-x-c-t</c>), as a client sends when it hears nothing.</summary>
    public static byte[] Ping(DateTimeOffset now) => Event("Command-ping", CotOutcome.PingType, now);

    /// <summary>The answer to a ping (<c>t-x-c-t-r</c>), as a TAK server gives it.</summary>
    public static byte[] Pong(DateTimeOffset now) => Event("takPong", CotOutcome.PongType, now);

    private static byte[] Event(string uid, string type, DateTimeOffset now)
    {
        var time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var stale = now.AddSeconds(StandsS).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<event version=\"2.0\" uid=\"{uid}\" type=\"{type}\" how=\"h-g-i-g-o\" " +
            $"time=\"{time}\" start=\"{time}\" stale=\"{stale}\"><point lat=\"0\" lon=\"0\" hae=\"0\" ce=\"9999999\" le=\"9999999\"/><detail/></event>");
    }
}

using System.Text.Json;

namespace Command.Host.Tests.Support;

/// <summary>What a host wrote to its own log files (compact JSON, written through, one event a line).</summary>
public static class HostLog
{
    /// <summary>Every line of <paramref name="host"/>'s log files so far, oldest first.</summary>
    public static List<LogLine> Lines(CommandHost host)
    {
        var lines = new List<LogLine>();
        foreach (var file in Directory.GetFiles(Path.Combine(host.DataPath, "logs"), "command-*.log").Order())
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } text)
            {
                using var json = JsonDocument.Parse(text);
                var level = json.RootElement.TryGetProperty("@l", out var l) ? l.GetString()! : "Information";
                lines.Add(new LogLine(level, json.RootElement.TryGetProperty("@x", out _), text));
            }
        }

        return lines;
    }
}

/// <summary>One line of a host's log: its level, whether it carries an exception, and the line as written.</summary>
public sealed record LogLine(string Level, bool Exception, string Text);

using Command.Recording.Hosting;
using Command.Recording.Storage;
using Command.Recording.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Command.Recording.Tests.Scenarios;

/// <summary>Session logs and stores on a per-test temporary folder.</summary>
public static class TestRecording
{
    public static string TempFolder() => Directory.CreateTempSubdirectory("command-rec-").FullName;

    /// <summary>Options with quick retries so outage tests finish promptly; the manifest is paced off unless asked.</summary>
    public static RecordingOptions Options(string spillFolder, Action<RecordingOptions>? configure = null)
    {
        var options = new RecordingOptions
        {
            SpillPath = spillFolder,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            BreakDuration = TimeSpan.FromMilliseconds(500),
            RequestTimeout = TimeSpan.FromSeconds(5),
            ManifestInterval = TimeSpan.FromHours(1),
        };
        configure?.Invoke(options);
        return options;
    }

    public static RecordingSessionLog Log(ISessionStore store, RecordingOptions options) =>
        new(store, options, TimeProvider.System, NullLogger<RecordingSessionLog>.Instance);
}

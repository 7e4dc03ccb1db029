using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Command.Recording.Hosting;

/// <summary>Refuses a recording configuration that could not work, at start-up rather than at the first event.</summary>
internal sealed partial class RecordingOptionsValidator : IValidateOptions<RecordingOptions>
{
    /// <summary>Largest append block every service version accepts.</summary>
    internal const int MaxAppendBlockBytes = 4 * 1024 * 1024;

    /// <summary>Most a listing of sessions may read before it answers: 1 GiB.</summary>
    internal const long MostListReadAtOnce = 1024L * 1024 * 1024;

    private static readonly TimeSpan PollyShortest = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan PollyLongest = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, RecordingOptions o)
    {
        var failures = new List<string>();
        if (o.Provider == RecordingProvider.Blob && string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            failures.Add("Recording:ConnectionString is required when Recording:Provider is Blob.");
        }
        else if (o.Provider == RecordingProvider.Blob && StorageConnection.Problem("Recording:ConnectionString", o.ConnectionString!) is { } unreadable)
        {
            failures.Add(unreadable + ".");
        }

        if (o.Provider == RecordingProvider.Blob && !ContainerName().IsMatch(o.Container))
        {
            failures.Add($"Recording:Container '{o.Container}' is not a blob container name (3-63 lower-case letters, digits, single hyphens).");
        }

        if (o.Provider == RecordingProvider.Disk && string.IsNullOrWhiteSpace(o.Path))
        {
            failures.Add("Recording:Path is required when Recording:Provider is Disk.");
        }

        if (string.IsNullOrWhiteSpace(o.SpillPath))
        {
            failures.Add("Recording:SpillPath is required.");
        }

        Check(failures, o.MaxBatchBytes is >= 4096 and <= MaxAppendBlockBytes, "Recording:MaxBatchBytes must be 4 KiB to 4 MiB (an append block's limit).");
        Check(failures, o.MaxSegmentBytes >= o.MaxBatchBytes, "Recording:MaxSegmentBytes must be at least Recording:MaxBatchBytes.");
        Check(failures, o.MaxSegmentBlocks is > 0 and <= 49_000, "Recording:MaxSegmentBlocks must be 1 to 49,000 (an append blob holds 50,000 blocks).");
        Check(failures, o.AppendRetries is >= 0 and <= 10, "Recording:AppendRetries must be 0 to 10.");
        Check(failures, o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay, "Recording:RetryBaseDelay must be positive and at most Recording:RetryMaxDelay.");
        Check(failures, o.BreakDuration >= TimeSpan.FromMilliseconds(500), "Recording:BreakDuration must be at least 0.5 s (Polly's minimum).");
        Check(failures, o.RequestTimeout > TimeSpan.Zero && o.AppendTimeout > TimeSpan.Zero && o.ShutdownDrainTimeout > TimeSpan.Zero && o.ManifestInterval >= TimeSpan.Zero,
            "Recording:RequestTimeout, Recording:AppendTimeout and Recording:ShutdownDrainTimeout must be positive, Recording:ManifestInterval not negative.");

        Check(failures, o.ListReadAtOnce is >= 0 and <= MostListReadAtOnce,
            $"Recording:ListReadAtOnce is {o.ListReadAtOnce.ToString(System.Globalization.CultureInfo.InvariantCulture)}: it must be 0 (every recording read apart from the listing) to {MostListReadAtOnce} bytes (1 GiB, some 16 s a listing would wait).");

        // Given to Polly, which takes 10 ms to a day and said so only as the first session opened, its recording lost.
        AtLeastTenMilliseconds(failures, "Recording:RequestTimeout", o.RequestTimeout);
        AtLeastTenMilliseconds(failures, "Recording:AppendTimeout", o.AppendTimeout);
        AtMostADay(failures, "Recording:RequestTimeout", o.RequestTimeout);
        AtMostADay(failures, "Recording:AppendTimeout", o.AppendTimeout);
        AtMostADay(failures, "Recording:BreakDuration", o.BreakDuration);
        AtMostADay(failures, "Recording:RetryMaxDelay", o.RetryMaxDelay);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AtLeastTenMilliseconds(List<string> failures, string setting, TimeSpan value) =>
        Check(failures, value <= TimeSpan.Zero || value >= PollyShortest, $"{setting} must be at least 10 ms (the shortest a storage request may be given); set it longer.");

    private static void AtMostADay(List<string> failures, string setting, TimeSpan value) =>
        Check(failures, value <= PollyLongest, $"{setting} must be at most 1 day (the longest the storage retries take); set it shorter.");

    private static void Check(List<string> failures, bool ok, string message)
    {
        if (!ok)
        {
            failures.Add(message);
        }
    }

    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}

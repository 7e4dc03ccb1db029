namespace Command.Host.Replays;

/// <summary>
/// A replay that was open cannot be shown now: its recording could not be read again to open it where it was (the
/// recording is gone, or unreadable). It says why, and tries again on a later call after
/// <see cref="ReplayGrain.ReopenRetry"/>; closing it forgets it. The HTTP API answers 503 with Retry-After.
/// </summary>
[GenerateSerializer]
public sealed class ReplayUnavailableException : Exception
{
    public ReplayUnavailableException(string replayId, string reason)
        : base(reason) => ReplayId = replayId;

    public ReplayUnavailableException()
    {
    }

    public ReplayUnavailableException(string message)
        : base(message)
    {
    }

    public ReplayUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    [Id(0)]
    public string ReplayId { get; init; } = "";
}

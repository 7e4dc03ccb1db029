namespace Command.Host.Replays;

/// <summary>
/// A control of a replay by someone who did not open it and may not drive any replay: a replay is a debrief room, which
/// everyone who may watch replays may watch and which the one who opened it drives. The HTTP API answers 403 naming
/// <see cref="Access.Rights.DriveAnyReplay"/>.
/// </summary>
[GenerateSerializer]
public sealed class ReplayNotYoursException : Exception
{
    public ReplayNotYoursException(string replayId, string drivenBy)
        : base($"replay '{replayId}' is driven by {drivenBy}, who opened it") => DrivenBy = drivenBy;

    public ReplayNotYoursException()
    {
    }

    public ReplayNotYoursException(string message)
        : base(message)
    {
    }

    public ReplayNotYoursException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Who drives the replay: the name of the one who opened it.</summary>
    [Id(0)]
    public string DrivenBy { get; init; } = "";
}

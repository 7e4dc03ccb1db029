namespace Command.Host.Sessions;

/// <summary>How long the recordings of closed incidents are kept (configuration section "Retention").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Delete a closed incident's recording once it has been closed this long. Default none: recordings are kept
    /// until someone deletes them. Every deletion is logged.
    /// </summary>
    public TimeSpan? ClosedSessionsFor { get; set; }

    /// <summary>How often closed incidents are looked over. Default 1 hour.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}

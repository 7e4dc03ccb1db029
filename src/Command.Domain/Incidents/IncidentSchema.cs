namespace Command.Domain.Incidents;

/// <summary>
/// Versions of an incident's stream, stamped on its <see cref="Events.IncidentOpened"/> (and so on every snapshot of
/// it), so a recording made by an older build folds exactly as it did when it was made.
/// </summary>
public static class IncidentSchema
{
    /// <summary>Recordings before versioning: the clock advanced by a recorded <see cref="Events.ClockTicked"/> every second.</summary>
    public const int RecordedTicks = 1;

    /// <summary>
    /// The clock ticks at every whole second of incident time, from the stream's own clock rather than a recorded
    /// event: replay ticks again exactly where live did, and a quiet incident records nothing.
    /// </summary>
    public const int ImplicitTicks = 2;

    /// <summary>
    /// Ticks as <see cref="ImplicitTicks"/>, and a unit flagged for not closing is followed by the units proposed to
    /// go instead (<see cref="Events.SendInsteadProposed"/>); older streams refold without them, as they were recorded.
    /// </summary>
    public const int SendInsteadProposals = 3;

    /// <summary>What this build writes.</summary>
    public const int Current = SendInsteadProposals;
}

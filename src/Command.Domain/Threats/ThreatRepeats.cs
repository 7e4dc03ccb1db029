using Command.Domain.Validation;

namespace Command.Domain.Threats;

/// <summary>
/// A threat set again as it stands: its marker sent again by a TAK device (ATAK broadcasts its markers every minute or
/// so, the same uid, point and text), a request sent again. Nothing of the threat changed, so nothing is recorded: no
/// "threat placed" on the board, in the feed or in the documents, and no refusal either, for it stands as asked. Its
/// times (a marker's stale) are not compared: they say when it was sent, not where or what the threat is.
/// </summary>
public static class ThreatRepeats
{
    /// <summary>
    /// A duplicate when <paramref name="next"/> is <paramref name="standing"/> in everything but its times; else null. A
    /// threat whose marker was deleted since is not standing as sent: the marker placed again answers the deletion. A
    /// sighting standing on it is not part of the threat as sent: its own marker sent again leaves the sighting standing.
    /// </summary>
    public static Rejection? Of(Threat? standing, Threat next) =>
        standing is not null && standing with { StaleAfter = null, Sighted = null } == next with { StaleAfter = null, Sighted = null }
            ? new Rejection(RejectReason.Duplicate, $"threat {next.ThreatId} already stands as sent, {ThreatPhases.Name(next.Phase)}: nothing recorded")
            : null;
}

using Command.Domain.AfterAction;
using Command.Domain.Events;
using Command.Domain.Geometry;
using Command.Domain.Validation;

namespace Command.Domain.Threats;

/// <summary>
/// A hostile marker with another uid than the one that placed a threat declared contained or neutralized is a new report
/// from the field, not the threat moving: officers drop duplicate markers on a barricaded subject all the time, and only a
/// commander takes back a containment (it brings the flags back). So it is recorded as a sighting of the threat, which
/// stays where it was contained, in its phase, and says so until a commander declares it active. Its own marker sent
/// again or moved moves it as before (<see cref="PhaseChanges.Marked"/>).
/// So is one dropped more than <see cref="MovedM"/> from an active threat: a suspicious package, a second caller's
/// location, a second subject. Before, it moved the shooter there without a word of command, and every officer at him
/// was flagged holding 200 m from the threat, his log saying he left contact. It stays a sighting until a commander
/// moves the threat (there, or anywhere) or the marker is deleted; one dropped within that of the threat marks it where
/// it stands, and is not recorded. A threat whose own marker was deleted on a device is placed by the next.
/// </summary>
public static class ThreatSightings
{
    /// <summary>How far a sighting's marker moves before it is said again: ATAK's own drift and a thumb's nudge stay under it.</summary>
    public const double MovedM = 30;

    /// <summary>True where <paramref name="marked"/>, a hostile marker setting the threat, is a sighting of <paramref name="standing"/>.</summary>
    public static bool Sights(Threat? standing, Threat marked) =>
        standing is { } threat && marked.Marker is not null && threat.Marker != marked.Marker
        && (FlagSuppression.Suppresses(threat.Phase) || (threat.IsActive && threat.MarkerDeleted is null));

    /// <summary>
    /// The sighting to record; or a duplicate where the sighting standing is the same marker's, moved no more than
    /// <see cref="MovedM"/> (ATAK broadcasts its markers every minute or so).
    /// </summary>
    public static (ThreatSighted? Sighted, Rejection? Repeat) Of(Threat standing, Threat marked, string actor, LocalFrame frame)
    {
        var at = frame.ToLocal(marked.Position);
        if (standing.IsActive && frame.ToLocal(standing.Position).DistanceTo(at) is var off and <= MovedM)
        {
            return (null, new Rejection(RejectReason.Duplicate,
                $"hostile marker {marked.Marker} marks threat {standing.ThreatId} where it stands ({off:0} m from it): nothing recorded"));
        }

        if (standing.Sighted is { } seen && seen.Marker == marked.Marker && frame.ToLocal(seen.Position).DistanceTo(at) <= MovedM)
        {
            return (null, new Rejection(RejectReason.Duplicate,
                $"hostile marker {seen.Marker} is already recorded as a sighting of threat {standing.ThreatId}, {ThreatPhases.Name(standing.Phase)}, within {MovedM:0} m of where it is now: nothing recorded"));
        }

        return (new ThreatSighted(standing.ThreatId, marked.Marker!, marked.Position, AfterActionWords.Heading(frame.ToLocal(standing.Position), at), standing.Phase, actor), null);
    }
}

using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Events;
using Command.Domain.Incidents;

namespace Command.Domain.Views;

/// <summary>
/// The zones' flags a feed may show: up, at which level and acknowledged or not as its recorded flag events say (a
/// frame never shows what the recording does not hold: a flag raised in a batch on its way to the recording waits for
/// it), each in the words of the incident's clock where the fold has the same flag (see
/// <see cref="IncidentProjection.ZoneFlags"/>): its rule broken for as long as it has been, not as long as when the
/// event was recorded.
/// </summary>
internal sealed class ZoneFlagsShown
{
    // By subject; null until taken from a whole picture.
    private Dictionary<string, ZoneFlagShown>? up;

    /// <summary>Forgets them: the next are taken from the whole picture.</summary>
    public void Forget() => up = null;

    /// <summary>Takes them from the whole picture, as a full frame shows it, and answers them.</summary>
    public ImmutableArray<ZoneFlagShown> From(IncidentProjection projection)
    {
        ImmutableArray<ZoneFlagShown> all = [.. projection.ZoneFlags()];
        up = all.ToDictionary(f => f.Subject, StringComparer.Ordinal);
        return all;
    }

    /// <summary>Notes a recorded event: a zone's flag raised, escalated, acknowledged or cleared.</summary>
    public void Notice(IncidentEvent e)
    {
        if (up is null)
        {
            return;
        }

        switch (e)
        {
            case FlagRaised r when ClosingAssessment.IsZoneSubject(r.Subject):
                up[r.Subject] = new ZoneFlagShown(r.Subject, r.Level, r.Rule, r.Reason, r.Time, false);
                break;
            case FlagEscalated x when ClosingAssessment.IsZoneSubject(x.Subject):
                up[x.Subject] = up.TryGetValue(x.Subject, out var was)
                    ? was with { Level = x.Level, Reason = x.Reason, Acknowledged = was.Acknowledged || x.Acknowledged }
                    : new ZoneFlagShown(x.Subject, x.Level, x.Rule, x.Reason, x.Time, x.Acknowledged);
                break;
            case FlagAcknowledged a when up.TryGetValue(a.Subject, out var acknowledged):
                up[a.Subject] = acknowledged with { Acknowledged = true };
                break;
            case FlagCleared c:
                up.Remove(c.Subject);
                break;
        }
    }

    /// <summary>The flags up as recorded, in the words of the fold's clock where it has the same flag.</summary>
    public ImmutableArray<ZoneFlagShown> Now(IncidentProjection projection)
    {
        if (up is null)
        {
            return From(projection);
        }

        var live = projection.ZoneFlags().ToDictionary(f => f.Subject, StringComparer.Ordinal);
        return [.. up.Values.OrderBy(f => f.Subject, StringComparer.Ordinal)
            .Select(f => live.TryGetValue(f.Subject, out var now) && now.Level == f.Level && now.Acknowledged == f.Acknowledged ? now : f)];
    }
}

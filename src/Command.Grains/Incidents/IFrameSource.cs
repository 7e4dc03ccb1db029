using Command.Domain.Views;

namespace Command.Grains.Incidents;

/// <summary>
/// A grain whose frames hosts fan out to the browsers watching it: a live incident, or a replay of a recorded one.
/// A host subscribes once per feed however many of its browsers watch, and renews the subscription on a timer.
/// </summary>
public interface IFrameSource : IGrainWithStringKey
{
    /// <summary>
    /// Subscribes or renews a subscription; observers that do not renew within two minutes are dropped. True when this
    /// source did not hold the subscription, so has sent the observer nothing before: its first, one dropped, or one held
    /// by an activation that is gone (its host died, it was activated again); then what the observer heard before it, if
    /// anything, is missing all that came between.
    /// </summary>
    Task<bool> Subscribe(IIncidentObserver observer);

    Task Unsubscribe(IIncidentObserver observer);

    /// <summary>
    /// Everything a newly connected view needs: the whole picture, marked full; null when there is none to show (no such
    /// incident, or no replay open under that id).
    /// </summary>
    Task<IncidentFrame?> GetFullFrame();
}

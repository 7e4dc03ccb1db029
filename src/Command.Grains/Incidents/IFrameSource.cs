namespace Command.Grains.Incidents;

/// <summary>
/// A grain whose frames hosts fan out to the browsers watching it: a live incident, or a replay of a recorded one.
/// A host subscribes once per feed however many of its browsers watch, and renews the subscription on a timer.
/// </summary>
public interface IFrameSource : IGrainWithStringKey
{
    /// <summary>Subscribes or renews a subscription; observers that do not renew within two minutes are dropped.</summary>
    Task Subscribe(IIncidentObserver observer);

    Task Unsubscribe(IIncidentObserver observer);
}

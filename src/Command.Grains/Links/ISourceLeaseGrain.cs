namespace Command.Grains.Links;

/// <summary>
/// One source every host of the cluster could connect out to (a KISS TNC), keyed by where it is reached
/// (<c>kiss/host:port</c>): which host connects to it, so that what it sends comes in once.
/// </summary>
public interface ISourceLeaseGrain : IGrainWithStringKey
{
    /// <summary>
    /// Holds the source for <paramref name="holder"/> for <paramref name="term"/>, or renews its hold, saying why it hears
    /// nothing from the source (<paramref name="down"/>; null where it does): null when it is the holder's, or the host
    /// that holds it and how it stands.
    /// </summary>
    Task<SourceHolder?> Hold(string holder, TimeSpan term, string? down = null);

    /// <summary>Lets go of the source where <paramref name="holder"/> holds it.</summary>
    Task LetGo(string holder);
}

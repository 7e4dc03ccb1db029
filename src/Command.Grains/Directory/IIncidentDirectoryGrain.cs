using System.Collections.Immutable;
using Command.Domain.Validation;

namespace Command.Grains.Directory;

/// <summary>
/// The cluster's list of incidents, so dispatch can find them, and what keeps their number bounded: how many may be
/// open at once, and how long closed ones are kept. One instance, keyed <see cref="Key"/>.
/// </summary>
public interface IIncidentDirectoryGrain : IGrainWithStringKey
{
    const string Key = "all";

    /// <summary>
    /// Makes room for an incident about to be opened: null when it may open (or is open already), else why not
    /// (the limit of open incidents is reached, or an incident of that id was closed).
    /// </summary>
    Task<Rejection?> Reserve(string incidentId, int maxOpen, DateTimeOffset at);

    Task Register(IncidentListing listing);

    /// <summary>The incident was closed: it no longer counts against the limit.</summary>
    Task Closed(string incidentId, DateTimeOffset at);

    Task<ImmutableArray<IncidentListing>> List();

    /// <summary>
    /// Takes the incidents closed at least <paramref name="retainFor"/> before <paramref name="now"/> off the list and
    /// returns them, for their recordings to be deleted. Each is handed out once, whichever host asks.
    /// </summary>
    Task<ImmutableArray<IncidentListing>> ClaimExpired(DateTimeOffset now, TimeSpan retainFor);
}

/// <summary>An incident's entry in the directory.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentListing(string IncidentId, string Name, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt = null);

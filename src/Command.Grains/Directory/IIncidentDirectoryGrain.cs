using System.Collections.Immutable;

namespace Command.Grains.Directory;

/// <summary>The list of incidents, so dispatch can find them. One instance, keyed <see cref="Key"/>.</summary>
public interface IIncidentDirectoryGrain : IGrainWithStringKey
{
    const string Key = "all";

    Task Register(IncidentListing listing);

    Task<ImmutableArray<IncidentListing>> List();
}

/// <summary>An incident's entry in the directory.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentListing(string IncidentId, string Name, DateTimeOffset OpenedAt);

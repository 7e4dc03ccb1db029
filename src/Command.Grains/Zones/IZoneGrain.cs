using System.Collections.Immutable;
using Command.Domain.Sites;

namespace Command.Grains.Zones;

/// <summary>A zone of an incident: its geometry, and who is inside since when. Keyed by <see cref="ZoneKey"/>.</summary>
public interface IZoneGrain : IGrainWithStringKey
{
    Task Define(Zone zone);

    /// <summary>Units that entered and left, as the incident saw them at <paramref name="at"/>.</summary>
    Task Update(ImmutableArray<string> entered, ImmutableArray<string> left, DateTimeOffset at);

    Task<ZoneOccupancyView?> Get();
}

/// <summary>A zone and its occupants.</summary>
[GenerateSerializer, Immutable]
public sealed record ZoneOccupancyView(Zone Zone, ImmutableArray<ZoneOccupant> Occupants);

using System.Collections.Immutable;
using Command.Domain.Sites;

namespace Command.Grains.Zones;

/// <summary>A zone of an incident: its geometry, and who is inside since when. Keyed by <see cref="ZoneKey"/>.</summary>
public interface IZoneGrain : IGrainWithStringKey
{
    Task Define(Zone zone);

    /// <summary>
    /// Who is inside now and since when, as the incident's fold of its reports has it after sequence
    /// <paramref name="asOf"/>. The incident tells zones without waiting for the last telling to land, so one older
    /// than the zone already has is ignored.
    /// </summary>
    Task Occupy(ImmutableArray<ZoneOccupant> occupants, long asOf);

    Task<ZoneOccupancyView?> Get();
}

/// <summary>A zone and its occupants.</summary>
[GenerateSerializer, Immutable]
public sealed record ZoneOccupancyView(Zone Zone, ImmutableArray<ZoneOccupant> Occupants);

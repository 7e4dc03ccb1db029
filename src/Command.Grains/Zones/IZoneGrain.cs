using System.Collections.Immutable;
using Command.Domain.Assessment;
using Command.Domain.Sites;

namespace Command.Grains.Zones;

/// <summary>
/// A zone of an incident as its staff watch it: who is inside and since when, how long its rule has been broken,
/// and its flag. Keyed by <see cref="ZoneKey"/>. A read model: the incident's fold is the truth and tells it, off the
/// report path and without waiting.
/// </summary>
public interface IZoneGrain : IGrainWithStringKey
{
    /// <summary>The zone as it stands after the incident's sequence <see cref="ZoneReading.AsOf"/>; an older telling than the zone has is ignored.</summary>
    Task Tell(ZoneReading reading);

    Task<ZoneReading?> Get();
}

/// <summary>A zone's state as of one point in its incident's stream.</summary>
/// <param name="Zone">The zone.</param>
/// <param name="Occupants">The units inside, longest there first; a stale one is listed where it was last heard, and counts for no rule.</param>
/// <param name="RuleBrokenSince">Since when its rule (a hot zone with no contact unit, a casualty collection point with no medical unit) has been broken; null when it holds or the zone has no rule.</param>
/// <param name="Flag">Its flag, if one is up.</param>
/// <param name="AsOf">The incident's sequence this reading is as of.</param>
[GenerateSerializer, Immutable]
public sealed record ZoneReading(Zone Zone, ImmutableArray<ZoneOccupant> Occupants, DateTimeOffset? RuleBrokenSince, ZoneFlag? Flag, long AsOf);

/// <summary>A unit inside a zone, and since when.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Callsign">Its callsign.</param>
/// <param name="Since">Since when it is inside: where its reports placed it, from the first of them there (or the first since a silence).</param>
/// <param name="SilentSince">
/// When the unit was last heard, while the board shows it stale: placed inside by its last reports, it is not known to
/// be there still, and counts for no rule of the zone until it reports again. Null while it is heard.
/// </param>
[GenerateSerializer, Immutable]
public sealed record ZoneOccupant(string UnitId, string Callsign, DateTimeOffset Since, DateTimeOffset? SilentSince = null);

/// <summary>A zone's flag: level, reason, when it went up and whether a commander acknowledged it.</summary>
[GenerateSerializer, Immutable]
public sealed record ZoneFlag(FlagLevel Level, string Rule, string Reason, DateTimeOffset RaisedAt, bool Acknowledged);

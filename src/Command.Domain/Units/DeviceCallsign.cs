using System.Collections.Immutable;
using Command.Domain.Events;

namespace Command.Domain.Units;

/// <summary>
/// What a unit's device calls itself: the callsign on its latest accepted report that carried one, and the callsigns it
/// was said to turn to. The first it reports is no change, whatever the unit is enrolled as; a turn to another is said
/// once for each callsign (a device that flaps between two, or two devices under one uid, is said twice, not at every
/// report), and no more than <see cref="MostSaid"/> times for a unit.
/// </summary>
/// <param name="Callsign">What the device called itself on its latest report that said.</param>
/// <param name="Said">The callsigns it was said to turn to, in order.</param>
[GenerateSerializer, Immutable]
public sealed record DeviceCallsign(string Callsign, ImmutableArray<string> Said)
{
    /// <summary>The most turns said for one unit: 10. The board still shows what its device calls itself after that.</summary>
    public const int MostSaid = 10;

    /// <summary>What a device that had not said its callsign calls itself on its first report that does.</summary>
    public static DeviceCallsign? First(string? callsign) => callsign is null ? null : new(callsign, []);

    /// <summary>The turn to say, where <paramref name="reported"/> is one the device was not said to turn to before; else null.</summary>
    public UnitDeviceRenamed? Turn(string unitId, string? reported) =>
        reported is null || reported == Callsign || Said.Contains(reported) || Said.Length >= MostSaid
            ? null
            : new UnitDeviceRenamed(unitId, reported, Callsign);

    /// <summary>After a report: what it says the device calls itself, where it says.</summary>
    public DeviceCallsign Reported(string? callsign) => callsign is null || callsign == Callsign ? this : this with { Callsign = callsign };

    /// <summary>After a turn said.</summary>
    public DeviceCallsign Turned(string callsign) => new(callsign, Said.Add(callsign));

    // Equal by what the device called itself and the turns said, not by which array holds them: a state read back from a
    // snapshot is the state that was written.
    public bool Equals(DeviceCallsign? other) =>
        other is not null && Callsign == other.Callsign && Said.SequenceEqual(other.Said, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Callsign, Said.Length);
}

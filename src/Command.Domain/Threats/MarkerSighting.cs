using Command.Domain.Geometry;

namespace Command.Domain.Threats;

/// <summary>
/// A hostile marker other than the one the threat was placed from, dropped while the threat stands contained or
/// neutralized: a new report from the field (a second subject, or the contained one breaking out), or a duplicate marker
/// on a barricaded subject. Said, never judged: the threat stays where the commander contained it, in its phase, until
/// a commander declares it active, the marker is deleted or the incident closes (see <see cref="ThreatSightings"/>). Or
/// one dropped away from an active threat (a suspicious package, a second caller's location): the threat stays where it
/// is until a commander moves it.
/// </summary>
/// <param name="At">When the incident learnt of it.</param>
/// <param name="Marker">The marker's uid.</param>
/// <param name="Position">Where the marker was dropped.</param>
/// <param name="Heading">How far and which way from the threat: "25 m north".</param>
/// <param name="Actor">The marker and where it came from, and who placed it where it says: "cot:HOSTILE-9@10.0.0.5, placed by ZULU 1".</param>
[GenerateSerializer, Immutable]
public sealed record MarkerSighting(DateTimeOffset At, string Marker, GeoPoint Position, string Heading, string Actor)
{
    // What the CoT listeners append to a marker's source where the marker says who dropped it.
    private const string PlacedBy = ", placed by ";

    /// <summary>
    /// The sighting in words: "new hostile marker HOSTILE-9 placed by ZULU 1 at 19:32:01, 25 m north of T1, which is
    /// contained: T1 stays contained until a commander declares it active"; without "at …" where <paramref name="at"/> is null.
    /// </summary>
    public string Words(string threatId, ThreatPhase phase, string? at) => Said(Marker, Heading, Actor, threatId, phase, at);

    /// <summary>
    /// A sighting in words, from its parts (see <see cref="Words"/>); of an active threat, "…, which is active: T1 stays where
    /// it is until a commander moves it".
    /// </summary>
    public static string Said(string marker, string heading, string actor, string threatId, ThreatPhase phase, string? at)
    {
        var name = ThreatPhases.Name(phase);
        return $"new hostile marker {marker} {By(actor)}{(at is null ? "" : $" at {at}")}, {heading} of {threatId}, which is {name}: "
            + (phase == ThreatPhase.Active ? $"{threatId} stays where it is until a commander moves it" : $"{threatId} stays {name} until a commander declares it active");
    }

    /// <summary>Who dropped the marker, where it says ("placed by ZULU 1"); else where it came from ("from cot:HOSTILE-9@10.0.0.5").</summary>
    public static string By(string actor) =>
        actor.LastIndexOf(PlacedBy, StringComparison.Ordinal) is var at and >= 0 ? $"placed by {actor[(at + PlacedBy.Length)..]}" : $"from {actor}";
}

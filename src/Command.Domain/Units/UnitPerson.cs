namespace Command.Domain.Units;

/// <summary>
/// Who staffs a unit, for the ICS-214 activity log: each part optional, and what is not known is left blank on the
/// form on purpose rather than guessed.
/// </summary>
/// <param name="Name">The person's name.</param>
/// <param name="Agency">Their home agency.</param>
/// <param name="IcsPosition">Their ICS position ("Entry Team Leader").</param>
[GenerateSerializer, Immutable]
public sealed record UnitPerson(string? Name, string? Agency, string? IcsPosition)
{
    /// <summary>Null when nothing is known, so a recording stays as it was without these fields.</summary>
    public static UnitPerson? Of(string? name, string? agency, string? icsPosition)
    {
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        // The name is kept composed, as a person's name is: José typed with e and a combining acute is the José on the form.
        return Clean(name) is null && Clean(agency) is null && Clean(icsPosition) is null ? null
            : new(Clean(name) is { } named ? Text.CanonicalComposition.Compose(named) : null, Clean(agency), Clean(icsPosition));
    }
}

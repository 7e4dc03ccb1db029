namespace Command.Grains.Access;

/// <summary>Why an access change was refused: a machine-readable reason (kebab case) and a sentence.</summary>
[GenerateSerializer, Immutable]
public sealed record AccessRefusal(string Reason, string Detail)
{
    public static AccessRefusal UnknownPerson(string userName) => new("unknown-person", $"nobody is called '{userName}'");

    /// <summary>
    /// Not a refusal but that nothing was to be done: the person holds the roles given already. Nothing is written, and
    /// the audit says nothing, for nothing changed.
    /// </summary>
    public static AccessRefusal Unchanged(string userName) => new(UnchangedReason, $"'{userName}' holds those roles already");

    /// <summary>The reason of <see cref="Unchanged"/>.</summary>
    public const string UnchangedReason = "unchanged";

    public static AccessRefusal UnknownToken(string id) => new("unknown-token", $"no token has the id '{id}'");

    public static AccessRefusal UnknownDevice(string id) => new("unknown-device", $"no device credential has the id '{id}'");
}

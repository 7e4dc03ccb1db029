namespace Command.Domain.Annotations;

/// <summary>
/// Who writes, amends or withdraws a note: the name the record shows (<paramref name="Name"/>), the identity behind it
/// (<paramref name="Id"/>: a person's, which someone removed and added again under the same name does not inherit, or a
/// token's), and since when that identity stands (<paramref name="Since"/>: when the person or token was added).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NoteAuthor([property: Id(0)] string Name, [property: Id(1)] string Id, [property: Id(2)] DateTimeOffset Since)
{
    /// <summary>
    /// True when this author wrote <paramref name="annotation"/>: its identity is theirs; or, for one written before
    /// identities were kept (name only), it bears their name and was written since they were added, so a person added
    /// again under a name after it was written is not taken for the one who wrote it.
    /// </summary>
    public bool Wrote(Annotation annotation) =>
        annotation.AuthorId is { } id
            ? string.Equals(id, Id, StringComparison.Ordinal)
            : string.Equals(annotation.Author, Name, StringComparison.Ordinal) && annotation.Written >= Since;
}

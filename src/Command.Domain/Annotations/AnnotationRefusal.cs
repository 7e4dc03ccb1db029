namespace Command.Domain.Annotations;

/// <summary>
/// Why an annotation was not kept: a note or a rating decision only when the session is full
/// (<see cref="LimitReached"/>); an amendment or a withdrawal for any of these.
/// </summary>
[GenerateSerializer]
public enum AnnotationRefusalReason
{
    /// <summary>No annotation of the session has that number.</summary>
    UnknownNote,

    /// <summary>The number names a rating decision, an amendment or a withdrawal: not a note.</summary>
    NotANote,

    /// <summary>The note was withdrawn: it can be neither amended nor withdrawn again.</summary>
    Withdrawn,

    /// <summary>The caller did not write the note and may not change anyone else's.</summary>
    NotTheAuthor,

    /// <summary>The amendment would leave the note as it is.</summary>
    Unchanged,

    /// <summary>The change breaks <see cref="AnnotationRules"/>: its detail is "field: what is wrong".</summary>
    Invalid,

    /// <summary>The session holds <see cref="AnnotationRules.MaxPerSession"/> annotations: it keeps no more of any kind.</summary>
    LimitReached,
}

/// <summary>An annotation refused: the named reason, and a sentence saying why.</summary>
[GenerateSerializer, Immutable]
public sealed record AnnotationRefusal(AnnotationRefusalReason Reason, string Detail);

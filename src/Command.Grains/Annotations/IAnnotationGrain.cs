using System.Collections.Immutable;
using Command.Domain.Annotations;

namespace Command.Grains.Annotations;

/// <summary>
/// One session's annotation stream (evaluator notes, rating decisions, and the amendments and withdrawals of notes),
/// keyed by incident id: the one writer of the stream kept beside the session's recording, which it only ever appends
/// to. Nothing here reaches the incident's frames; hosts whose browsers read the notes hear of each change as observers.
/// </summary>
public interface IAnnotationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Numbers a note or a rating decision after the last annotation, keeps it, and returns it as kept; or, where the
    /// session holds <see cref="AnnotationRules.MaxPerSession"/> annotations, keeps nothing and says so
    /// (<see cref="AnnotationRefusalReason.LimitReached"/>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The annotation breaks <see cref="AnnotationRules"/>, or it is an amendment or a withdrawal (which
    /// <see cref="Amend"/> and <see cref="Withdraw"/> keep, having checked the note).
    /// </exception>
    Task<AnnotationAnswer> Add(Annotation annotation);

    /// <summary>
    /// Amends note <paramref name="note"/> as <paramref name="edit"/> asks, when <paramref name="author"/> wrote it or
    /// <paramref name="mayChangeAny"/>: keeps a <see cref="NoteAmended"/> after the last annotation and returns it, or
    /// says why not (<see cref="NoteBook.Amend"/>, or <see cref="AnnotationRefusalReason.LimitReached"/> where the session
    /// is full); decided and kept in one turn, so no other change comes between.
    /// </summary>
    Task<AnnotationAnswer> Amend(long note, NoteEdit edit, string? reason, NoteAuthor author, DateTimeOffset written, bool mayChangeAny);

    /// <summary>Withdraws note <paramref name="note"/>, as <see cref="Amend"/> amends it: a reason is required.</summary>
    Task<AnnotationAnswer> Withdraw(long note, string reason, NoteAuthor author, DateTimeOffset written, bool mayChangeAny);

    /// <summary>Every annotation kept, in order.</summary>
    Task<ImmutableArray<Annotation>> List();

    /// <summary>
    /// Subscribes or renews a subscription to hear of each annotation kept; observers that do not renew within two
    /// minutes are dropped. True when this activation did not hold it (its first, one dropped, or one held by an
    /// activation that is gone): whatever was kept meanwhile the observer did not hear of.
    /// </summary>
    Task<bool> Subscribe(IAnnotationObserver observer);

    Task Unsubscribe(IAnnotationObserver observer);
}

/// <summary>
/// An annotation kept, or why it was refused. <paramref name="Repeated"/>: the note sent was one already kept, sent again
/// (<see cref="NoteBook.Repeated"/>), and <paramref name="Kept"/> is that note, not kept a second time.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AnnotationAnswer([property: Id(0)] Annotation? Kept, [property: Id(1)] AnnotationRefusal? Refused, [property: Id(2)] bool Repeated = false);

/// <summary>A host whose browsers read a session's notes: told of each annotation kept, so they read them again.</summary>
public interface IAnnotationObserver : IGrainObserver
{
    [OneWay]
    Task OnAnnotated(string incidentId, long number);
}

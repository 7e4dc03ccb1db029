using System.Collections.Immutable;
using Command.Domain.Annotations;

namespace Command.Grains.Annotations;

/// <summary>
/// One session's annotation stream (evaluator notes, rating decisions), keyed by incident id: the one writer of the
/// stream kept beside the session's recording. Nothing here reaches the incident's frames.
/// </summary>
public interface IAnnotationGrain : IGrainWithStringKey
{
    /// <summary>Numbers the annotation after the last one, keeps it, and returns it as kept.</summary>
    /// <exception cref="ArgumentException">The annotation breaks <see cref="AnnotationRules"/>, or the session holds the most it may.</exception>
    Task<Annotation> Add(Annotation annotation);

    /// <summary>Every annotation kept, in order.</summary>
    Task<ImmutableArray<Annotation>> List();
}

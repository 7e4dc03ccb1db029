using System.Collections.Immutable;

namespace Command.Domain.Annotations;

/// <summary>
/// Where a session's annotations are kept, beside its recording (the recording layer implements it over the same
/// store); one writer per session at a time, the incident's annotation grain.
/// </summary>
public interface IAnnotationLog
{
    /// <summary>Every annotation kept for the session, in order; empty when there are none.</summary>
    Task<ImmutableArray<Annotation>> ReadAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>Appends one numbered annotation after those read; completes once it is durable.</summary>
    Task AppendAsync(string incidentId, Annotation annotation, CancellationToken cancellationToken);
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using Command.Domain.Annotations;

namespace Command.Grains.Tests.Support;

/// <summary>Annotations kept in memory per session, as the recording layer keeps them beside a session.</summary>
public sealed class MemoryAnnotationLog : IAnnotationLog
{
    private readonly ConcurrentDictionary<string, ImmutableArray<Annotation>> kept = new(StringComparer.Ordinal);

    public Task<ImmutableArray<Annotation>> ReadAsync(string incidentId, CancellationToken cancellationToken) =>
        Task.FromResult(kept.GetValueOrDefault(incidentId, []));

    public Task AppendAsync(string incidentId, Annotation annotation, CancellationToken cancellationToken)
    {
        kept.AddOrUpdate(incidentId, [annotation], (_, list) => list.Add(annotation));
        return Task.CompletedTask;
    }
}
